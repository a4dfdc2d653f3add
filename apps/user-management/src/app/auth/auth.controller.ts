import { Body, Controller, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  LoginDto,
  SessionDto,
  USER_MANAGEMENT_ROUTES,
  UserDto,
  VerifiedTokenDto,
  VerifyTokenDto,
} from '@ms/contracts-user-management';
import { Handles } from '@ms/platform-core';
import { LoginThrottle, LoginThrottled } from '../rate-limit/login-throttle';
import { AuthService, LoginFailed } from './auth.service';
import { BearerAuthGuard, CurrentUser } from './bearer-auth.guard';

/**
 * The routes that issue or take an access token, each bound to its declaration in the contracts: logging in and
 * "who am I" are public, verifying a token for another service is for the callers the route table names.
 */
@ApiTags('user-management')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Handles(USER_MANAGEMENT_ROUTES.logIn)
  @ApiCreatedResponse({ type: SessionDto, description: 'An access token for the storefront' })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password (the same answer for every failure)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this account, or from this client' })
  async logIn(
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

  @Handles(USER_MANAGEMENT_ROUTES.getMe)
  @UseGuards(BearerAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({
    description: 'Access token missing, invalid, expired or revoked, or the account is disabled',
  })
  getMe(@CurrentUser() user: UserDto): UserDto {
    return user;
  }

  @Handles(USER_MANAGEMENT_ROUTES.verifyToken)
  @ApiOkResponse({ type: VerifiedTokenDto, description: 'The token is valid and its account active' })
  @ApiUnauthorizedResponse({ description: '`access token rejected: …` (invalid, expired, revoked, account disabled)' })
  async verifyToken(@Body() { token }: VerifyTokenDto): Promise<VerifiedTokenDto> {
    return { user: await this.auth.authenticate(token) };
  }
}
