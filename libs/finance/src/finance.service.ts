import { Injectable } from '@nestjs/common';
import { Actor, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import {
  assertVersion,
  FieldError,
  forbidden,
  lockVersion,
  notFound,
  toCsv,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import type { BudgetLine, Contribution, ContributionBasis, ContributionList } from '@koers/contracts';
import { BudgetLineFields, ContributionFields, FinanceRepository } from './finance.repository';

export interface ContributionInput {
  organisationId?: string | null;
  year: number;
  amountCents?: number;
  basis?: ContributionBasis;
  inhabitants?: number | null;
  centsPerInhabitant?: number | null;
  partnerType?: string;
  label?: string;
  note?: string;
}

export interface BudgetLineInput {
  year: number;
  title: string;
  amountCents: number;
  position?: number;
}

/**
 * The bureau's financing: contributions per partner per year and its budget lines, kept by the secretariat,
 * read by the secretariat and RVC members (read-only); nobody else (403, audited). Amounts are whole euro
 * cents, computed with BigInt (inhabitants x cents per inhabitant), never with floating point.
 */
@Injectable()
export class FinanceService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: FinanceRepository,
    private readonly audit: AuditService,
  ) {}

  async assertRead(actor: Actor, attempted = 'finance.read'): Promise<void> {
    if (isSecretariat(actor) || actor.rvcMember) return;
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: 'finance',
      summary: { permission: attempted },
    });
    throw forbidden('Alleen het secretariaat en de leden van het college zien de financiën.');
  }

  async assertManage(actor: Actor, attempted: string): Promise<void> {
    if (isSecretariat(actor)) return;
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: 'finance',
      summary: { permission: attempted },
    });
    throw forbidden('Alleen het secretariaat wijzigt de financiën.');
  }

  async list(actor: Actor, year?: number): Promise<ContributionList> {
    await this.assertRead(actor);
    return {
      items: await this.repository.contributions(year),
      totals: await this.repository.totals(year),
      years: await this.repository.years(year),
    };
  }

  async budgetLines(actor: Actor, year?: number): Promise<BudgetLine[]> {
    await this.assertRead(actor);
    return this.repository.budgetLines(year);
  }

  async createContribution(actor: Actor, input: ContributionInput): Promise<Contribution> {
    await this.assertManage(actor, 'finance.contribution.create');
    const fields = await this.contributionFields(input);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertContribution(fields, actor.userId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'finance.contribution.create',
          entityType: 'contribution',
          entityId: newId,
          summary: summaryOf(fields),
        },
        manager,
      );
      return newId;
    });
    return (await this.repository.contribution(id))!;
  }

  /** Changes the fields sent (a PATCH); the others keep their stored value. */
  async updateContribution(actor: Actor, id: string, input: Partial<ContributionInput>, expectedVersion?: number) {
    await this.assertManage(actor, 'finance.contribution.update');
    const before = await this.repository.contribution(id);
    if (!before) throw notFound('De bijdrage');
    const fields = await this.contributionFields(mergeContribution(before, input), id);
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'contributions', id, expectedVersion);
      await this.repository.updateContribution(id, fields, manager);
      await this.audit.recordChange(
        actor,
        { action: 'finance.contribution.update', entityType: 'contribution', entityId: id, summary: summaryOf(fields) },
        manager,
      );
    });
    return (await this.repository.contribution(id))!;
  }

  async deleteContribution(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.assertManage(actor, 'finance.contribution.delete');
    const before = await this.repository.contribution(id);
    if (!before) throw notFound('De bijdrage');
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'contributions', id, expectedVersion);
      await this.repository.deleteContribution(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'finance.contribution.delete',
          entityType: 'contribution',
          entityId: id,
          summary: { year: before.year, amountCents: before.amountCents, organisationId: before.organisationId },
        },
        manager,
      );
    });
  }

  async createBudgetLine(actor: Actor, input: BudgetLineInput): Promise<BudgetLine> {
    await this.assertManage(actor, 'finance.budget.create');
    const fields = budgetFields(input);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertBudgetLine(fields, actor.userId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'finance.budget.create',
          entityType: 'budget_line',
          entityId: newId,
          summary: { year: fields.year, title: fields.title, amountCents: fields.amountCents.toString() },
        },
        manager,
      );
      return newId;
    });
    return (await this.repository.budgetLine(id))!;
  }

  /** Changes the fields sent (a PATCH); the others keep their stored value. */
  async updateBudgetLine(actor: Actor, id: string, input: Partial<BudgetLineInput>, expectedVersion?: number) {
    await this.assertManage(actor, 'finance.budget.update');
    const before = await this.repository.budgetLine(id);
    if (!before) throw notFound('De begrotingspost');
    assertVersion(before, expectedVersion);
    const fields = budgetFields({
      year: input.year ?? before.year,
      title: input.title ?? before.title,
      amountCents: input.amountCents ?? before.amountCents,
      position: input.position ?? before.position,
    });
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'budget_lines', id, expectedVersion);
      await this.repository.updateBudgetLine(id, fields, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'finance.budget.update',
          entityType: 'budget_line',
          entityId: id,
          summary: { year: fields.year, title: fields.title, amountCents: fields.amountCents.toString() },
        },
        manager,
      );
    });
    return (await this.repository.budgetLine(id))!;
  }

  async deleteBudgetLine(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.assertManage(actor, 'finance.budget.delete');
    const before = await this.repository.budgetLine(id);
    if (!before) throw notFound('De begrotingspost');
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'budget_lines', id, expectedVersion);
      await this.repository.deleteBudgetLine(id, manager);
      await this.audit.recordChange(
        actor,
        { action: 'finance.budget.delete', entityType: 'budget_line', entityId: id, summary: { title: before.title } },
        manager,
      );
    });
  }

  /** Contributions, totals per partner type and budget lines of a year (or all), as one CSV. */
  async exportCsv(actor: Actor, year?: number): Promise<{ filename: string; csv: string }> {
    await this.assertRead(actor, 'finance.export');
    const euro = (cents: number) => formatEuro(BigInt(cents));
    const rows: unknown[][] = [
      ['Soort', 'Jaar', 'Partner', 'Type', 'Grondslag', 'Inwoners', 'Per inwoner', 'Bedrag (EUR)', 'Bedrag (cent)'],
    ];
    for (const c of await this.repository.contributions(year))
      rows.push([
        'Bijdrage',
        c.year,
        c.organisationName ?? c.label,
        c.partnerType,
        c.basis === 'vast' ? 'vast bedrag' : 'per inwoner',
        c.inhabitants ?? '',
        c.centsPerInhabitant === null ? '' : euro(c.centsPerInhabitant),
        euro(c.amountCents),
        c.amountCents,
      ]);
    for (const t of await this.repository.totals(year))
      rows.push(['Totaal per type', t.year, '', t.partnerType, '', '', '', euro(t.amountCents), t.amountCents]);
    for (const b of await this.repository.budgetLines(year))
      rows.push(['Begrotingspost', b.year, b.title, '', '', '', '', euro(b.amountCents), b.amountCents]);
    return { filename: `financien-${year ?? 'alle-jaren'}.csv`, csv: toCsv(rows) };
  }

  private async contributionFields(input: ContributionInput, id?: string): Promise<ContributionFields> {
    const problems: FieldError[] = [];
    const basis = input.basis ?? 'vast';
    let partnerType = input.partnerType ?? null;
    const organisationId = input.organisationId ?? null;
    if (organisationId) {
      const type = await this.repository.organisationType(organisationId);
      if (!type) problems.push({ field: 'organisationId', messages: ['Deze organisatie bestaat niet.'] });
      else {
        partnerType = type;
        if (await this.repository.contributionExists(organisationId, input.year, id))
          problems.push({ field: 'year', messages: ['Deze organisatie heeft voor dit jaar al een bijdrage.'] });
      }
    } else {
      if (!partnerType)
        problems.push({ field: 'partnerType', messages: ['Kies een organisatie of het soort partner.'] });
      if (!input.label?.trim())
        problems.push({ field: 'label', messages: ['Geef een bijdrage zonder organisatie een naam.'] });
    }
    let amount = input.amountCents === undefined ? null : BigInt(input.amountCents);
    let inhabitants: number | null = null;
    let perInhabitant: bigint | null = null;
    if (basis === 'per_inwoner') {
      if (!input.inhabitants || input.centsPerInhabitant === undefined || input.centsPerInhabitant === null)
        problems.push({
          field: 'inhabitants',
          messages: ['Geef bij een bijdrage per inwoner het aantal inwoners en het bedrag per inwoner.'],
        });
      else {
        inhabitants = input.inhabitants;
        perInhabitant = BigInt(input.centsPerInhabitant);
        const computed = BigInt(inhabitants) * perInhabitant;
        if (amount === null) amount = computed;
        else if (amount !== computed)
          problems.push({
            field: 'amountCents',
            messages: [`Het bedrag is niet inwoners × bedrag per inwoner (${formatEuro(computed)}).`],
          });
      }
    } else if (amount === null) problems.push({ field: 'amountCents', messages: ['Geef het bedrag in eurocenten.'] });
    if (amount !== null && amount >= 100_000_000_000_000n)
      problems.push({ field: 'amountCents', messages: ['Dit bedrag is te groot.'] });
    if (problems.length) throw validationFailed(problems);
    return {
      organisationId,
      partnerType: partnerType!,
      label: input.label?.trim() ?? '',
      year: input.year,
      amountCents: amount!,
      basis,
      inhabitants,
      centsPerInhabitant: perInhabitant,
      note: input.note?.trim() ?? '',
    };
  }
}

