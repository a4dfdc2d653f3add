import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every word (lower-case, three letters or more) that occurs in a product's name or description: the vocabulary a
 * misspelt search word is corrected against. Thousands of rows where the catalogue has 100,000 products, so finding
 * the closest word by trigram similarity is cheap; the corrected text then goes through the full-text index.
 * Maintained by database triggers on `products` (see the migration): whoever writes products, the words follow.
 * Words of products since removed may linger; correcting to one of them only finds nothing.
 */
@Entity({ name: 'product_words' })
export class ProductWord {
  @Index('IDX_product_words_trgm', { synchronize: false }) // GIN (word gin_trgm_ops): `%` similarity search
  @PrimaryColumn({ type: 'text' })
  word!: string;
}
