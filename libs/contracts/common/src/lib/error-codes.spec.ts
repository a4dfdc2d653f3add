import { ERROR_CODE_PATTERN, errorCodeOf, PLATFORM_ERROR_CODES } from '../index';

describe('error codes', () => {
  it('declares every platform code as UPPER_SNAKE, named as it reads', () => {
    for (const [name, code] of Object.entries(PLATFORM_ERROR_CODES)) {
      expect(code).toBe(name);
      expect(code).toMatch(ERROR_CODE_PATTERN);
    }
  });

  it('reads the code of an error body, ignoring what is not a code', () => {
    expect(errorCodeOf({ statusCode: 409, code: 'OUT_OF_STOCK' })).toBe('OUT_OF_STOCK');
    expect(errorCodeOf({ code: 'out of stock' })).toBeUndefined();
    expect(errorCodeOf({ code: 42 })).toBeUndefined();
    expect(errorCodeOf({ message: 'no code' })).toBeUndefined();
    expect(errorCodeOf('OUT_OF_STOCK')).toBeUndefined();
    expect(errorCodeOf(null)).toBeUndefined();
  });
});
