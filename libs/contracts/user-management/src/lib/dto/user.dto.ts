import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsPolicyPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_POLICY } from '../password-policy';
import { ACCESS_TOKEN_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH } from '../user-limits';

export const USER_STATUSES = ['active', 'disabled'] as const;
/** `disabled` accounts cannot log in and their access tokens are rejected. */
export type UserStatus = (typeof USER_STATUSES)[number];

export { ACCESS_TOKEN_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH } from '../user-limits';

/** Emails are stored and compared in this form: trimmed and lower case. */
export function normalizeEmail(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An account as other services and the account owner see it. Never carries the password or its hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ada@example.com', description: 'Lower case' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  displayName!: string;

  @ApiProperty({ enum: USER_STATUSES })
  status!: UserStatus;

  @ApiProperty({
    type: 'integer',
    description:
      "Orders placed and not cancelled (kept up to date from order-processing's events, so it may lag a moment)",
    example: 3,
  })
  orderCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** The body of `register` (USER_MANAGEMENT_ROUTES): a new account. */
export class RegisterUserDto {
  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH, example: 'ada@example.com', description: 'Stored in lower case; unique' })
  @Transform(({ value }) => normalizeEmail(value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
    example: 'correct horse battery 9',
    description: PASSWORD_POLICY,
  })
  @IsString()
  @IsPolicyPassword()
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH, example: 'Ada Lovelace', description: 'Trimmed' })
  @Transform(trimmed)
  @IsString()
  @Length(1, DISPLAY_NAME_MAX_LENGTH)
  @Matches(/^[^\p{Cc}\p{Cf}]*$/u, { message: 'displayName must not contain control characters' })
  displayName!: string;
}

/** The body of `logIn`: an account's credentials. */
export class LoginDto {
  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH, example: 'ada@example.com' })
  @Transform(({ value }) => normalizeEmail(value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

/** A successful login: a bearer access token for the storefront and the account it belongs to. */
export class SessionDto {
  @ApiProperty({ description: 'JWT; send it as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 3600 })
  expiresIn!: number;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

/** The body of `verifyToken` (internal): is this access token valid now, and whose is it? */
export class VerifyTokenDto {
  @ApiProperty({ maxLength: ACCESS_TOKEN_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACCESS_TOKEN_MAX_LENGTH)
  token!: string;
}

export class VerifiedTokenDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

/** The body of `setUserStatus` (internal): enable or disable an account. */
export class UpdateUserStatusDto {
  @ApiProperty({ enum: USER_STATUSES })
  @IsIn(USER_STATUSES, { message: `status must be one of: ${USER_STATUSES.join(', ')}` })
  status!: UserStatus;
}
