import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserDto } from '@ms/contracts-user-management';
import { GatewayConfig } from '../edge/gateway-env';

/**
 * Checkout per user (after UserAuthGuard: the verified account, not an address a client could change): a new account
 * can no longer reserve the catalogue with a burst of orders. Over the limit: 429 with Retry-After. In memory, per
 * gateway instance (@nestjs/throttler's storage).
 */
@Injectable()
export class CheckoutThrottleGuard implements CanActivate {
  private readonly storage = new ThrottlerStorageService();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(config: GatewayConfig) {
    this.limit = config.checkoutsPerUser;
    this.windowMs = config.checkoutWindowSeconds * 1000;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const user = http.getRequest<FastifyRequest & { user?: UserDto }>().user;
    if (!user) return true; // UserAuthGuard answers first; nothing to count without an account
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      `checkout:${user.id}`,
      this.windowMs,
      this.limit,
      this.windowMs,
      'checkout-per-user',
    );
    if (!isBlocked) return true;
    const seconds = Math.max(1, timeToBlockExpire);
    void http.getResponse<FastifyReply>().header('Retry-After', String(seconds));
    throw new HttpException(`too many checkouts: try again in ${seconds} seconds`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
