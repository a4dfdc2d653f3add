import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type Repository } from 'typeorm';
import type { RegisterUserDto, UserDto, UserStatus } from '@ms/contracts-user-management';
import { isUniqueViolation } from '@ms/platform-database';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    status: user.status,
    orderCount: user.orderCount,
    createdAt: user.createdAt.toISOString(),
  };
}

/** A failed write's error carries its bound parameters (a password hash among them): drop them before it is logged. */
function withoutParameters(error: unknown): unknown {
  if (error instanceof QueryFailedError) (error as { parameters?: unknown }).parameters = undefined;
  return error;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
  ) {}

  /** Creates an active account; the unique index on email decides duplicates (409), also under concurrency. */
  async register(input: RegisterUserDto): Promise<UserDto> {
    const passwordHash = await this.passwords.hash(input.password);
    try {
      const user = await this.users.save(
        this.users.create({ email: input.email, passwordHash, displayName: input.displayName, status: 'active' }),
      );
      return toUserDto(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('an account with this email already exists');
      throw withoutParameters(error);
    }
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.require(id));
  }

  /** The account, without its hash, or undefined. */
  async find(id: string): Promise<User | undefined> {
    return (await this.users.findOneBy({ id })) ?? undefined;
  }

  /** The account with its password hash, for login only. */
  async findWithPasswordHash(email: string): Promise<User | undefined> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
    return user ?? undefined;
  }

  /** Stores a hash made with the current parameters (after a successful login with an older one). */
  async replacePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash }).catch((error: unknown) => {
      throw withoutParameters(error);
    });
  }

  /** Enables or disables an account. Disabling also revokes every access token issued so far. */
  async setStatus(id: string, status: UserStatus): Promise<UserDto> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set(status === 'disabled' ? { status, sessionVersion: () => '"session_version" + 1' } : { status })
      .where('id = :id', { id })
      .execute();
    if (!result.affected) throw new NotFoundException(`user ${id} not found`);
    return this.get(id);
  }

  private async require(id: string): Promise<User> {
    const user = await this.find(id);
    if (!user) throw new NotFoundException(`user ${id} not found`);
    return user;
  }
}
