import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partial index over unpaid (`placed`) orders by age: the sweep that releases their stock reads it. */
export class IndexUnpaidOrders1796256000000 implements MigrationInterface {
  name = 'IndexUnpaidOrders1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_unpaid_created_at" ON "orders" ("created_at") WHERE "status" = 'placed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_orders_unpaid_created_at"`);
  }
}
