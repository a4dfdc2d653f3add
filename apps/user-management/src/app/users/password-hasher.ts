import { Injectable, OnModuleInit } from '@nestjs/common';
import { argon2id, hash, needsRehash, verify } from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with OWASP's recommended minimum (19 MiB memory, 2 passes, 1 lane): about 20–40 ms per hash on one
 * core. argon2 runs on libuv's thread pool, so hashing never blocks the event loop.
 */
export const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash = '';

  /** A hash of a random secret, verified for unknown emails so their login takes as long as a real one. */
  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomBytes(32).toString('base64url'));
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** Whether `password` matches `passwordHash`; a malformed hash never matches. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real verification and fails: for logins with an unknown email. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }

  /** True when a hash was made with other parameters (or another variant) than today's. */
  isOutdated(passwordHash: string): boolean {
    return !passwordHash.startsWith('$argon2id$') || needsRehash(passwordHash, ARGON2_OPTIONS);
  }
}
