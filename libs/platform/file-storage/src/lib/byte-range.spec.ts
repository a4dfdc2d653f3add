import { parseRangeHeader, resolveByteRange } from './byte-range';
import { RangeNotSatisfiableException } from './errors';

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100 }],
    ['bytes=-20', { suffixLength: 20 }],
    [' bytes=5-5 ', { start: 5, end: 5 }],
  ])('reads %j', (header, expected) => {
    expect(parseRangeHeader(header)).toEqual(expected);
  });

  it.each([
    undefined,
    '',
    'bytes=',
    'bytes=-',
    'bytes=9-1',
    'bytes=0-1,4-5',
    'items=0-1',
    'bytes=a-b',
    'bytes=99999999999999999999-',
  ])('ignores %j', (header) => {
    expect(parseRangeHeader(header)).toBeUndefined();
  });
});

describe('resolveByteRange', () => {
  it.each([
    [{ start: 0, end: 9 }, 100, { start: 0, end: 9 }],
    [{ start: 90 }, 100, { start: 90, end: 99 }],
    [{ start: 90, end: 500 }, 100, { start: 90, end: 99 }],
    [{ suffixLength: 10 }, 100, { start: 90, end: 99 }],
    [{ suffixLength: 500 }, 100, { start: 0, end: 99 }],
  ])('resolves %j against %d bytes', (request, size, expected) => {
    expect(resolveByteRange(request, size, 'k')).toEqual(expected);
  });

  it.each([
    [{ start: 100 }, 100],
    [{ start: 0 }, 0],
    [{ suffixLength: 0 }, 100],
    [{ suffixLength: 5 }, 0],
    [{ start: -1 }, 100],
    [{ start: 5, end: 4 }, 100],
  ])('refuses %j against %d bytes with 416', (request, size) => {
    expect(() => resolveByteRange(request, size, 'k')).toThrow(RangeNotSatisfiableException);
  });
});
