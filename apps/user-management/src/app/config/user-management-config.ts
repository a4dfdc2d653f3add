import { Logger, Module } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { envInt, resolveSecret, validateEnv } from '@ms/platform-core';
import { parseTrustedProxies } from '../rate-limit/client-address';

export const USER_TOKEN_SECRET_MIN_LENGTH = 32;
export const DEFAULT_USER_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_LOGIN_FAILURES_PER_ACCOUNT = 5;
export const DEFAULT_LOGIN_FAILURES_PER_CLIENT = 100;
export const DEFAULT_LOGIN_FAILURE_WINDOW_SECONDS = 900;
export const DEFAULT_REGISTRATIONS_PER_MINUTE = 10;

/** This service's own environment variables (the platform validates PORT, SERVICE_TOKEN_SECRET, …). */
export class UserManagementEnv {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: 'development' | 'test' | 'production';

  @IsOptional()
  @IsString()
  @MinLength(USER_TOKEN_SECRET_MIN_LENGTH, {
    message: `USER_TOKEN_SECRET must be at least ${USER_TOKEN_SECRET_MIN_LENGTH} characters long`,
  })
  USER_TOKEN_SECRET?: string;

  @IsOptional()
  @Transform(envInt)
  @IsInt({ message: 'USER_TOKEN_TTL_SECONDS must be a whole number of seconds' })
  @Min(60)
  @Max(86_400)
  USER_TOKEN_TTL_SECONDS?: number;

  /** Failed logins an account may have in the window before it is throttled (whatever the address). */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_FAILURES_PER_ACCOUNT?: number;

  /** Failed logins one client address may have in the window, over all accounts. */
  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_FAILURES_PER_CLIENT?: number;

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_FAILURE_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(envInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  REGISTRATIONS_PER_MINUTE?: number;

  /** Comma-separated addresses or CIDR ranges (e.g. the gateway's pods) whose X-Forwarded-For is believed. */
  @IsOptional()
  @IsString()
  TRUSTED_PROXIES?: string;
}

/** Validated settings of user-management, read once at start-up. */
export class UserManagementConfig {
  constructor(
    /** Signs and verifies access tokens (HS256). */
    readonly userTokenSecret: string,
    readonly userTokenSecretOrigin: 'environment' | 'development-file',
    readonly userTokenTtlSeconds: number,
    readonly loginFailuresPerAccount: number,
    readonly loginFailuresPerClient: number,
    readonly loginFailureWindowSeconds: number,
    readonly registrationsPerMinute: number,
    readonly trustedProxies: readonly string[],
  ) {}
}

/**
 * Reads and checks the environment; throws a message naming the variable. USER_TOKEN_SECRET is required with
 * NODE_ENV=production; elsewhere a key generated once into the local state folder (`.data/`) is used, so
 * development needs no set-up and tokens survive restarts.
 */
export function loadUserManagementConfig(env: NodeJS.ProcessEnv = process.env): UserManagementConfig {
  const values = validateEnv(UserManagementEnv, env);
  const trustedProxies = (values.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  parseTrustedProxies(trustedProxies); // throws naming a bad entry
  const { secret, origin } = resolveSecret(
    {
      variable: 'USER_TOKEN_SECRET',
      devFileName: 'dev-user-token.secret',
      purpose: 'user-management needs the key that signs access tokens',
      minLength: USER_TOKEN_SECRET_MIN_LENGTH,
    },
    env,
  );
  return new UserManagementConfig(
    secret,
    origin,
    values.USER_TOKEN_TTL_SECONDS ?? DEFAULT_USER_TOKEN_TTL_SECONDS,
    values.LOGIN_FAILURES_PER_ACCOUNT ?? DEFAULT_LOGIN_FAILURES_PER_ACCOUNT,
    values.LOGIN_FAILURES_PER_CLIENT ?? DEFAULT_LOGIN_FAILURES_PER_CLIENT,
    values.LOGIN_FAILURE_WINDOW_SECONDS ?? DEFAULT_LOGIN_FAILURE_WINDOW_SECONDS,
    values.REGISTRATIONS_PER_MINUTE ?? DEFAULT_REGISTRATIONS_PER_MINUTE,
    trustedProxies,
  );
}

@Module({
  providers: [
    {
      provide: UserManagementConfig,
      useFactory: () => {
        const config = loadUserManagementConfig();
        if (config.userTokenSecretOrigin === 'development-file') {
          new Logger('UserTokens').warn(
            'USER_TOKEN_SECRET unset: using the development key in .data/ (never in production)',
          );
        }
        return config;
      },
    },
  ],
  exports: [UserManagementConfig],
})
export class UserManagementConfigModule {}
