import { assertValidKey, assertValidPrefix, MAX_KEY_BYTES, MAX_SEGMENT_BYTES } from './object-key';

const problemOf = (check: () => void): string | undefined => {
  try {
    check();
    return undefined;
  } catch (error) {
    expect((error as { getStatus(): number }).getStatus()).toBe(400);
    return (error as Error).message;
  }
};

describe('assertValidKey', () => {
  it.each([
    'a',
    'products/42/image.png',
    'a b/ünïcødé 📷.jpg',
    '..hidden/x..y/...',
    'x'.repeat(MAX_SEGMENT_BYTES),
    `${'x'.repeat(MAX_SEGMENT_BYTES)}/${'y'.repeat(MAX_SEGMENT_BYTES)}/${'z'.repeat(MAX_KEY_BYTES - 2 * MAX_SEGMENT_BYTES - 2)}`,
  ])('accepts %j', (key) => {
    expect(problemOf(() => assertValidKey(key))).toBeUndefined();
  });

  it.each([
    ['', 'it is missing or empty'],
    [undefined, 'it is missing or empty'],
    ['../x', 'contains a ".." segment'],
    ['a/..', 'contains a ".." segment'],
    ['a/./b', 'contains a "." segment'],
    ['/abs', 'is an absolute path'],
    ['c:/x', 'is an absolute path'],
    ['a\\b', 'contains a backslash'],
    ['a\u0000b', 'contains a control character'],
    ['a\nb', 'contains a control character'],
    ['a\u007fb', 'contains a control character'],
    ['a\u0085b', 'contains a control character'],
    ['a//b', 'contains an empty segment'],
    ['a/', 'contains an empty segment'],
    ['\ud800x', 'is not valid Unicode'],
    ['x'.repeat(MAX_SEGMENT_BYTES + 1), `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`],
    ['é'.repeat(MAX_KEY_BYTES / 2 + 1), `it is longer than ${MAX_KEY_BYTES} bytes`],
  ])('rejects %j: %s', (key, problem) => {
    expect(problemOf(() => assertValidKey(key))).toContain(problem);
  });

  it('quotes the key safely in the message', () => {
    expect(problemOf(() => assertValidKey('a\u0000b'))).toBe(
      'invalid file key "a\\u0000b": it contains a control character',
    );
  });
});

describe('assertValidPrefix', () => {
  it.each(['', 'a', 'a/', 'products/4', 'a/b/'])('accepts %j', (prefix) => {
    expect(problemOf(() => assertValidPrefix(prefix))).toBeUndefined();
  });

  it.each(['../', '/a', 'a//', 'a\\', 'a\u0000'])('rejects %j', (prefix) => {
    expect(problemOf(() => assertValidPrefix(prefix))).toMatch(/^invalid file key prefix/);
  });
});
