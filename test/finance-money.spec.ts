import { euro, euroInput, parseEuro, timesInhabitants } from '../apps/web/src/features/finance/money';

/** Euro amounts in Dutch notation in the web client, to and from whole cents without floating point. */
describe('euro amounts in Dutch notation', () => {
  it('reads what Dutch people type, exactly', () => {
    expect(parseEuro('1.234,56')).toBe(123_456);
    expect(parseEuro('1234,56')).toBe(123_456);
    expect(parseEuro('14.000')).toBe(1_400_000);
    expect(parseEuro('€ 319.000,00')).toBe(31_900_000);
    expect(parseEuro('0,17')).toBe(17);
    expect(parseEuro('0,1')).toBe(10);
    expect(parseEuro('1.000.000,01')).toBe(100_000_001);
    // 0.1 + 0.2 style errors cannot happen: every cent is counted as an integer.
    expect(parseEuro('90.071.992.547.409,91')).toBe(9_007_199_254_740_991);
  });

  it('refuses what is not an amount', () => {
    for (const text of [
      '',
      'abc',
      '1,234',
      '12,345',
      '1234.56',
      '1.23',
      '1,2,3',
      '-5',
      '12.3456',
      '92.000.000.000.000,00',
    ])
      expect([text, parseEuro(text)]).toEqual([text, null]);
  });

  it('shows cents as euros and reads its own output back', () => {
    expect(euro(1_400_000)).toBe('€ 14.000,00');
    expect(euro(-5)).toBe('-€ 0,05');
    expect(euroInput(123_456)).toBe('1.234,56');
    for (const cents of [0, 1, 99, 100, 123_456, 31_900_000, Number.MAX_SAFE_INTEGER])
      expect(parseEuro(euroInput(cents))).toBe(cents);
  });

  it('multiplies inhabitants by the amount per inhabitant exactly', () => {
    expect(timesInhabitants(160_123, 17)).toBe(2_722_091);
    expect(timesInhabitants(Number.MAX_SAFE_INTEGER, 2)).toBeNull();
  });
});
