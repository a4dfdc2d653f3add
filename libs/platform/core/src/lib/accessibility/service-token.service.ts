import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { SERVICE_DESCRIPTOR } from '../bootstrap/tokens';

export const SERVICE_TOKEN_HEADER = 'x-service-token';
/** Service tokens are short-lived: a leaked one is useless within a minute. */
export const SERVICE_TOKEN_TTL_SECONDS = 60;
const REUSE_MARGIN_MS = 15_000;
/** Clock difference between hosts tolerated when checking that a token is short-lived. */
const CLOCK_SKEW_SECONDS = 5;

export interface VerifiedCaller {
  /** Name of the calling service (the token's issuer). */
  readonly service: string;
}

export class ServiceTokenError extends Error {}

/** Signs tokens for calls this service makes, and verifies tokens presented to it. */
@Injectable()
export class ServiceTokenService {
  private readonly cache = new Map<string, { token: string; reuseUntil: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(SERVICE_DESCRIPTOR) private readonly self: ServiceDescriptor,
  ) {}

  /** A token that lets this service call `audience`; reused until shortly before it expires. */
  tokenFor(audience: string): string {
    const cached = this.cache.get(audience);
    if (cached && cached.reuseUntil > Date.now()) return cached.token;
    const token = this.jwt.sign(
      {},
      { audience, issuer: this.self.name, subject: this.self.name, expiresIn: SERVICE_TOKEN_TTL_SECONDS },
    );
    this.cache.set(audience, { token, reuseUntil: Date.now() + SERVICE_TOKEN_TTL_SECONDS * 1000 - REUSE_MARGIN_MS });
    return token;
  }

  /**
   * Verifies signature, audience (this service), issuer and expiry, which must be there and near: a token without
   * `exp`, or valid for longer than SERVICE_TOKEN_TTL_SECONDS, is refused even when correctly signed.
   */
  verify(token: string): VerifiedCaller {
    try {
      const claims = this.jwt.verify<{ iss?: unknown; exp?: unknown; iat?: unknown }>(token, {
        audience: this.self.name,
        algorithms: ['HS256'],
      });
      if (typeof claims.iss !== 'string' || claims.iss === '') {
        throw new ServiceTokenError('service token has no issuer');
      }
      if (typeof claims.exp !== 'number') throw new ServiceTokenError('service token has no expiry');
      const issuedAt = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
      const lifetime = claims.exp - Math.min(issuedAt, Math.floor(Date.now() / 1000));
      if (lifetime > SERVICE_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) {
        throw new ServiceTokenError(`service token lives longer than ${SERVICE_TOKEN_TTL_SECONDS} seconds`);
      }
      return { service: claims.iss };
    } catch (error) {
      if (error instanceof ServiceTokenError) throw error;
      const name = (error as Error).name;
      if (name === 'TokenExpiredError') throw new ServiceTokenError('service token expired');
      const message = (error as Error).message;
      if (message.startsWith('jwt audience invalid')) {
        throw new ServiceTokenError(`service token is not for ${this.self.name}`);
      }
      throw new ServiceTokenError('service token invalid');
    }
  }
}
