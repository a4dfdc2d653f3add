/** Socket-level failures: the server is down, unreachable or went away mid-query. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** SQLSTATEs meaning "the server cannot serve you right now", not "your query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is shutting down
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout hit, the server is overloaded
]);

/** Messages node-postgres uses for its own connection and timeout failures (they carry no code). */
const PG_CLIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /Client has encountered a connection error and is not queryable/i,
  /Connection is not established/i,
];

/** The error itself and what it wraps (TypeORM's QueryFailedError.driverError, `cause`, AggregateError.errors). */
function* errorChain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const record = error as Record<string, unknown>;
  yield record;
  yield* errorChain(record['driverError'], depth + 1);
  yield* errorChain(record['cause'], depth + 1);
  if (Array.isArray(record['errors'])) for (const inner of record['errors']) yield* errorChain(inner, depth + 1);
}

/**
 * True when `error` means the database cannot be reached or cannot serve right now (connection refused or lost,
 * connect/query timeout, server shutting down). Such failures answer 503, never 500; a bad query or a constraint
 * violation is not one of them.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (const link of errorChain(error)) {
    const code = typeof link['code'] === 'string' ? link['code'] : undefined;
    if (code && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')))
      return true;
    const message = typeof link['message'] === 'string' ? link['message'] : '';
    if (!code && PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/** SQLSTATE of the PostgreSQL error behind `error` (through TypeORM's wrapper), if any. */
export function sqlState(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    const code = link['code'];
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !NETWORK_ERROR_CODES.has(code)) return code;
  }
  return undefined;
}

/** A unique constraint rejected the write (23505): the service decides what that means, typically 409 Conflict. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}
