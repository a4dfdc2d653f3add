import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates orders and their items. The unique index on (user_id, idempotency_key) is what makes POST /orders safe to
 * retry; (user_id, created_at) serves GET /orders?userId=. Later schema changes get their own migration; never edit
 * a committed one.
 */
export class CreateOrders1700000000000 implements MigrationInterface {
  name = 'CreateOrders1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "total_cents" bigint NOT NULL, "currency" character varying(3) NOT NULL, "idempotency_key" character varying(128) NOT NULL, "request_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_orders_user_id_idempotency_key" ON "orders" ("user_id", "idempotency_key")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_orders_user_id_created_at" ON "orders" ("user_id", "created_at")`);
    await queryRunner.query(
      `CREATE TABLE "order_items" ("order_id" uuid NOT NULL, "product_id" uuid NOT NULL, "position" smallint NOT NULL, "name" text NOT NULL, "unit_price_cents" integer NOT NULL, "quantity" integer NOT NULL, "line_total_cents" bigint NOT NULL, CONSTRAINT "PK_6335813ef19bc35b8d866cc6565" PRIMARY KEY ("order_id", "product_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_items" ADD CONSTRAINT "FK_145532db85752b29c57d2b7b1f1" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_items" DROP CONSTRAINT "FK_145532db85752b29c57d2b7b1f1"`);
    await queryRunner.query(`DROP TABLE "order_items"`);
    await queryRunner.query(`DROP INDEX "IDX_orders_user_id_created_at"`);
    await queryRunner.query(`DROP INDEX "UQ_orders_user_id_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "orders"`);
  }
}
