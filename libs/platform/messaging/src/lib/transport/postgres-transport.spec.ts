import { Client } from 'pg';
import { describeMessagingBehaviour } from '../../test/messaging-behaviour';
import { onServer } from '../../test/messaging-harness';
import { sameServerDatabaseUrl } from './create-transport';

// The zero-setup transport: a messaging database on the server of the service database (the embedded cluster, or
// DATABASE_URL's server when set). AMQP_URL is removed so this file always tests PostgreSQL.
const env: NodeJS.ProcessEnv = { ...process.env, AMQP_URL: undefined };

describe('PostgreSQL transport', () => {
  describeMessagingBehaviour({
    env,
    // Really unreachable: the database refuses new connections and the open ones are terminated.
    takeDown: async (settings, url) => {
      await onServer(url, `ALTER DATABASE "${settings.messagingDatabase}" ALLOW_CONNECTIONS false`);
      await onServer(
        url,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${settings.messagingDatabase}' AND pid <> pg_backend_pid()`,
      );
    },
    bringUp: (settings, url) => onServer(url, `ALTER DATABASE "${settings.messagingDatabase}" ALLOW_CONNECTIONS true`),
    deadLetterEventIds: async (settings, url, queue) => {
      const client = new Client({ connectionString: sameServerDatabaseUrl(url, settings.messagingDatabase) });
      await client.connect();
      try {
        const { rows } = await client.query<{ event_id: string }>('SELECT event_id FROM messaging_dead_letters WHERE queue = $1', [queue]);
        return rows.map((row) => row.event_id);
      } finally {
        await client.end();
      }
    },
  });
});
