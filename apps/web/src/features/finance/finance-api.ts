import type { BudgetLine, Contribution, ContributionList } from '@koers/contracts';
import { query, request } from '../../api';

export type { BudgetLine, Contribution, ContributionList };

/** The editable fields of a contribution, by the API's names (a line without organisation has partnerType and label). */
export interface ContributionFields extends Record<string, unknown> {
  organisationId: string | null;
  partnerType: string;
  label: string;
  year: number;
  basis: 'vast' | 'per_inwoner';
  amountCents: number;
  inhabitants: number | null;
  centsPerInhabitant: number | null;
  note: string;
}

export interface BudgetLineFields extends Record<string, unknown> {
  year: number;
  title: string;
  amountCents: number;
}

/** The bureau's financing (docs/strategy-cycle.md); amounts are whole euro cents. */
export const financeApi = {
  contributions: (year?: number) => request<ContributionList>('GET', '/contributions' + query({ year })),
  createContribution: (input: Partial<ContributionFields>) => request<Contribution>('POST', '/contributions', input),
  /** Changes the fields sent (a PATCH) against the version the form started from. */
  updateContribution: (id: string, changes: Partial<ContributionFields>, version: number) =>
    request<Contribution>('PATCH', `/contributions/${encodeURIComponent(id)}`, { ...changes, version }),
  deleteContribution: (id: string, version?: number) =>
    request<void>('DELETE', `/contributions/${encodeURIComponent(id)}`, { version }),
  budgetLines: (year?: number) => request<BudgetLine[]>('GET', '/budget-lines' + query({ year })),
  createBudgetLine: (input: { year: number; title: string; amountCents: number }) =>
    request<BudgetLine>('POST', '/budget-lines', input),
  updateBudgetLine: (id: string, changes: Partial<BudgetLineFields>, version: number) =>
    request<BudgetLine>('PATCH', `/budget-lines/${encodeURIComponent(id)}`, { ...changes, version }),
  deleteBudgetLine: (id: string, version?: number) =>
    request<void>('DELETE', `/budget-lines/${encodeURIComponent(id)}`, { version }),
  exportUrl: (year?: number) => '/api/finance/export.csv' + query({ year }),
};

export { euro, euroInput, parseEuro, timesInhabitants } from './money';
