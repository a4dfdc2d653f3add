import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { asInt, Env } from '@ms/platform-core';

const POSITIVE = { message: '$property must be a positive integer, got "$value"' };

/**
 * Messaging configuration (all optional), read once per service from its environment: inject `MessagingSettings`,
 * or `loadConfig(MessagingSettings, env)` outside Nest (the test service, event probes).
 */
export class MessagingSettings {
  /** RabbitMQ URL; unset → the PostgreSQL-backed transport. */
  @Env('AMQP_URL')
  @IsOptional()
  @Matches(/^amqps?:\/\//, { message: '$property must start with amqp:// or amqps://' })
  readonly amqpUrl?: string;

  /** Topic exchange every service publishes to. */
  @Env('MESSAGING_EXCHANGE')
  @IsString()
  readonly exchange: string = 'ms.events';

  /** Prepended to every queue name (`<prefix><service>.events`): isolates test runs sharing one broker. */
  @Env('MESSAGING_QUEUE_PREFIX')
  @Matches(/^[a-z0-9._-]*$/, { message: '$property may contain only a-z, 0-9, ".", "_" and "-", got "$value"' })
  readonly queuePrefix: string = '';

  /** Shared database of the PostgreSQL transport, on the service database's server. */
  @Env('MESSAGING_DATABASE')
  @IsString()
  readonly messagingDatabase: string = 'ms_messaging';

  /** Deliveries of one event to one queue before it is dead-lettered. */
  @Env('MESSAGING_MAX_ATTEMPTS', asInt)
  @IsInt(POSITIVE)
  @Min(1, POSITIVE)
  readonly maxAttempts: number = 5;

  /** First retry delay; doubles per attempt, capped at 30 s. */
  @Env('MESSAGING_RETRY_DELAY_MS', asInt)
  @IsInt(POSITIVE)
  @Min(1, POSITIVE)
  readonly retryDelayMs: number = 1000;

  /** How often the outbox relay and the PostgreSQL consumers look for work when idle. */
  @Env('MESSAGING_POLL_INTERVAL_MS', asInt)
  @IsInt(POSITIVE)
  @Min(1, POSITIVE)
  readonly pollIntervalMs: number = 250;

  /** Longest a publish may wait for the broker's confirm / the messaging database. */
  @Env('MESSAGING_PUBLISH_TIMEOUT_MS', asInt)
  @IsInt(POSITIVE)
  @Min(1, POSITIVE)
  readonly publishTimeoutMs: number = 5000;

  /** PostgreSQL transport: how long a claimed delivery stays invisible before another consumer may take it. */
  @Env('MESSAGING_VISIBILITY_TIMEOUT_MS', asInt)
  @IsInt(POSITIVE)
  @Min(1, POSITIVE)
  readonly visibilityTimeoutMs: number = 60_000;
}

/** Delay before delivery attempt `attempt + 1`: retryDelayMs · 2^(attempt-1), at most 30 s. */
export function retryDelay(settings: Pick<MessagingSettings, 'retryDelayMs'>, attempt: number): number {
  return Math.min(settings.retryDelayMs * 2 ** Math.max(0, attempt - 1), 30_000);
}
