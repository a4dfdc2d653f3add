import type { LibraryTables } from '@ms/platform-database';
import { ProcessedEvent } from '../consumer/processed-event.entity';
import { CreateMessagingTables1767225600000 } from './create-messaging-tables.migration';
import { IndexUnsentOutbox1796169600001 } from './index-unsent-outbox.migration';
import { OutboxMessage } from './outbox-message.entity';

/**
 * Messaging's tables (the outbox, processed events) and their migrations, kept in each service's own database so an
 * event commits with the change that caused it. A service names them once: `libraryTables: [MESSAGING_TABLES]` in
 * its DatabaseDefinition (src/database.ts).
 */
export const MESSAGING_TABLES: LibraryTables = {
  library: '@ms/platform-messaging',
  entities: [OutboxMessage, ProcessedEvent],
  migrations: [CreateMessagingTables1767225600000, IndexUnsentOutbox1796169600001],
};
