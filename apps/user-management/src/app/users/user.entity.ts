import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UserStatus } from '@ms/contracts-user-management';

@Entity({ name: 'users' })
// Registration (duplicate check) and login look accounts up by email; emails are stored in lower case.
@Index('UQ_users_email', ['email'], { unique: true })
@Check('CHK_users_status', `"status" IN ('active', 'disabled')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** argon2id PHC string. Not loaded unless a query asks for it explicitly (`addSelect`). */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 80 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: UserStatus;

  /** Access tokens carry the value current at login; disabling the account increments it, revoking them all. */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion!: number;

  /** Orders placed and not cancelled, counted from order-processing's events (see order-events.handler.ts). */
  @Column({ name: 'order_count', type: 'integer', default: 0 })
  orderCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