/**
 * A stored contribution with the changed fields of a PATCH on top. A per-inhabitant amount that was not sent
 * is computed again from the inhabitants and the amount per inhabitant; naming an organisation takes its type.
 */
export function mergeContribution(before: Contribution, input: Partial<ContributionInput>): ContributionInput {
  const organisationId = input.organisationId !== undefined ? input.organisationId : before.organisationId;
  const basis = input.basis ?? before.basis;
  return {
    organisationId,
    year: input.year ?? before.year,
    basis,
    amountCents: input.amountCents ?? (basis === 'per_inwoner' ? undefined : before.amountCents),
    inhabitants: input.inhabitants !== undefined ? input.inhabitants : before.inhabitants,
    centsPerInhabitant: input.centsPerInhabitant !== undefined ? input.centsPerInhabitant : before.centsPerInhabitant,
    partnerType: input.partnerType ?? (organisationId ? undefined : before.partnerType),
    label: input.label ?? (organisationId ? '' : before.label),
    note: input.note ?? before.note,
  };
}

function budgetFields(input: BudgetLineInput): BudgetLineFields {
  return {
    year: input.year,
    title: input.title.trim(),
    amountCents: BigInt(input.amountCents),
    position: input.position ?? 0,
  };
}

function summaryOf(fields: ContributionFields) {
  return {
    organisationId: fields.organisationId,
    partnerType: fields.partnerType,
    year: fields.year,
    amountCents: fields.amountCents.toString(),
    basis: fields.basis,
  };
}

/** "€ 14.000,00" from cents, exactly (BigInt, no floating point). */
export function formatEuro(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}€ ${euros},${rest}`;
}
