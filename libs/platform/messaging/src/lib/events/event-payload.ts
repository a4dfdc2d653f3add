import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { EventDefinition } from './event';

/**
 * A payload that breaks its event's contract. Retrying cannot mend it, so the transports dead-letter it at once
 * instead of after their attempts.
 */
export class InvalidEventPayloadError extends Error {
  override readonly name = 'InvalidEventPayloadError';

  constructor(
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(`${eventType} payload breaks its contract: ${problems.join('; ')}`);
  }
}

/** Whether retrying `error` is pointless (the transports dead-letter such a delivery on its first failure). */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof InvalidEventPayloadError;
}

/**
 * The payload as an instance of its event's payload class, checked against the class's rules, else an
 * InvalidEventPayloadError naming every problem. Publishing is strict (a field the contract does not declare is an
 * error); receiving drops such fields, because a newer publisher may add fields within a version.
 */
export function checkedPayload<T>(event: EventDefinition<T>, payload: unknown, side: 'publish' | 'receive'): T {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new InvalidEventPayloadError(event.type, ['the payload must be a JSON object']);
  }
  const instance = plainToInstance(event.payloadClass, payload) as T & object;
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: side === 'publish',
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new InvalidEventPayloadError(event.type, describe(errors));
  return instance;
}

function describe(errors: readonly ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const at = `${path}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => (path ? `${at}: ${message}` : message));
    return [...own, ...describe(error.children ?? [], `${at}.`)];
  });
}
