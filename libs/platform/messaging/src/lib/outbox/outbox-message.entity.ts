import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventEnvelope } from '../events/event';

/** An event written in the publisher's transaction, waiting for (or already moved by) the relay. */
@Entity('outbox')
// The relay's query (unsent rows, oldest first) reads only this small index, however many sent rows the table keeps.
@Index('IDX_outbox_unsent', ['id'], { where: '"sent_at" IS NULL' })
export class OutboxMessage {
  /** Commit order is relay order. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  envelope!: EventEnvelope;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
