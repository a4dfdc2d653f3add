import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the users table: unique lower-case email (registration and login look accounts up by it), the argon2id
 * hash, the status and the session version (incremented to revoke access tokens). Later changes get their own migration; never edit a
 * committed one.
 */
export class CreateUsers1700000000000 implements MigrationInterface {
  name = 'CreateUsers1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "email" character varying(254) NOT NULL, "password_hash" text NOT NULL, "display_name" character varying(80) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "session_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_users_status" CHECK ("status" IN ('active', 'disabled')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
