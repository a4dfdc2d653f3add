import { crc32, inflateSync } from 'node:zlib';
import { CATEGORIES, FINISHES } from './word-lists';
import { createRandom, generateCatalogue, IMAGE_SIZE, ImageRenderer, renderProductImage } from './catalogue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seed catalogue', () => {
  const catalogue = generateCatalogue(1000);

  it('is deterministic: the same size gives the same products, ids and dates included', () => {
    expect(generateCatalogue(1000)).toEqual(catalogue);
    expect(createRandom(42)()).toBe(createRandom(42)());
  });

  it('grows by appending: a small catalogue is a prefix of a large one (tests see the same products as dev)', () => {
    expect(generateCatalogue(50)).toEqual(catalogue.slice(0, 50));
  });

  it('differs with another seed', () => {
    expect(generateCatalogue(5, 1)[0].id).not.toBe(catalogue[0].id);
  });

  it('has unique ids, SKUs and names and realistic fields', () => {
    expect(new Set(catalogue.map((p) => p.id)).size).toBe(1000);
    expect(new Set(catalogue.map((p) => p.sku)).size).toBe(1000);
    expect(new Set(catalogue.map((p) => p.name)).size).toBe(1000);
    const categories = new Map(CATEGORIES.map((c) => [c.name, c]));
    for (const product of catalogue) {
      expect(product.id).toMatch(UUID);
      const category = categories.get(product.category);
      expect(category).toBeDefined();
      expect(product.sku.startsWith(`${category?.code}-`)).toBe(true);
      expect(Number.isInteger(product.priceCents)).toBe(true);
      expect(product.priceCents).toBeGreaterThan(0);
      expect(product.priceCents).toBeLessThanOrEqual((category?.euros[1] ?? 0) * 100);
      expect(product.name.length).toBeLessThanOrEqual(200);
      expect(product.description.length).toBeGreaterThan(40);
      expect(product.createdAt.getTime()).toBeLessThanOrEqual(Date.UTC(2026, 0, 1));
    }
    // Mostly in stock, some sold out or nearly so (what the storefront shows).
    expect(catalogue.every((p) => Number.isInteger(p.stock) && p.stock >= 0 && p.stock <= 80)).toBe(true);
    const soldOut = catalogue.filter((p) => p.stock === 0).length;
    expect(soldOut).toBeGreaterThan(30);
    expect(soldOut).toBeLessThan(150);
    // Every category is represented in a catalogue of this size.
    expect(new Set(catalogue.map((p) => p.category)).size).toBe(CATEGORIES.length);
  });

  it('gives every finish of every category an image colour', () => {
    const coloured = new Set(FINISHES.map((finish) => finish.name));
    for (const category of CATEGORIES) expect(category.finishes.filter((finish) => !coloured.has(finish))).toEqual([]);
  });

  it('refuses a bad size', () => {
    expect(() => generateCatalogue(-1)).toThrow(RangeError);
    expect(generateCatalogue(0)).toEqual([]);
  });
});

/** Minimal PNG reader: chunks with CRC check, then the decompressed scanlines. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
    at += 12 + length;
  }
  const header = chunks[0].data;
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  return {
    types: chunks.map((c) => c.type),
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header[8],
    colourType: header[9],
    pixels: inflateSync(idat),
  };
}

describe('product images', () => {
  const [first, second] = generateCatalogue(2);

  it('are valid RGB PNGs of the documented size', () => {
    const png = readPng(renderProductImage(first.image));
    expect(png.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(png).toMatchObject({ width: IMAGE_SIZE, height: IMAGE_SIZE, bitDepth: 8, colourType: 2 });
    expect(png.pixels.length).toBe(IMAGE_SIZE * (1 + IMAGE_SIZE * 3));
  });

  it('are small, deterministic and differ between products', () => {
    const bytes = renderProductImage(first.image);
    expect(bytes.length).toBeLessThan(8 * 1024);
    expect(renderProductImage(first.image).equals(bytes)).toBe(true);
    expect(renderProductImage(second.image).equals(bytes)).toBe(false);
  });

  it('are encoded once per distinct image by the seed, with the same bytes as rendering each product', () => {
    const catalogue = generateCatalogue(300);
    const renderer = new ImageRenderer();
    for (const product of catalogue)
      expect(renderer.render(product.image).equals(renderProductImage(product.image))).toBe(true);
    const distinct = new Set(catalogue.map((p) => JSON.stringify(p.image))).size;
    expect(renderer.size).toBe(distinct);
    expect(distinct).toBeLessThan(catalogue.length);
  });
});
