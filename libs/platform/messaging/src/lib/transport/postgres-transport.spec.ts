import { Client } from 'pg';
import { describeMessagingBehaviour } from '../../test/messaging-behaviour';
import { sameServerDatabaseUrl } from './create-transport';

// The zero-setup transport: a messaging database on the server of the service database (the embedded cluster, or
// DATABASE_URL's server when set). AMQP_URL is removed so this file always tests PostgreSQL.
const env: NodeJS.ProcessEnv = { ...process.env, AMQP_URL: undefined };

describe('PostgreSQL transport', () => {
  describeMessagingBehaviour({
    env,
    deadLetterEventIds: async (settings, url, queue) => {
      const client = new Client({ connectionString: sameServerDatabaseUrl(url, settings.messagingDatabase) });
      await client.connect();
      try {
        const { rows } = await client.query<{ event_id: string }>(
          'SELECT event_id FROM messaging_dead_letters WHERE queue = $1',
          [queue],
        );
        return rows.map((row) => row.event_id);
      } finally {
        await client.end();
      }
    },
  });
});
