import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock, kept in step with orders through events: `products.stock` (never negative) and `stock_reservations`, which
 * remembers per order what was taken so a cancellation can give it back. Products that existed before stock was
 * tracked start with 25 units each, so a running shop keeps selling after the upgrade.
 */
export class AddStock1796169600000 implements MigrationInterface {
  name = 'AddStock1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "products" ADD "stock" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`UPDATE "products" SET "stock" = 25`);
    await queryRunner.query(`ALTER TABLE "products" ADD CONSTRAINT "CHK_products_stock" CHECK ("stock" >= 0)`);
    await queryRunner.query(
      `CREATE TABLE "stock_reservations" ("order_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "items" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_stock_reservations_status" CHECK ("status" IN ('reserved', 'rejected', 'released')), CONSTRAINT "PK_stock_reservations_order_id" PRIMARY KEY ("order_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stock_reservations"`);
    await queryRunner.query(`ALTER TABLE "products" DROP CONSTRAINT "CHK_products_stock"`);
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "stock"`);
  }
}
