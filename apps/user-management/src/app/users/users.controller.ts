import { Body, Controller, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  PASSWORD_POLICY,
  RegisterUserDto,
  UpdateUserStatusDto,
  USER_MANAGEMENT_ROUTES,
  UserDto,
} from '@ms/contracts-user-management';
import { Handles } from '@ms/platform-core';
import { RateLimitGuard } from '../rate-limit/rate-limit';
import { UsersService } from './users.service';

/**
 * The account routes, each bound to its declaration in the contracts: registration is public, reading an account and
 * changing its status are for the callers the route table names. Thin: the rules live in UsersService.
 */
@ApiTags('user-management')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Handles(USER_MANAGEMENT_ROUTES.register)
  @UseGuards(RateLimitGuard)
  @ApiCreatedResponse({ type: UserDto, description: 'The new, active account' })
  @ApiBadRequestResponse({ description: `Invalid email or display name, or: ${PASSWORD_POLICY}` })
  @ApiConflictResponse({ description: 'An account with this email already exists' })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this client' })
  register(@Body() input: RegisterUserDto): Promise<UserDto> {
    return this.users.register(input);
  }

  @Handles(USER_MANAGEMENT_ROUTES.getUser)
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  getUser(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Handles(USER_MANAGEMENT_ROUTES.setUserStatus)
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  setUserStatus(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() { status }: UpdateUserStatusDto,
  ): Promise<UserDto> {
    return this.users.setStatus(id, status);
  }
}
