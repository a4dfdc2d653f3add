import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_REJECTED } from '@ms/contracts-user-management';
import { UserManagementConfig } from '../config/user-management-config';

/** 401 for a bad access token; the message always starts with ACCESS_TOKEN_REJECTED (see the contracts). */
export class AccessTokenRejected extends UnauthorizedException {
  constructor(readonly reason: string) {
    super(`${ACCESS_TOKEN_REJECTED}: ${reason}`);
  }
}

export interface AccessTokenClaims {
  /** The user id (`sub`). */
  readonly userId: string;
  /** The account's session version at login (`sv`); a disabled account has moved past it. */
  readonly sessionVersion: number;
}

/**
 * Access tokens: HS256 JWTs signed with USER_TOKEN_SECRET, issuer `user-management`, audience `storefront`,
 * subject the user id, valid USER_TOKEN_TTL_SECONDS. Signature, algorithm, issuer, audience and expiry are checked
 * here; whether the account may still use it is the caller's (AuthService) to check against the database.
 */
@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(private readonly config: UserManagementConfig) {
    this.jwt = new JwtService({ secret: config.userTokenSecret });
  }

  get ttlSeconds(): number {
    return this.config.userTokenTtlSeconds;
  }

  issue(userId: string, sessionVersion: number): string {
    return this.jwt.sign(
      { sv: sessionVersion },
      {
        algorithm: 'HS256',
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        subject: userId,
        expiresIn: this.config.userTokenTtlSeconds,
      },
    );
  }

  /** The token's claims; AccessTokenRejected (401) when it is not a valid, current token of ours. */
  read(token: string): AccessTokenClaims {
    let claims: { sub?: unknown; sv?: unknown };
    try {
      claims = this.jwt.verify(token, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
    } catch (error) {
      throw new AccessTokenRejected((error as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid');
    }
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub) || typeof claims.sv !== 'number') {
      throw new AccessTokenRejected('invalid');
    }
    return { userId: claims.sub, sessionVersion: claims.sv };
  }
}
