import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import {
  assertVersion,
  conflict,
  FieldError,
  lockVersion,
  notFound,
  StaleVersionError,
  toCsv,
  todayInNetherlands,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import type {
  InventoryBodyQuestion,
  InventoryDetail,
  InventoryPriority,
  InventoryRanking,
  InventoryResponse,
  InventoryResponseStatus,
  InventorySummary,
} from '@koers/contracts';
import { contactNotices, InsertedNotification, NotificationService } from '@koers/notifications';
import { StrategyService } from '@koers/strategy';
import { InventoryPolicy } from './inventory.policy';
import { InventoryFields, InventoryRepository, InventoryRow } from './inventory.repository';
import { ordered, rankPriorities } from './ranking';

export interface CreateInventoryInput {
  title: string;
  deadline: string;
  organisationIds: string[];
  questions?: string[];
  periodStart?: number;
  periodEnd?: number;
  contacts?: Array<{ organisationId: string; userIds: string[] }>;
}

export interface SaveResponseInput {
  priorities: Array<{ title: string; rank: number; explanation?: string; regional?: boolean }>;
  answers?: string[];
  submit?: boolean;
}

/** The inventory of local priorities: started and overseen by the secretariat, answered per organisation. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: InventoryRepository,
    private readonly policy: InventoryPolicy,
    private readonly audit: AuditService,
    private readonly strategies: StrategyService,
    private readonly notifications: NotificationService,
  ) {}

  async list(actor: Actor): Promise<InventorySummary[]> {
    const everything = actor.platformRole === 'secretariaat' || actor.rvcMember;
    const rows = await this.repository.list(everything ? undefined : actor.userId);
    const mine = await this.repository.mine(actor.userId);
    return rows.map((row) => this.summary(row, mine));
  }

  async get(actor: Actor, id: string): Promise<InventoryDetail> {
    const standing = await this.policy.assertRead(actor, id);
    const row = (await this.repository.find(id))!;
    const mine = await this.repository.mine(actor.userId);
    const organisations = await this.repository.progress(
      id,
      standing.kind === 'contact' ? standing.organisationIds : undefined,
    );
    return {
      ...this.summary(row, mine),
      questions: row.questions,
      criteria: row.criteria,
      proposedThemes: row.proposedThemes,
      bodyQuestions: row.bodyQuestions,
      nameGroups: row.nameGroups,
      adoptedStrategyId: row.adoptedStrategyId,
      organisations,
      version: row.version,
    };
  }

  async create(actor: Actor, input: CreateInventoryInput): Promise<InventoryDetail> {
    await this.policy.assertCreate(actor);
    const organisationIds = [...new Set(input.organisationIds)];
    const problems: FieldError[] = [];
    if ((await this.repository.unknownOrganisations(organisationIds)).length)
      problems.push({ field: 'organisationIds', messages: ['Een of meer organisaties bestaan niet.'] });
    if (input.deadline < todayInNetherlands())
      problems.push({ field: 'deadline', messages: ['De uiterste datum ligt in het verleden.'] });
    this.checkPeriod(input.periodStart, input.periodEnd, problems);
    for (const contact of input.contacts ?? []) {
      if (!organisationIds.includes(contact.organisationId))
        problems.push({ field: 'contacts', messages: ['Een contactpersoon hoort bij een gevraagde organisatie.'] });
      else if ((await this.repository.usersOutside(contact.organisationId, contact.userIds)).length)
        problems.push({ field: 'contacts', messages: ['Een contactpersoon is een gebruiker van die organisatie.'] });
    }
    if (problems.length) throw validationFailed(problems);
    const fields: InventoryFields = {
      title: input.title.trim(),
      deadline: input.deadline,
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      questions: (input.questions ?? []).map((q) => q.trim()),
      criteria: [],
      proposedThemes: [],
      bodyQuestions: [],
      nameGroups: [],
    };
    const told: InsertedNotification[] = [];
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insert(fields, actor.userId, manager);
      await this.repository.addOrganisations(newId, organisationIds, manager);
      for (const contact of input.contacts ?? []) {
        const named = await this.repository.replaceContacts(
          newId,
          contact.organisationId,
          [...new Set(contact.userIds)],
          manager,
        );
        told.push(...(await this.tellNamedContacts(actor, newId, contact.organisationId, named, fields, manager)));
      }
      await this.audit.recordChange(
        actor,
        {
          action: 'inventory.create',
          entityType: 'inventory',
          entityId: newId,
          summary: { title: fields.title, deadline: fields.deadline, asked: organisationIds.length },
        },
        manager,
      );
      return newId;
    });
    await this.notifications.announce(told);
    return this.get(actor, id);
  }

  /** Tells people just named a contact (inside the transaction that named them); announce after the commit. */
  private async tellNamedContacts(
    actor: Actor,
    id: string,
    organisationId: string,
    newlyNamed: string[],
    inventory: { title: string; deadline: string },
    manager: EntityManager,
  ): Promise<InsertedNotification[]> {
    if (!newlyNamed.length) return [];
    return this.notifications.insertWithin(
      manager,
      contactNotices({
        newlyNamed,
        actorId: actor.userId,
        entityType: 'inventory',
        entityId: id,
        organisationId,
        organisationName: await this.repository.organisationName(organisationId),
        title: inventory.title,
        deadline: inventory.deadline,
        link: `/cyclus/inventarisaties/${id}/antwoord/${organisationId}`,
      }),
    );
  }

  /** Title, deadline, questions, more organisations; or one of the selection lists (criteria, themes, ...). */
  async update(
    actor: Actor,
    id: string,
    input: Partial<InventoryFields> & { addOrganisationIds?: string[] },
    action: string,
    expectedVersion?: number,
  ): Promise<InventoryDetail> {
    await this.policy.assertManage(actor, id, action);
    const before = (await this.repository.find(id))!;
    const { addOrganisationIds, ...changes } = input;
    const problems: FieldError[] = [];
    if (addOrganisationIds && (await this.repository.unknownOrganisations(addOrganisationIds)).length)
      problems.push({ field: 'addOrganisationIds', messages: ['Een of meer organisaties bestaan niet.'] });
    const criteria = changes.criteria ?? before.criteria;
    for (const theme of changes.proposedThemes ?? [])
      if (theme.scores.length !== criteria.length)
        problems.push({
          field: 'themes',
          messages: [`Geef elk voorgesteld thema precies één score per criterium (${criteria.length}).`],
        });
    if (changes.criteria && changes.criteria.length !== before.criteria.length && before.proposedThemes.length)
      // Scores are kept by position: a changed number of criteria would silently shift them.
      problems.push({
        field: 'criteria',
        messages: ['Pas eerst de scores van de voorgestelde thema’s aan, of houd het aantal criteria gelijk.'],
      });
    if (changes.bodyQuestions) changes.bodyQuestions = await this.linkBodies(actor, changes.bodyQuestions, problems);
    if (problems.length) throw validationFailed(problems);
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'inventories', id, expectedVersion);
      await this.repository.update(id, changes, manager);
      if (addOrganisationIds?.length) await this.repository.addOrganisations(id, addOrganisationIds, manager);
      await this.audit.recordChange(
        actor,
        {
          action,
          entityType: 'inventory',
          entityId: id,
          summary: { changes: Object.keys(input) },
        },
        manager,
      );
    });
    return this.get(actor, id);
  }

  /**
   * Links each body's answer to a governance body of the region: by `bodyId` (its name then replaces the text),
   * or, without one, by a body whose name equals the text (case-insensitive), so a client that only sends
   * names keeps the links; otherwise `bodyId: null` and the text stays.
   */
  private async linkBodies(
    actor: Actor,
    questions: InventoryBodyQuestion[],
    problems: FieldError[],
  ): Promise<InventoryBodyQuestion[]> {
    const bodies = await this.repository.bodiesOfRegion(actor.userId);
    const byId = new Map(bodies.map((b) => [b.id, b.name]));
    const byName = new Map(bodies.map((b) => [b.name.trim().toLowerCase(), b.id]));
    return questions.map((q, qi) => ({
      question: q.question,
      answers: q.answers.map((a, ai) => {
        if (a.bodyId) {
          const name = byId.get(a.bodyId);
          if (!name)
            problems.push({ field: `questions.${qi}.answers.${ai}.bodyId`, messages: ['Dit orgaan bestaat niet.'] });
          return { body: name ?? a.body.trim(), bodyId: a.bodyId, answer: a.answer };
        }
        const body = a.body.trim();
        return { body, bodyId: byName.get(body.toLowerCase()) ?? null, answer: a.answer };
      }),
    }));
  }

  async setContacts(actor: Actor, id: string, organisationId: string, userIds: string[]): Promise<InventoryDetail> {
    await this.policy.assertManage(actor, id, 'inventory.contacts');
    if (!(await this.repository.isAsked(id, organisationId))) throw notFound('Deze organisatie in de inventarisatie');
    const unique = [...new Set(userIds)];
    if ((await this.repository.usersOutside(organisationId, unique)).length)
      throw validationFailed([
        { field: 'userIds', messages: ['Een contactpersoon is een gebruiker van die organisatie.'] },
      ]);
    const inventory = (await this.repository.find(id))!;
    const told = await this.transactions.transaction(async (manager) => {
      const named = await this.repository.replaceContacts(id, organisationId, unique, manager);
      // After the deadline a contact can no longer answer: nobody is asked to.
      const notices =
        todayInNetherlands() > inventory.deadline
          ? []
          : await this.tellNamedContacts(actor, id, organisationId, named, inventory, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'inventory.contacts',
          entityType: 'inventory',
          entityId: id,
          summary: { organisationId, userIds: unique, notified: notices.length },
        },
        manager,
      );
      return notices;
    });
    await this.notifications.announce(told);
    return this.get(actor, id);
  }

  async getResponse(actor: Actor, id: string, organisationId: string): Promise<InventoryResponse> {
    await this.policy.assertResponse(actor, id, organisationId, false);
    return (await this.repository.response(id, organisationId))!;
  }

  /**
   * Saves (draft) or submits an organisation's answer. The contact person can change it until the end of the
   * deadline day; the secretariat also after it (an answer that came in on paper), always marked "on behalf"
   * when it is not the organisation's own contact. Every save is audited.
   */
  async saveResponse(
    actor: Actor,
    id: string,
    organisationId: string,
    input: SaveResponseInput,
    expectedVersion?: number,
  ): Promise<InventoryResponse> {
    const standing = await this.policy.assertResponse(actor, id, organisationId, true);
    const inventory = (await this.repository.find(id))!;
    const ownContact = standing.kind === 'contact';
    if (ownContact && todayInNetherlands() > inventory.deadline)
      throw conflict(
        `De termijn is verstreken (${dutchDate(inventory.deadline)}); neem contact op met het secretariaat.`,
      );
    const priorities: InventoryPriority[] = ordered(
      input.priorities.map((p) => ({
        title: p.title.trim(),
        rank: p.rank,
        explanation: (p.explanation ?? '').trim(),
        regional: p.regional ?? false,
      })),
    );
    const problems: FieldError[] = [];
    if (new Set(input.priorities.map((p) => p.rank)).size !== input.priorities.length)
      problems.push({ field: 'priorities', messages: ['Geef elke prioriteit een eigen rangnummer.'] });
    if ((input.answers ?? []).length > inventory.questions.length)
      problems.push({ field: 'answers', messages: ['Er zijn meer antwoorden dan vragen.'] });
    if (input.submit && !priorities.length)
      problems.push({ field: 'priorities', messages: ['Noem ten minste één prioriteit voordat u indient.'] });
    if (problems.length) throw validationFailed(problems);
    const before = (await this.repository.response(id, organisationId))!;
    if (expectedVersion !== undefined && before.version !== expectedVersion) throw new StaleVersionError(before);
    const onBehalf = !ownContact;
    await this.transactions.transaction(async (manager) => {
      const locked = await this.repository.lockResponse(id, organisationId, manager);
      if (expectedVersion !== undefined && locked !== expectedVersion) throw new StaleVersionError();
      await this.repository.upsertResponse(
        id,
        organisationId,
        { priorities, answers: input.answers ?? [], onBehalf, submit: input.submit ?? false, userId: actor.userId },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: input.submit ? 'inventory.response.submit' : 'inventory.response.save',
          entityType: 'inventory_response',
          entityId: id,
          summary: {
            organisationId,
            onBehalf,
            priorities: priorities.length,
            wasSubmitted: before.status === 'ingediend',
          },
        },
        manager,
      );
    });
    return (await this.repository.response(id, organisationId))!;
  }

  /** The overview: top N of the gemeenten, per district, and the partners' own lists beside it. */
  async ranking(actor: Actor, id: string, top = 10): Promise<InventoryRanking> {
    await this.policy.assertOverview(actor, id);
    const inventory = (await this.repository.find(id))!;
    const responses = await this.repository.responses(id);
    const gemeenten = responses.filter((r) => r.organisationType === 'gemeente');
    const districts = new Map<string, { districtId: string | null; districtName: string; list: InventoryResponse[] }>();
    for (const response of gemeenten) {
      const key = response.districtId ?? '';
      if (!districts.has(key))
        districts.set(key, {
          districtId: response.districtId,
          districtName: response.districtName ?? 'Zonder district',
          list: [],
        });
      districts.get(key)!.list.push(response);
    }
    return {
      inventoryId: id,
      top,
      gemeenten: gemeenten.length,
      overall: rankPriorities(gemeenten, inventory.nameGroups, top),
      byDistrict: [...districts.values()]
        .sort((a, b) => a.districtName.localeCompare(b.districtName, 'nl'))
        .map((d) => ({
          districtId: d.districtId,
          districtName: d.districtName,
          gemeenten: d.list.length,
          entries: rankPriorities(d.list, inventory.nameGroups, top),
        })),
      partners: responses
        .filter((r) => r.organisationType !== 'gemeente')
        .map((r) => ({
          organisationId: r.organisationId,
          organisationName: r.organisationName,
          organisationType: r.organisationType,
          priorities: ordered(r.priorities),
        })),
    };
  }

  /** Every submitted priority of every organisation, one row each, plus the ranking (CSV, ; separated). */
  async exportCsv(actor: Actor, id: string): Promise<{ filename: string; csv: string }> {
    const ranking = await this.ranking(actor, id, 0);
    const inventory = (await this.repository.find(id))!;
    const rows: unknown[][] = [
      [
        'Onderdeel',
        'Organisatie',
        'District',
        'Rang',
        'Prioriteit',
        'Genoemd door',
        'Score',
        'Regionale aanpak',
        'Toelichting',
      ],
    ];
    ranking.overall.forEach((e, i) =>
      rows.push([
        'Ranglijst gemeenten',
        '',
        '',
        i + 1,
        e.title,
        e.mentions,
        e.score,
        e.regional,
        e.variants.join(' | '),
      ]),
    );
    for (const r of await this.repository.responses(id))
      for (const p of ordered(r.priorities))
        rows.push([
          'Antwoord',
          r.organisationName,
          r.districtName ?? '',
          p.rank,
          p.title,
          '',
          '',
          p.regional ? 'ja' : 'nee',
          p.explanation,
        ]);
    return { filename: `inventarisatie-${slug(inventory.title)}.csv`, csv: toCsv(rows) };
  }

  /**
   * The proposal becomes the concept strategy's themes in one step: one theme per proposed theme (its scope as
   * the description), in one transaction, once per inventory.
   */
  async adoptThemes(actor: Actor, id: string, strategyId: string): Promise<InventoryDetail> {
    await this.policy.assertManage(actor, id, 'inventory.adopt');
    const inventory = (await this.repository.find(id))!;
    const status = await this.repository.strategyStatus(strategyId);
    if (!status) throw validationFailed([{ field: 'strategyId', messages: ['Deze strategie bestaat niet.'] }]);
    if (status !== 'concept' && status !== 'consultatie')
      throw conflict(
        'Alleen een conceptstrategie krijgt de voorgestelde thema’s; deze is al vastgesteld of afgesloten.',
      );
    if (!inventory.proposedThemes.length) throw conflict('Er zijn nog geen voorgestelde thema’s.');
    if (inventory.adoptedStrategyId) throw conflict('De voorgestelde thema’s zijn al overgenomen.');
    await this.transactions.transaction(async (manager) => {
      for (const theme of inventory.proposedThemes)
        await this.strategies.createTheme(actor, strategyId, { title: theme.title, description: theme.scope });
      await this.repository.markAdopted(id, strategyId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'inventory.adopt',
          entityType: 'inventory',
          entityId: id,
          summary: { strategyId, themes: inventory.proposedThemes.map((t) => t.title) },
        },
        manager,
      );
    });
    return this.get(actor, id);
  }

  private summary(
    row: InventoryRow,
    mine: Array<{ inventoryId: string; organisationId: string; organisationName: string; status: string }>,
  ): InventorySummary {
    return {
      id: row.id,
      title: row.title,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      deadline: row.deadline,
      open: todayInNetherlands() <= row.deadline,
      asked: row.asked,
      answered: row.answered,
      mine: mine
        .filter((m) => m.inventoryId === row.id)
        .map((m) => ({
          organisationId: m.organisationId,
          organisationName: m.organisationName,
          status: m.status as InventoryResponseStatus,
        })),
    };
  }

  private checkPeriod(start: number | undefined, end: number | undefined, problems: FieldError[]) {
    if (start !== undefined && end !== undefined && end < start)
      problems.push({ field: 'periodEnd', messages: ['Het eindjaar ligt na het beginjaar.'] });
  }
}

const dutchDate = (date: string) => `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'export';
