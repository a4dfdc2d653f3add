import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `users.order_count`: orders placed and not cancelled, kept from order-processing's events. */
export class AddUserOrderCount1796169600000 implements MigrationInterface {
  name = 'AddUserOrderCount1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "order_count" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "order_count"`);
  }
}
