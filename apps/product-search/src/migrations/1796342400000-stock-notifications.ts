import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel every instance listens on (see CurrentStock). */
export const PRODUCT_STOCK_CHANNEL = 'product_stock';

/**
 * Stock changes are announced with NOTIFY, so each instance can keep the stock of the products on its cached pages in
 * memory and drop an entry as soon as any writer (an order on another instance, a reseed, an operator's UPDATE)
 * changes it, instead of asking the database on every cached page.
 *
 * Per statement, with transition tables: an order's lines are one notification with their ids; a statement touching
 * more than 200 products (a payload stays far below NOTIFY's 8,000 bytes) announces `*`, "everything changed", and
 * so does TRUNCATE. Updates of any column announce their rows (PostgreSQL has no transition tables for `UPDATE OF`),
 * deletions too (a deleted product has no stock left to sell). Inserts need none: only products that were read are
 * remembered. Notifications are sent at commit, so a listener never hears of a change it cannot read yet.
 */
export class StockNotifications1796342400000 implements MigrationInterface {
  name = 'StockNotifications1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "notify_product_stock"() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE "ids" text; BEGIN ` +
        `IF TG_OP = 'TRUNCATE' THEN "ids" := '*'; ` +
        `ELSIF TG_OP = 'DELETE' THEN SELECT CASE WHEN count(*) > 200 THEN '*' ELSE string_agg(r."id"::text, ',') END INTO "ids" FROM "old_rows" r; ` +
        `ELSE SELECT CASE WHEN count(*) > 200 THEN '*' ELSE string_agg(r."id"::text, ',') END INTO "ids" FROM "new_rows" r; ` +
        `END IF; ` +
        `IF "ids" IS NOT NULL THEN PERFORM pg_notify('${PRODUCT_STOCK_CHANNEL}', "ids"); END IF; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_products_stock_update" AFTER UPDATE ON "products" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "notify_product_stock"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_products_stock_delete" AFTER DELETE ON "products" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "notify_product_stock"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_products_stock_truncate" AFTER TRUNCATE ON "products" FOR EACH STATEMENT EXECUTE FUNCTION "notify_product_stock"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TR_products_stock_truncate" ON "products"`);
    await queryRunner.query(`DROP TRIGGER "TR_products_stock_delete" ON "products"`);
    await queryRunner.query(`DROP TRIGGER "TR_products_stock_update" ON "products"`);
    await queryRunner.query(`DROP FUNCTION "notify_product_stock"()`);
  }
}
