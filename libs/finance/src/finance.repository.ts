import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';
import type { BudgetLine, Contribution, ContributionBasis, FinanceTotals } from '@koers/contracts';

export interface ContributionFields {
  organisationId: string | null;
  partnerType: string;
  label: string;
  year: number;
  amountCents: bigint;
  basis: ContributionBasis;
  inhabitants: number | null;
  centsPerInhabitant: bigint | null;
  note: string;
}

export interface BudgetLineFields {
  year: number;
  title: string;
  amountCents: bigint;
  position: number;
}

// Sums and amounts leave the database as text (bigint) and become numbers only after a safe-integer check.
const SELECT_CONTRIBUTION = `
  SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.partner_type AS "partnerType",
         c.label, c.year, c.amount_cents::text AS "amountCents", c.basis, c.inhabitants,
         c.cents_per_inhabitant::text AS "centsPerInhabitant", c.note, c.version
    FROM contributions c LEFT JOIN organisations o ON o.id = c.organisation_id`;

type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };

/** Euro cents from the database (text) to a JSON number; amounts this large are refused on input. */
export function centsToNumber(text: string | null): number | null {
  if (text === null) return null;
  const value = BigInt(text);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('Amount beyond the exact range of a JSON number');
  return Number(value);
}

@Injectable()
export class FinanceRepository {
  constructor(private readonly transactions: TransactionHost) {}

  private db(manager?: EntityManager) {
    return this.transactions.manager(manager);
  }

  async contributions(year?: number): Promise<Contribution[]> {
    const rows: Array<Raw<Contribution, 'amountCents' | 'centsPerInhabitant'>> = await this.db().query(
      `${SELECT_CONTRIBUTION} ${year ? 'WHERE c.year = $1' : ''}
       ORDER BY c.year DESC, CASE c.partner_type WHEN 'gemeente' THEN 1 WHEN 'openbaar_ministerie' THEN 2 WHEN 'politie' THEN 3 ELSE 4 END,
                coalesce(o.name, c.label)`,
      year ? [year] : [],
    );
    return rows.map(toContribution);
  }

  async contribution(id: string, manager?: EntityManager): Promise<Contribution | null> {
    const rows: Array<Raw<Contribution, 'amountCents' | 'centsPerInhabitant'>> = await this.db(manager).query(
      `${SELECT_CONTRIBUTION} WHERE c.id = $1`,
      [id],
    );
    return rows[0] ? toContribution(rows[0]) : null;
  }

  async totals(year?: number): Promise<FinanceTotals[]> {
    const rows: Array<{ year: number; partnerType: string; amountCents: string }> = await this.db().query(
      `SELECT year, partner_type AS "partnerType", sum(amount_cents)::text AS "amountCents"
         FROM contributions ${year ? 'WHERE year = $1' : ''}
        GROUP BY year, partner_type ORDER BY year DESC, partner_type`,
      year ? [year] : [],
    );
    return rows.map((r) => ({ ...r, amountCents: centsToNumber(r.amountCents)! }));
  }

  async years(year?: number) {
    const rows: Array<{ year: number; contributions: string; budget: string }> = await this.db().query(
      `SELECT y.year,
              coalesce((SELECT sum(amount_cents) FROM contributions WHERE year = y.year), 0)::text AS contributions,
              coalesce((SELECT sum(amount_cents) FROM budget_lines WHERE year = y.year), 0)::text AS budget
         FROM (SELECT year FROM contributions UNION SELECT year FROM budget_lines) y
        ${year ? 'WHERE y.year = $1' : ''}
        ORDER BY y.year DESC`,
      year ? [year] : [],
    );
    return rows.map((r) => {
      const contributions = BigInt(r.contributions);
      const budget = BigInt(r.budget);
      return {
        year: r.year,
        contributionsCents: centsToNumber(r.contributions)!,
        budgetCents: centsToNumber(r.budget)!,
        balanceCents: Number(contributions - budget),
      };
    });
  }

