import type { DatabaseDefinition } from '@ms/platform-database';
import { MESSAGING_TABLES } from '@ms/platform-messaging';
import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { User } from './app/users/user.entity';
import { CreateUsers1700000000000 } from './migrations/1700000000000-create-users';
import { AddUserOrderCount1796169600000 } from './migrations/1796169600000-add-user-order-count';

/** This service's database: its entities and the committed migrations that create them (and messaging's tables). */
export const DATABASE: DatabaseDefinition = {
  serviceName: USER_MANAGEMENT_SERVICE.name,
  entities: [User],
  migrations: [CreateUsers1700000000000, AddUserOrderCount1796169600000],
  libraryTables: [MESSAGING_TABLES],
};
