import type { BudgetLine, Contribution, ContributionList } from '@koers/contracts';
import { query, request } from '../../api';

export type { BudgetLine, Contribution, ContributionList };

/** The bureau's financing (docs/strategy-cycle.md); amounts are whole euro cents. */
export const financeApi = {
  contributions: (year?: number) => request<ContributionList>('GET', '/contributions' + query({ year })),
  createContribution: (input: {
    organisationId?: string | null;
    year: number;
    amountCents?: number;
    basis: 'vast' | 'per_inwoner';
    inhabitants?: number;
    centsPerInhabitant?: number;
    partnerType?: string;
    label?: string;
  }) => request<Contribution>('POST', '/contributions', input),
  deleteContribution: (id: string) => request<void>('DELETE', `/contributions/${encodeURIComponent(id)}`),
  budgetLines: (year?: number) => request<BudgetLine[]>('GET', '/budget-lines' + query({ year })),
  createBudgetLine: (input: { year: number; title: string; amountCents: number }) =>
    request<BudgetLine>('POST', '/budget-lines', input),
  deleteBudgetLine: (id: string) => request<void>('DELETE', `/budget-lines/${encodeURIComponent(id)}`),
  exportUrl: (year?: number) => '/api/finance/export.csv' + query({ year }),
};

/** "€ 14.000,00" from cents, without floating point. */
export function euro(cents: number): string {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}€ ${euros},${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * "14.000" or "14000,50" as typed by a Dutch user, to cents, exactly (no parseFloat): null when it is not an
 * amount with at most two decimals.
 */
export function parseEuro(text: string): number | null {
  const cleaned = text.replace(/[€\s]/g, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const cents = BigInt(match[1].replace(/\./g, '')) * 100n + BigInt((match[2] ?? '0').padEnd(2, '0'));
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(cents);
}