  async insertContribution(fields: ContributionFields, createdBy: string, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO contributions (organisation_id, partner_type, label, year, amount_cents, basis, inhabitants, cents_per_inhabitant, note, created_by)
       VALUES ($1, $2, $3, $4, $5::bigint, $6, $7, $8::bigint, $9, $10) RETURNING id`,
      [
        fields.organisationId,
        fields.partnerType,
        fields.label,
        fields.year,
        fields.amountCents.toString(),
        fields.basis,
        fields.inhabitants,
        fields.centsPerInhabitant?.toString() ?? null,
        fields.note,
        createdBy,
      ],
    );
    return rows[0].id;
  }

  async updateContribution(id: string, fields: ContributionFields, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE contributions SET organisation_id = $2, partner_type = $3, label = $4, year = $5, amount_cents = $6::bigint,
              basis = $7, inhabitants = $8, cents_per_inhabitant = $9::bigint, note = $10, updated_at = now()
        WHERE id = $1`,
      [
        id,
        fields.organisationId,
        fields.partnerType,
        fields.label,
        fields.year,
        fields.amountCents.toString(),
        fields.basis,
        fields.inhabitants,
        fields.centsPerInhabitant?.toString() ?? null,
        fields.note,
      ],
    );
  }

  async deleteContribution(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM contributions WHERE id = $1', [id]);
  }

  async contributionExists(organisationId: string, year: number, exceptId?: string): Promise<boolean> {
    const rows = await this.db().query(
      'SELECT 1 FROM contributions WHERE organisation_id = $1 AND year = $2 AND id IS DISTINCT FROM $3',
      [organisationId, year, exceptId ?? null],
    );
    return rows.length > 0;
  }

  async organisationType(id: string): Promise<string | null> {
    const rows: Array<{ type: string }> = await this.db().query('SELECT type FROM organisations WHERE id = $1', [id]);
    return rows[0]?.type ?? null;
  }

  async budgetLines(year?: number): Promise<BudgetLine[]> {
    const rows: Array<Raw<BudgetLine, 'amountCents'>> = await this.db().query(
      `SELECT id, year, title, amount_cents::text AS "amountCents", position, version FROM budget_lines
        ${year ? 'WHERE year = $1' : ''} ORDER BY year DESC, position, title`,
      year ? [year] : [],
    );
    return rows.map((r) => ({ ...r, amountCents: centsToNumber(r.amountCents)! }));
  }

  async budgetLine(id: string): Promise<BudgetLine | null> {
    const rows: Array<Raw<BudgetLine, 'amountCents'>> = await this.db().query(
      'SELECT id, year, title, amount_cents::text AS "amountCents", position, version FROM budget_lines WHERE id = $1',
      [id],
    );
    return rows[0] ? { ...rows[0], amountCents: centsToNumber(rows[0].amountCents)! } : null;
  }

  async insertBudgetLine(fields: BudgetLineFields, createdBy: string, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO budget_lines (year, title, amount_cents, position, created_by) VALUES ($1, $2, $3::bigint, $4, $5) RETURNING id',
      [fields.year, fields.title, fields.amountCents.toString(), fields.position, createdBy],
    );
    return rows[0].id;
  }

  async updateBudgetLine(id: string, fields: BudgetLineFields, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE budget_lines SET year = $2, title = $3, amount_cents = $4::bigint, position = $5, updated_at = now() WHERE id = $1',
      [id, fields.year, fields.title, fields.amountCents.toString(), fields.position],
    );
  }

  async deleteBudgetLine(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM budget_lines WHERE id = $1', [id]);
  }
}

function toContribution(row: Raw<Contribution, 'amountCents' | 'centsPerInhabitant'>): Contribution {
  return {
    ...row,
    amountCents: centsToNumber(row.amountCents)!,
    centsPerInhabitant: centsToNumber(row.centsPerInhabitant),
  };
}
