import { resolveDatabase, runMigrations, type DatabaseDefinition } from '../data-source';

/**
 * The production migration command (`main.js --migrate-only`, e.g. a Kubernetes Job before a rollout): applies
 * pending migrations, prints what it applied and exits 0, or prints the reason and exits 1.
 */
export async function migrateAndExit(definition: DatabaseDefinition): Promise<never> {
  try {
    const { options, target } = await resolveDatabase(definition);
    const applied = await runMigrations(options);
    process.stdout.write(
      `${definition.serviceName}: ${applied.length} migration(s) applied${applied.length ? `: ${applied.map((m) => m.name).join(', ')}` : ''}\n`,
    );
    await target.release();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${definition.serviceName}: migration failed: ${(error as Error)?.message ?? error}\n`);
    process.exit(1);
  }
}
