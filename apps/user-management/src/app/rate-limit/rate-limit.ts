import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  normalizeIp,
  SkipThrottle,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { BlockList } from 'node:net';
import { normalizeEmail } from '@ms/contracts-user-management';
import type { UserManagementConfig } from '../config/user-management-config';
import { clientAddress, parseTrustedProxies } from './client-address';

const MINUTE_MS = 60_000;

/** The named limits; each rate-limited handler skips the ones that are not its own. */
export const LOGIN_PER_CLIENT = 'login-per-client';
export const LOGIN_PER_EMAIL = 'login-per-email';
export const REGISTRATION_PER_CLIENT = 'registration-per-client';

interface TrackedRequest {
  ip?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** The client's address (behind trusted proxies, from X-Forwarded-For); IPv6 clients are grouped per /64. */
export function clientKey(request: TrackedRequest, trusted: BlockList | undefined): string {
  return `client:${normalizeIp(clientAddress(request.ip, request.headers?.['x-forwarded-for'], trusted))}`;
}

/**
 * The account a login attempt targets, normalised as the service stores it, so `Ada@x` and `ada@x` share a limit.
 * Guards run before validation: a body without an email string counts against its client instead.
 */
export function emailKey(request: TrackedRequest, trusted: BlockList | undefined): string {
  const body = request.body;
  const email =
    body && typeof body === 'object' ? normalizeEmail((body as Record<string, unknown>)['email']) : undefined;
  return typeof email === 'string' && email !== '' ? `email:${email.slice(0, 320)}` : clientKey(request, trusted);
}

/**
 * Limits for ThrottlerModule: login attempts per client address AND per email (a spread-out guessing attack on one
 * account hits the second), registrations per client address. Counters live in memory, per instance.
 */
export function rateLimits(config: UserManagementConfig): ThrottlerModuleOptions {
  const trusted = config.trustedProxies.length > 0 ? parseTrustedProxies(config.trustedProxies) : undefined;
  return {
    getTracker: (request) => clientKey(request as TrackedRequest, trusted),
    throttlers: [
      { name: LOGIN_PER_CLIENT, ttl: MINUTE_MS, limit: config.loginAttemptsPerMinute },
      {
        name: LOGIN_PER_EMAIL,
        ttl: MINUTE_MS,
        limit: config.loginAttemptsPerMinute,
        getTracker: (request) => emailKey(request as TrackedRequest, trusted),
      },
      { name: REGISTRATION_PER_CLIENT, ttl: MINUTE_MS, limit: config.registrationsPerMinute },
    ],
  };
}

/** Handler decorators: which limits apply. */
export const LoginRateLimit = () => SkipThrottle({ [REGISTRATION_PER_CLIENT]: true });
export const RegistrationRateLimit = () => SkipThrottle({ [LOGIN_PER_CLIENT]: true, [LOGIN_PER_EMAIL]: true });

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
