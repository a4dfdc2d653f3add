import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the products table with its search machinery. Later schema changes get their own migration; never edit a
 * committed one.
 *
 * - `search_vector`: a stored generated tsvector (name weight A, description weight B) behind a GIN index, for
 *   `websearch_to_tsquery` + `ts_rank`. TypeORM records a generated column's expression in `typeorm_metadata` (it
 *   compares that text, not PostgreSQL's reformatted one), so the migration records it too, for this database.
 * - `pg_trgm` and a GIN trigram index on `name`, for the `word_similarity` fallback that still finds misspelt words.
 * - B-tree indexes for every filter and sort a user can ask for.
 */
export class CreateProducts1700000000000 implements MigrationInterface {
  name = 'CreateProducts1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "products" ("id" uuid NOT NULL, "sku" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL, "category" character varying(60) NOT NULL, "price_cents" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "search_vector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "name"), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')) STORED NOT NULL, CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'products', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [
        `setweight(to_tsvector('english'::regconfig, "name"), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')`,
      ],
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_products_sku" ON "products" ("sku")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_created_at" ON "products" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_price" ON "products" ("price_cents", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_created_at" ON "products" ("category", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_price" ON "products" ("category", "price_cents")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_search_vector" ON "products" USING GIN ("search_vector")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_name_trgm" ON "products" USING GIN ("name" gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_products_name_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_products_search_vector"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_price"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_products_price"`);
    await queryRunner.query(`DROP INDEX "IDX_products_created_at"`);
    await queryRunner.query(`DROP INDEX "UQ_products_sku"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database() AND "schema" = current_schema() AND "table" = 'products' AND "name" = 'search_vector'`,
    );
    await queryRunner.query(`DROP TABLE "products"`);
    // pg_trgm stays: dropping an extension could break other objects that came to depend on it.
  }
}
