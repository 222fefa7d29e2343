/**
 * Euro amounts as Dutch people type and read them, to and from whole cents, without floating point
 * (docs/strategy-cycle.md, "Financing"). No imports: unit-tested in test/finance-money.spec.ts.
 */

/** "€ 14.000,00" from cents. */
export function euro(cents: number): string {
  const negative = cents < 0;
  return `${negative ? '-' : ''}€ ${euroInput(Math.abs(cents))}`;
}

/** "1.234,56" from 123456 cents: the value an edit field starts with (parseEuro reads it back exactly). */
export function euroInput(cents: number): string {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${euros},${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * "1.234,56", "1234,56", "14.000" or "€ 14.000,5" as typed by a Dutch user, to cents, exactly (no
 * parseFloat): null when it is not an amount with at most two decimals, uses a decimal point ("1234.56" is
 * ambiguous in Dutch and refused unless it groups thousands, "1.234"), or exceeds what JSON carries exactly.
 */
export function parseEuro(text: string): number | null {
  const cleaned = text.replace(/[€\s]/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const cents = BigInt(match[1].replace(/\./g, '')) * 100n + BigInt((match[2] ?? '0').padEnd(2, '0'));
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(cents);
}

/** Inhabitants × cents per inhabitant, exactly; null when it would not fit a JSON number. */
export function timesInhabitants(inhabitants: number, centsPerInhabitant: number): number | null {
  const cents = BigInt(inhabitants) * BigInt(centsPerInhabitant);
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(cents);
}
