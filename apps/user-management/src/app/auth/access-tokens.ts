import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, USER_MANAGEMENT_ERROR_CODES } from '@ms/contracts-user-management';
import { DomainError } from '@ms/platform-core';
import { UserManagementConfig } from '../config/user-management-config';

/**
 * 401 for a bad access token, code ACCESS_TOKEN_EXPIRED when it has expired, else ACCESS_TOKEN_REJECTED (the
 * contracts' USER_MANAGEMENT_ERROR_CODES, which callers match on).
 */
export class AccessTokenRejected extends DomainError {
  constructor(
    readonly reason: string,
    code: string = USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_REJECTED,
  ) {
    super(HttpStatus.UNAUTHORIZED, code, `access token rejected: ${reason}`);
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
      if ((error as Error).name === 'TokenExpiredError') {
        throw new AccessTokenRejected('expired', USER_MANAGEMENT_ERROR_CODES.ACCESS_TOKEN_EXPIRED);
      }
      throw new AccessTokenRejected('invalid');
    }
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub) || typeof claims.sv !== 'number') {
      throw new AccessTokenRejected('invalid');
    }
    return { userId: claims.sub, sessionVersion: claims.sv };
  }
}
