import { centsToEuro, euroToCents, formatCents, shortId } from './format';

describe('formats', () => {
  it('shows cents as euros', () => {
    expect(formatCents(123456)).toBe('€1,234.56');
    expect(formatCents(0)).toBe('€0.00');
  });

  it('turns a typed euro price into cents, and back for the field', () => {
    expect(euroToCents('12.5')).toBe('1250');
    expect(euroToCents('0.015')).toBe('2');
    expect(euroToCents('')).toBe('');
    expect(euroToCents('-1')).toBe('');
    expect(euroToCents('abc')).toBe('');
    expect(centsToEuro('1250')).toBe('12.5');
    expect(centsToEuro(null)).toBe('');
  });

  it('shortens order ids', () => {
    expect(shortId('1c8f2e7a-0000-4000-8000-000000000000')).toBe('1c8f2e7a');
  });
});
