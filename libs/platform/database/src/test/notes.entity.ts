import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The entity of the test service: a title that must be unique. */
@Entity('note')
export class Note {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  title!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** An entity nobody wrote a migration for: the schema check must catch it. */
@Entity('tag')
export class Tag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  label!: string;
}
