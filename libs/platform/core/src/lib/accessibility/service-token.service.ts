import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { SERVICE_DESCRIPTOR } from '../bootstrap/tokens';

export const SERVICE_TOKEN_HEADER = 'x-service-token';
/** Service tokens are short-lived: a leaked one is useless within a minute. */
export const SERVICE_TOKEN_TTL_SECONDS = 60;
const REUSE_MARGIN_MS = 15_000;

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

  /** Verifies signature, expiry and that the audience is this service. */
  verify(token: string): VerifiedCaller {
    try {
      const claims = this.jwt.verify<{ iss?: string }>(token, { audience: this.self.name, algorithms: ['HS256'] });
      if (!claims.iss) throw new ServiceTokenError('service token has no issuer');
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
