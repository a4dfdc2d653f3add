import { CreateNotes1700000000000, databaseTestEnv } from '../../test/notes-service';
import { Note, Tag } from '../../test/notes.entity';
import { assertMigrationsMatchEntities, SchemaDriftError } from './schema-drift';

describe('assertMigrationsMatchEntities', () => {
  const env = databaseTestEnv();

  it('passes when the migrations build what the entities describe', async () => {
    await expect(
      assertMigrationsMatchEntities({
        serviceName: 'notes',
        entities: [Note],
        migrations: [CreateNotes1700000000000],
        env,
      }),
    ).resolves.toBeUndefined();
  });

  it('fails listing the SQL for an entity without a migration', async () => {
    const check = assertMigrationsMatchEntities({
      serviceName: 'notes',
      entities: [Note, Tag],
      migrations: [CreateNotes1700000000000],
      env,
    });
    await expect(check).rejects.toBeInstanceOf(SchemaDriftError);
    await expect(check).rejects.toThrow(/CREATE TABLE "tag"/);
  });

  it('fails when there are no migrations at all', async () => {
    await expect(
      assertMigrationsMatchEntities({ serviceName: 'notes', entities: [Note], migrations: [], env }),
    ).rejects.toThrow(/CREATE TABLE "note"/);
  });
});
