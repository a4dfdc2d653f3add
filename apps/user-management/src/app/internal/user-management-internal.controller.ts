import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { UpdateUserStatusDto, UserDto, VerifiedTokenDto, VerifyTokenDto } from '@ms/contracts-user-management';
import { Internal } from '@ms/platform-core';
import { AuthService } from '../auth/auth.service';
import { UsersService } from '../users/users.service';

/** Internal handlers: only other services, with a service token. */
@ApiTags('user-management')
@Controller()
export class UserManagementInternalController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Internal()
  @Get('users/:id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Internal()
  @Post('tokens/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: VerifiedTokenDto, description: 'The token is valid and its account active' })
  @ApiUnauthorizedResponse({ description: '`access token rejected: …` (invalid, expired, revoked, account disabled)' })
  async verify(@Body() { token }: VerifyTokenDto): Promise<VerifiedTokenDto> {
    return { user: await this.auth.authenticate(token) };
  }

  @Internal()
  @Patch('users/:id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  setStatus(@Param('id', new ParseUUIDPipe()) id: string, @Body() { status }: UpdateUserStatusDto): Promise<UserDto> {
    return this.users.setStatus(id, status);
  }
}
