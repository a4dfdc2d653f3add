import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `orders.status_reason`: why the system changed an order's status (e.g. cancelled for lack of stock). */
export class AddOrderStatusReason1796169600000 implements MigrationInterface {
  name = 'AddOrderStatusReason1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ADD "status_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "status_reason"`);
  }
}
