import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { LoginDto, PASSWORD_POLICY, RegisterUserDto, SessionDto, UserDto } from '@ms/contracts-user-management';
import { Public } from '@ms/platform-core';
import { AuthService } from '../auth/auth.service';
import { BearerAuthGuard, CurrentUser } from '../auth/bearer-auth.guard';
import { LoginRateLimit, RateLimitGuard, RegistrationRateLimit } from '../rate-limit/rate-limit';
import { UsersService } from '../users/users.service';

/** Public handlers: reachable by anyone, also through the gateway. */
@ApiTags('user-management')
@Controller()
export class UserManagementPublicController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @Post('users')
  @UseGuards(RateLimitGuard)
  @RegistrationRateLimit()
  @ApiCreatedResponse({ type: UserDto, description: 'The new, active account' })
  @ApiBadRequestResponse({ description: `Invalid email or display name, or: ${PASSWORD_POLICY}` })
  @ApiConflictResponse({ description: 'An account with this email already exists' })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this client' })
  register(@Body() input: RegisterUserDto): Promise<UserDto> {
    return this.users.register(input);
  }

  @Public()
  @Post('sessions')
  @UseGuards(RateLimitGuard)
  @LoginRateLimit()
  @ApiCreatedResponse({ type: SessionDto, description: 'An access token for the storefront' })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password (the same answer for every failure)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this client or for this email' })
  login(@Body() input: LoginDto): Promise<SessionDto> {
    return this.auth.login(input);
  }

  @Public()
  @Get('users/me')
  @UseGuards(BearerAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({
    description: 'Access token missing, invalid, expired or revoked, or the account is disabled',
  })
  me(@CurrentUser() user: UserDto): UserDto {
    return user;
  }
}
