import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
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
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginDto, PASSWORD_POLICY, RegisterUserDto, SessionDto, UserDto } from '@ms/contracts-user-management';
import { Public } from '@ms/platform-core';
import { AuthService, LoginFailed } from '../auth/auth.service';
import { BearerAuthGuard, CurrentUser } from '../auth/bearer-auth.guard';
import { LoginThrottle, LoginThrottled } from '../rate-limit/login-throttle';
import { RateLimitGuard } from '../rate-limit/rate-limit';
import { UsersService } from '../users/users.service';

/** Public handlers: reachable by anyone, also through the gateway. */
@ApiTags('user-management')
@Controller()
export class UserManagementPublicController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('users')
  @UseGuards(RateLimitGuard)
  @ApiCreatedResponse({ type: UserDto, description: 'The new, active account' })
  @ApiBadRequestResponse({ description: `Invalid email or display name, or: ${PASSWORD_POLICY}` })
  @ApiConflictResponse({ description: 'An account with this email already exists' })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this client' })
  register(@Body() input: RegisterUserDto): Promise<UserDto> {
    return this.users.register(input);
  }

  @Public()
  @Post('sessions')
  @ApiCreatedResponse({ type: SessionDto, description: 'An access token for the storefront' })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password (the same answer for every failure)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this account, or from this client' })
  async login(
    @Body() input: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const keys = this.throttle.keys(request, input.email);
    try {
      this.throttle.refuseIfThrottled(keys);
      return await this.auth.login(input);
    } catch (error) {
      if (error instanceof LoginFailed) await this.throttle.recordFailure(keys);
      if (error instanceof LoginThrottled) void reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
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
