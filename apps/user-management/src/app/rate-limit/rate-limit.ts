import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  normalizeIp,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { BlockList } from 'node:net';
import type { UserManagementConfig } from '../config/user-management-config';
import { clientAddress, parseTrustedProxies } from './client-address';

const MINUTE_MS = 60_000;

/** Registrations per client address (logins are throttled by their failures instead: see LoginThrottle). */
export const REGISTRATION_PER_CLIENT = 'registration-per-client';

export interface TrackedRequest {
  ip?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** The client's address (behind trusted proxies, from X-Forwarded-For); IPv6 clients are grouped per /64. */
export function clientKey(request: TrackedRequest, trusted: BlockList | undefined): string {
  return `client:${normalizeIp(clientAddress(request.ip, request.headers?.['x-forwarded-for'], trusted))}`;
}

/** Registrations per client address; counters live in memory, per instance. */
export function rateLimits(config: UserManagementConfig): ThrottlerModuleOptions {
  const trusted = config.trustedProxies.length > 0 ? parseTrustedProxies(config.trustedProxies) : undefined;
  return {
    getTracker: (request) => clientKey(request as TrackedRequest, trusted),
    throttlers: [{ name: REGISTRATION_PER_CLIENT, ttl: MINUTE_MS, limit: config.registrationsPerMinute }],
  };
}

/** ThrottlerGuard answering 429 in the platform's error shape with a standard Retry-After header. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    this.setResponseHeader(this.getRequestResponse(context).res, 'Retry-After', seconds);
    throw new ThrottlerException(`too many attempts: try again in ${seconds} seconds`);
  }
}
