import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per event a consumer has applied, written in the same transaction as the handler's effect. */
@Entity('processed_events')
export class ProcessedEvent {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
