import { encodePng, type Rgb } from './png';
import { CATEGORIES, CLOSINGS, FINISHES, LINES } from './word-lists';

const FINISH_COLOURS = new Map(FINISHES.map((finish) => [finish.name, finish.colour]));

/** The seed of the catalogue's PRNG: the same seed and size always give the same catalogue. */
export const CATALOGUE_SEED = 0x5eed_2025;
/** Creation dates are spread over the year before this instant (fixed, so the catalogue does not depend on today). */
export const CATALOGUE_EPOCH = Date.UTC(2026, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

export type ImagePattern = 'stripes' | 'checks' | 'dots' | 'diagonal' | 'rings' | 'grid';
const PATTERNS: readonly ImagePattern[] = ['stripes', 'checks', 'dots', 'diagonal', 'rings', 'grid'];

/** What a product's generated image shows: a tile in the category's colour, patterned in the finish's colour. */
export interface ImageSpec {
  readonly background: Rgb;
  readonly accent: Rgb;
  readonly pattern: ImagePattern;
  /** Size of the pattern's cells in pixels. */
  readonly scale: number;
}

export interface SeedProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly priceCents: number;
  /** Units in stock: about 1 product in 12 is sold out and 1 in 8 nearly so, the rest have 5–80. */
  readonly stock: number;
  readonly createdAt: Date;
  readonly image: ImageSpec;
}

/** mulberry32: a small, fast, seeded PRNG; floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** A version-4-shaped UUID drawn from the PRNG, so product ids (and image keys, links) are stable across seeds. */
function randomUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function finishColour(finish: string): Rgb {
  const colour = FINISH_COLOURS.get(finish);
  if (!colour) throw new Error(`word lists: finish ${finish} has no colour`);
  return colour;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'An' : 'A');

const STOCK_SEED = 0x570c;

function stockLevel(random: Random): number {
  const draw = random();
  if (draw < 0.08) return 0;
  if (draw < 0.2) return between(random, 1, 3);
  return between(random, 5, 80);
}

/** Prices end like shop prices: ,99 mostly, some ,49, ,95 or round. */
function price(random: Random, [min, max]: readonly [number, number]): number {
  // Skewed towards the cheap end, as real catalogues are.
  const euros = Math.round(min + (max - min) * random() ** 2);
  const cents = pick(random, [99, 99, 99, 49, 95, 0]);
  return Math.max(1, euros * 100 + cents - (cents === 0 ? 0 : 100));
}

/**
 * The seed catalogue: `count` products drawn from the word lists with a seeded PRNG. Deterministic: the same
 * `count` and `seed` give the same products (ids included), and a smaller catalogue is a prefix of a larger one.
 * Names are unique.
 */
export function generateCatalogue(count: number, seed = CATALOGUE_SEED): SeedProduct[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`catalogue size must be a whole number, got ${count}`);
  const random = createRandom(seed);
  // Stock has its own stream, so adding it left every other field (ids included) as it was.
  const stockRandom = createRandom(seed ^ STOCK_SEED);
  const names = new Set<string>();
  const products: SeedProduct[] = [];
  while (products.length < count) {
    const category = pick(random, CATEGORIES);
    const noun = pick(random, category.nouns);
    const line = pick(random, LINES);
    const adjective = pick(random, category.adjectives);
    const finish = pick(random, category.finishes);
    const withAdjective = random() < 0.6;
    const name = [line, withAdjective ? adjective : undefined, finish, noun].filter(Boolean).join(' ');
    const use = pick(random, category.uses);
    const feature = pick(random, category.features);
    const closing = pick(random, CLOSINGS);
    const priceCents = price(random, category.euros);
    const createdAt = new Date(CATALOGUE_EPOCH - Math.floor((random() * YEAR_MS) / 1000) * 1000);
    const image: ImageSpec = {
      background: category.colour,
      accent: finishColour(finish),
      pattern: pick(random, PATTERNS),
      scale: between(random, 6, 16),
    };
    const id = randomUuid(random);
    if (names.has(name)) continue; // draws above still happened: the sequence stays the same for every size
    names.add(name);
    const description =
      `${article(withAdjective ? adjective : finish)} ${[withAdjective ? adjective.toLowerCase() : undefined, finish.toLowerCase(), noun.toLowerCase()].filter(Boolean).join(' ')} ` +
      `from the ${line} line, ideal for ${use}. ${feature} ${closing}`;
    products.push({
      id,
      sku: `${category.code}-${String(products.length + 1).padStart(5, '0')}`,
      name,
      description,
      category: category.name,
      priceCents,
      stock: stockLevel(stockRandom),
      createdAt,
      image,
    });
  }
  return products;
}

/** Image side in pixels. */
export const IMAGE_SIZE = 128;
const BORDER = 6;

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

function patternAt(spec: ImageSpec, x: number, y: number): boolean {
  const s = spec.scale;
  switch (spec.pattern) {
    case 'stripes':
      return ((y / s) | 0) % 2 === 0;
    case 'checks':
      return (((x / s) | 0) + ((y / s) | 0)) % 2 === 0;
    case 'dots': {
      const dx = (x % (2 * s)) - s;
      const dy = (y % (2 * s)) - s;
      return dx * dx + dy * dy <= (s * s) / 2;
    }
    case 'diagonal':
      return (((x + y) / s) | 0) % 2 === 0;
    case 'rings': {
      const dx = x - IMAGE_SIZE / 2;
      const dy = y - IMAGE_SIZE / 2;
      return ((Math.sqrt(dx * dx + dy * dy) / s) | 0) % 2 === 0;
    }
    case 'grid':
      return x % (2 * s) < 2 || y % (2 * s) < 2;
  }
}

/** The product's image: a PNG tile, `IMAGE_SIZE` square, with a darker frame. */
export function renderProductImage(spec: ImageSpec): Buffer {
  const frame = mix(spec.background, [0, 0, 0], 0.35);
  const accent = mix(spec.accent, spec.background, 0.25);
  const rgb = new Uint8Array(IMAGE_SIZE * IMAGE_SIZE * 3);
  for (let y = 0, at = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++, at += 3) {
      const inFrame = x < BORDER || y < BORDER || x >= IMAGE_SIZE - BORDER || y >= IMAGE_SIZE - BORDER;
      const colour = inFrame ? frame : patternAt(spec, x, y) ? accent : spec.background;
      rgb[at] = colour[0];
      rgb[at + 1] = colour[1];
      rgb[at + 2] = colour[2];
    }
  }
  return encodePng(IMAGE_SIZE, IMAGE_SIZE, rgb);
}

/**
 * Renders product images, each distinct spec once: a catalogue has far fewer distinct images than products (about
 * 6,700 for 100,000 products), so a seed encodes each PNG once and stores the same bytes for every product using it.
 */
export class ImageRenderer {
  private readonly rendered = new Map<string, Buffer>();

  render(spec: ImageSpec): Buffer {
    const key = `${spec.background}|${spec.accent}|${spec.pattern}|${spec.scale}`;
    let png = this.rendered.get(key);
    if (!png) {
      png = renderProductImage(spec);
      this.rendered.set(key, png);
    }
    return png;
  }

  /** How many distinct images were encoded. */
  get size(): number {
    return this.rendered.size;
  }
}
