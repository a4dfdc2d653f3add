import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  USER_MANAGEMENT_ERROR_CODES,
  type LoginDto,
  type SessionDto,
  type UserDto,
} from '@ms/contracts-user-management';
import { DomainError } from '@ms/platform-core';
import { PasswordHasher } from '../users/password-hasher';
import { toUserDto, UsersService } from '../users/users.service';
import { AccessTokenRejected, AccessTokens } from './access-tokens';

/** One answer for unknown email, wrong password and disabled account: a login never reveals which accounts exist. */
export const LOGIN_FAILED = 'invalid email or password';

/** The one 401 a refused login answers (code LOGIN_FAILED); failed logins count towards the throttle. */
export class LoginFailed extends DomainError {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, USER_MANAGEMENT_ERROR_CODES.LOGIN_FAILED, LOGIN_FAILED);
  }
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * Checks the password and issues an access token. Every failure costs one argon2 verification (a dummy one for
   * unknown emails) and answers the same 401, so neither the answer nor its timing tells accounts apart.
   */
  async login({ email, password }: LoginDto): Promise<SessionDto> {
    const user = await this.users.findWithPasswordHash(email);
    const matches = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyNothing(password);
    if (!user || !matches || user.status !== 'active') throw new LoginFailed();

    if (this.passwords.isOutdated(user.passwordHash)) {
      // The password is at hand only now: bring its hash up to today's parameters. A failure here costs nothing.
      await this.passwords
        .hash(password)
        .then((fresh) => this.users.replacePasswordHash(user.id, fresh))
        .catch(() => this.logger.warn(`could not rehash the password of user ${user.id}`));
    }
    return {
      accessToken: this.tokens.issue(user.id, user.sessionVersion),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user: toUserDto(user),
    };
  }

  /**
   * The user an access token belongs to, read from the database now: a token of a disabled account, or one issued
   * before the account was disabled, is rejected even while its signature and expiry are fine.
   */
  async authenticate(token: string): Promise<UserDto> {
    const claims = this.tokens.read(token);
    const user = await this.users.find(claims.userId);
    if (!user) throw new AccessTokenRejected('invalid');
    if (user.status !== 'active') throw new AccessTokenRejected('account disabled');
    if (user.sessionVersion !== claims.sessionVersion) throw new AccessTokenRejected('revoked');
    return toUserDto(user);
  }
}
