import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A partial index for the relay's "unsent rows, oldest first": sent rows stay in the outbox and never slow it down. */
export class IndexUnsentOutbox1796169600001 implements MigrationInterface {
  name = 'IndexUnsentOutbox1796169600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_outbox_unsent" ON "outbox" ("id") WHERE "sent_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_outbox_unsent"`);
  }
}
