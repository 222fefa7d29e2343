import type { Uuid } from './common';
/** The financing of the bureau: contributions per partner per year and budget lines. Amounts in euro cents. */

export const CONTRIBUTION_BASES = ['vast', 'per_inwoner'] as const;
export type ContributionBasis = (typeof CONTRIBUTION_BASES)[number];

export interface Contribution {
  id: Uuid;
  organisationId: Uuid | null;
  organisationName: string | null;
  partnerType: string;
  /** For a line not tied to one organisation ("Overige gemeenten"), its name. */
  label: string;
  year: number;
  /** Whole euro cents (an integer; JSON numbers are exact up to 2^53). */
  amountCents: number;
  basis: ContributionBasis;
  inhabitants: number | null;
  centsPerInhabitant: number | null;
  note: string;
  version: number;
}

export interface BudgetLine {
  id: Uuid;
  year: number;
  title: string;
  amountCents: number;
  position: number;
  version: number;
}

export interface FinanceTotals {
  year: number;
  partnerType: string;
  amountCents: number;
}

export interface ContributionList {
  items: Contribution[];
  totals: FinanceTotals[];
  /** Per year: contributions, budget and the difference. */
  years: Array<{ year: number; contributionsCents: number; budgetCents: number; balanceCents: number }>;
}
