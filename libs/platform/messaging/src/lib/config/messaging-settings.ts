/** Messaging configuration read from the environment (all optional). */
export interface MessagingSettings {
  /** RabbitMQ URL; unset → the PostgreSQL-backed transport. */
  readonly amqpUrl?: string;
  /** Topic exchange every service publishes to. */
  readonly exchange: string;
  /** Prepended to every queue name (`<prefix><service>.events`): isolates test runs sharing one broker. */
  readonly queuePrefix: string;
  /** Shared database of the PostgreSQL transport, on the service database's server. */
  readonly messagingDatabase: string;
  /** Deliveries of one event to one queue before it is dead-lettered. */
  readonly maxAttempts: number;
  /** First retry delay; doubles per attempt, capped at 30 s. */
  readonly retryDelayMs: number;
  /** How often the outbox relay and the PostgreSQL consumers look for work when idle. */
  readonly pollIntervalMs: number;
  /** Longest a publish may wait for the broker's confirm / the messaging database. */
  readonly publishTimeoutMs: number;
  /** PostgreSQL transport: how long a claimed delivery stays invisible before another consumer may take it. */
  readonly visibilityTimeoutMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function messagingSettings(env: NodeJS.ProcessEnv = process.env): MessagingSettings {
  const amqpUrl = env['AMQP_URL'] || undefined;
  if (amqpUrl && !/^amqps?:\/\//.test(amqpUrl)) throw new Error(`AMQP_URL must start with amqp:// or amqps://`);
  const queuePrefix = env['MESSAGING_QUEUE_PREFIX'] ?? '';
  if (!/^[a-z0-9._-]*$/.test(queuePrefix)) {
    throw new Error(`MESSAGING_QUEUE_PREFIX may contain only a-z, 0-9, ".", "_" and "-", got "${queuePrefix}"`);
  }
  return {
    amqpUrl,
    queuePrefix,
    exchange: env['MESSAGING_EXCHANGE'] || 'ms.events',
    messagingDatabase: env['MESSAGING_DATABASE'] || 'ms_messaging',
    maxAttempts: positiveInt(env, 'MESSAGING_MAX_ATTEMPTS', 5),
    retryDelayMs: positiveInt(env, 'MESSAGING_RETRY_DELAY_MS', 1000),
    pollIntervalMs: positiveInt(env, 'MESSAGING_POLL_INTERVAL_MS', 250),
    publishTimeoutMs: positiveInt(env, 'MESSAGING_PUBLISH_TIMEOUT_MS', 5000),
    visibilityTimeoutMs: positiveInt(env, 'MESSAGING_VISIBILITY_TIMEOUT_MS', 60_000),
  };
}

/** Delay before delivery attempt `attempt + 1`: retryDelayMs · 2^(attempt-1), at most 30 s. */
export function retryDelay(settings: Pick<MessagingSettings, 'retryDelayMs'>, attempt: number): number {
  return Math.min(settings.retryDelayMs * 2 ** Math.max(0, attempt - 1), 30_000);
}
