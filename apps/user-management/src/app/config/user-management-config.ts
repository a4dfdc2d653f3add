import { Logger, Module, OnModuleInit } from '@nestjs/common';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  asInt,
  asList,
  Env,
  NodeEnvConfig,
  provideConfig,
  resolveSecret,
  type Environment,
  type OnConfigLoad,
} from '@ms/platform-core';
import { parseTrustedProxies } from '../rate-limit/client-address';

export const USER_TOKEN_SECRET_MIN_LENGTH = 32;

/** Every entry an IP address or CIDR range; the message names the first that is not. */
@ValidatorConstraint({ name: 'trustedProxies' })
class TrustedProxyList implements ValidatorConstraintInterface {
  private problem = '';

  validate(entries: readonly string[]): boolean {
    try {
      parseTrustedProxies(entries);
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  defaultMessage(): string {
    return this.problem;
  }
}

/**
 * This service's own variables (the platform declares PORT, SERVICE_TOKEN_SECRET, …), read once at start: inject
 * `UserManagementConfig` (import `UserManagementConfigModule`). USER_TOKEN_SECRET is required with
 * NODE_ENV=production; elsewhere a key generated once into the local state folder (`.data/`) is used, so development
 * needs no set-up and tokens survive restarts.
 */
export class UserManagementConfig extends NodeEnvConfig implements OnConfigLoad {
  /** Signs and verifies access tokens (HS256); see `userTokenSecret`. */
  @Env('USER_TOKEN_SECRET')
  @IsOptional()
  @IsString()
  @MinLength(USER_TOKEN_SECRET_MIN_LENGTH, {
    message: `$property must be at least ${USER_TOKEN_SECRET_MIN_LENGTH} characters long`,
  })
  readonly configuredUserTokenSecret?: string;

  @Env('USER_TOKEN_TTL_SECONDS', asInt)
  @IsInt({ message: '$property must be a whole number of seconds' })
  @Min(60)
  @Max(86_400)
  readonly userTokenTtlSeconds: number = 3600;

  /** Failed logins an account may have in the window before it is throttled (whatever the address). */
  @Env('LOGIN_FAILURES_PER_ACCOUNT', asInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  readonly loginFailuresPerAccount: number = 5;

  /** Failed logins one client address may have in the window, over all accounts. */
  @Env('LOGIN_FAILURES_PER_CLIENT', asInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly loginFailuresPerClient: number = 100;

  @Env('LOGIN_FAILURE_WINDOW_SECONDS', asInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  readonly loginFailureWindowSeconds: number = 900;

  @Env('REGISTRATIONS_PER_MINUTE', asInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  readonly registrationsPerMinute: number = 10;

  /** Comma-separated addresses or CIDR ranges (e.g. the gateway's pods) whose X-Forwarded-For is believed. */
  @Env('TRUSTED_PROXIES', asList)
  @Validate(TrustedProxyList)
  readonly trustedProxies: readonly string[] = [];

  /** The key that signs access tokens: USER_TOKEN_SECRET, or the generated development key. */
  userTokenSecret!: string;
  userTokenSecretOrigin!: 'environment' | 'development-file';

  onConfigLoad(env: Environment): void {
    const { secret, origin } = resolveSecret(
      {
        variable: 'USER_TOKEN_SECRET',
        devFileName: 'dev-user-token.secret',
        purpose: 'user-management needs the key that signs access tokens',
        minLength: USER_TOKEN_SECRET_MIN_LENGTH,
      },
      env,
    );
    this.userTokenSecret = secret;
    this.userTokenSecretOrigin = origin;
  }
}

@Module({ providers: [provideConfig(UserManagementConfig)], exports: [UserManagementConfig] })
export class UserManagementConfigModule implements OnModuleInit {
  constructor(private readonly config: UserManagementConfig) {}

  onModuleInit(): void {
    if (this.config.userTokenSecretOrigin === 'development-file') {
      new Logger('UserTokens').warn(
        'USER_TOKEN_SECRET unset: using the development key in .data/ (never in production)',
      );
    }
  }
}
