import type { DatabaseDefinition } from '@ms/platform-database';
import { USER_MANAGEMENT_SERVICE } from '@ms/contracts-user-management';
import { User } from './app/users/user.entity';
import { CreateUsers1700000000000 } from './migrations/1700000000000-create-users';

/** This service's database: its entities and the committed migrations that create them. */
export const DATABASE: DatabaseDefinition = {
  serviceName: USER_MANAGEMENT_SERVICE.name,
  entities: [User],
  migrations: [CreateUsers1700000000000],
};
