import type { MigrationInterface, QueryRunner } from 'typeorm';

const NAME_VECTOR = `to_tsvector('english'::regconfig, "name")`;

/** The words of some products' texts, as stored in product_words (see ProductWord). */
const WORDS_OF = (rows: string) =>
  `SELECT DISTINCT w FROM ${rows}, unnest(tsvector_to_array(to_tsvector('simple'::regconfig, r."name" || ' ' || r."description"))) AS w WHERE length(w) >= 3`;

/**
 * Search at 100,000 products (each query reads a bounded number of rows):
 *
 * - `name_vector`: the name's tsvector, stored and behind a GIN index: relevance is "the name matches" first, then
 *   "only the description does", each newest first, which indexes can serve (ranking every match cannot).
 * - The category indexes end with `id`, like every order the search uses, so `?category=…&sort=price_asc` (and
 *   newest) read one page straight off the index instead of sorting the whole category.
 * - `product_words`: the catalogue's vocabulary behind a GIN trigram index, for correcting misspelt words (a
 *   trigram match against thousands of words instead of 100,000 names). Filled from the existing products and kept
 *   current by triggers: per statement on insert (transition table, so a batch of 1,000 rows costs one statement),
 *   per row on a change of name or description (stock updates do not fire it). It replaces the trigram index on
 *   `name`, which matched misspellings against every name.
 *
 * Adding a stored column rewrites the table: on a large catalogue that takes longer than the pool's statement
 * timeout, so this migration lifts it for its own transaction.
 */
export class SearchAtScale1796256000000 implements MigrationInterface {
  name = 'SearchAtScale1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(
      `ALTER TABLE "products" ADD "name_vector" tsvector GENERATED ALWAYS AS (${NAME_VECTOR}) STORED NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'products', 'GENERATED_COLUMN', 'name_vector', $1)`,
      [NAME_VECTOR],
    );
    await queryRunner.query(`CREATE INDEX "IDX_products_name_vector" ON "products" USING GIN ("name_vector")`);
    await queryRunner.query(`DROP INDEX "IDX_products_name_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_price"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_created_at"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_products_category_price" ON "products" ("category", "price_cents", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_products_category_created_at" ON "products" ("category", "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "product_words" ("word" text NOT NULL, CONSTRAINT "PK_product_words_word" PRIMARY KEY ("word"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_product_words_trgm" ON "product_words" USING GIN ("word" gin_trgm_ops)`);
    await queryRunner.query(`INSERT INTO "product_words" ("word") ${WORDS_OF('"products" r')} ON CONFLICT DO NOTHING`);
    await queryRunner.query(
      `CREATE FUNCTION "product_words_of_new_rows"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `INSERT INTO "product_words" ("word") ${WORDS_OF('"new_rows" r')} ON CONFLICT DO NOTHING; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "product_words_of_row"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `INSERT INTO "product_words" ("word") ${WORDS_OF('(SELECT NEW."name" AS "name", NEW."description" AS "description") r')} ON CONFLICT DO NOTHING; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_products_words_insert" AFTER INSERT ON "products" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "product_words_of_new_rows"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TR_products_words_update" AFTER UPDATE OF "name", "description" ON "products" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."description" IS DISTINCT FROM NEW."description") EXECUTE FUNCTION "product_words_of_row"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TR_products_words_update" ON "products"`);
    await queryRunner.query(`DROP TRIGGER "TR_products_words_insert" ON "products"`);
    await queryRunner.query(`DROP FUNCTION "product_words_of_row"()`);
    await queryRunner.query(`DROP FUNCTION "product_words_of_new_rows"()`);
    await queryRunner.query(`DROP TABLE "product_words"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_price"`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_created_at" ON "products" ("category", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_price" ON "products" ("category", "price_cents")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_name_trgm" ON "products" USING GIN ("name" gin_trgm_ops)`);
    await queryRunner.query(`DROP INDEX "IDX_products_name_vector"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database() AND "schema" = current_schema() AND "table" = 'products' AND "name" = 'name_vector'`,
    );
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "name_vector"`);
  }
}
