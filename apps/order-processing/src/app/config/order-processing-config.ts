import { IsInt, Max, Min } from 'class-validator';
import { asInt, Env } from '@ms/platform-core';

/**
 * This service's own variables (the platform and the adapters declare theirs), read once at start: inject
 * `OrderProcessingConfig` (provided by `provideConfig(OrderProcessingConfig)`).
 */
export class OrderProcessingConfig {
  /** How long a placed order holds its stock without being paid (then it is cancelled and the stock released). */
  @Env('UNPAID_ORDER_TIMEOUT_SECONDS', asInt)
  @IsInt({ message: '$property must be a whole number of seconds' })
  @Min(1)
  @Max(7 * 86_400)
  readonly unpaidOrderTimeoutSeconds: number = 1800;
}
