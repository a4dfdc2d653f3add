import { Body, ConflictException, Controller, Get, HttpCode, Module, Post, type Type } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner, Repository } from 'typeorm';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { Public } from '@ms/platform-core';
import { isUniqueViolation } from '../lib/connection/database-errors';
import { DatabaseModule } from '../lib/module/database.module';
import { Note } from './notes.entity';

/** The committed migration of the test service (SQL as `typeorm migration:generate` writes it). */
export class CreateNotes1700000000000 implements MigrationInterface {
  name = 'CreateNotes1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "note" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, ` +
        `"createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ` +
        `CONSTRAINT "UQ_c1872643429ea977256802b0974" UNIQUE ("title"), ` +
        `CONSTRAINT "PK_96d0c172a4fba276b1bbed43058" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "note"`);
  }
}

export class CreateNoteDto {
  @IsString()
  @Length(1, 200)
  title!: string;
}

@Controller('notes')
export class NotesController {
  constructor(@InjectRepository(Note) private readonly notes: Repository<Note>) {}

  @Public()
  @Get()
  list(): Promise<Note[]> {
    return this.notes.find({ order: { id: 'ASC' } });
  }

  @Public()
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateNoteDto): Promise<Note> {
    try {
      return await this.notes.save(this.notes.create({ title: dto.title }));
    } catch (error) {
      // The service's business: a duplicate is a conflict, which the platform must not turn into a 503.
      if (isUniqueViolation(error)) throw new ConflictException(`a note titled "${dto.title}" already exists`);
      throw error;
    }
  }
}

export function notesService(name = 'notes'): ServiceDescriptor {
  return {
    name,
    accessibility: 'public',
    defaultPort: 3998,
    routes: [
      { method: 'GET', path: '/notes', access: 'public' },
      { method: 'POST', path: '/notes', access: 'public' },
    ],
  };
}

/** A small service module persisting notes; its database settings are the env the app is built with. */
export function notesModule(): Type<unknown> {
  @Module({
    imports: [
      DatabaseModule.forRoot({ entities: [Note], migrations: [CreateNotes1700000000000] }),
      TypeOrmModule.forFeature([Note]),
    ],
    controllers: [NotesController],
  })
  class NotesModule {}
  return NotesModule;
}

/**
 * Environment of these tests: the machine's PostgreSQL when DATABASE_URL is set, otherwise an embedded cluster that
 * the test files share (own state folder and port, so a developer's running cluster is left alone).
 */
export function databaseTestEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const external = process.env['DATABASE_URL'];
  return {
    NODE_ENV: 'test',
    SERVICE_TOKEN_SECRET: 'test-secret-that-is-long-enough-0123456789',
    MS_STATE_DIR: join(tmpdir(), 'ms-platform-database-tests'),
    EMBEDDED_PG_PORT: '54339',
    ...(external ? { DATABASE_URL: external } : {}),
    ...extra,
  };
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls `probe` until it returns true, failing after `timeoutMs`: for recovery that is quick but not instant. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
