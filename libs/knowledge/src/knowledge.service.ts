import { Injectable } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import type { HighlightedText } from '@koers/contracts';
import {
  assertVersion,
  escapeHtml,
  FieldError,
  highlight,
  lockVersion,
  notFound,
  parseSearchQuery,
  snippet,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import {
  KnowledgeFields,
  KnowledgeFilter,
  KnowledgeItemView,
  KnowledgeSearchHit,
  normaliseTags,
} from './knowledge.model';
import { KnowledgePolicy } from './knowledge.policy';
import { KnowledgeRepository } from './knowledge.repository';

export type KnowledgeQuery = Partial<KnowledgeFilter>;

/** The theme's kennisbank: search, read, and changes by the theme's werkgroep and the secretariat. */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: KnowledgeRepository,
    private readonly policy: KnowledgePolicy,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, themeId: string, query: KnowledgeQuery) {
    await this.policy.assertMaySearch(actor, themeId);
    const filter: KnowledgeFilter = {
      q: query.q?.trim() || undefined,
      tag: query.tag ? normaliseTags([query.tag])[0] : undefined,
      status: query.status,
      gemeenteId: query.gemeenteId,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    };
    const { items, total } = await this.repository.search(themeId, filter);
    // The same marks as the search everywhere else: stems and parts of words ("mensenh" in "mensenhandel").
    const terms = filter.q ? parseSearchQuery(filter.q).terms : [];
    const hits: KnowledgeSearchHit[] = items.map(({ rank, ...item }) => ({
      ...item,
      rank,
      highlight: filter.q
        ? {
            title: markedHtml(highlight(item.title, terms)),
            snippet: markedHtml(snippet(item.description, terms, 240) ?? { text: '', marks: [] }),
          }
        : null,
    }));
    return { items: hits, total, limit: filter.limit, offset: filter.offset };
  }

  async get(actor: Actor, id: string): Promise<KnowledgeItemView> {
    await this.policy.assertRead(actor, 'knowledge.read', { type: 'knowledge_item', id });
    const item = await this.repository.findView(id);
    if (!item) throw notFound('Het item');
    return item;
  }

  async create(
    actor: Actor,
    themeId: string,
    input: Partial<KnowledgeFields> & { title: string },
  ): Promise<KnowledgeItemView> {
    await this.policy.assertMayCreate(actor, themeId);
    const fields: KnowledgeFields = {
      title: input.title.trim(),
      description: input.description ?? '',
      ownerOrganisationId: input.ownerOrganisationId ?? null,
      tags: normaliseTags(input.tags ?? []),
      links: input.links ?? [],
      status: input.status ?? 'in_gebruik',
      gemeenteIds: [...new Set(input.gemeenteIds ?? [])],
    };
    await this.validate(fields);
    const workgroupId = await this.repository.workgroupOfTheme(themeId);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insert(themeId, fields, actor.userId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'knowledge.create',
          entityType: 'knowledge_item',
          entityId: newId,
          workgroupId,
          summary: { themeId, title: fields.title, status: fields.status },
        },
        manager,
      );
      return newId;
    });
    return (await this.repository.findView(id))!;
  }

  async update(
    actor: Actor,
    id: string,
    input: Partial<KnowledgeFields>,
    expectedVersion?: number,
  ): Promise<KnowledgeItemView> {
    const before = await this.get(actor, id);
    await this.policy.assertChange(actor, before.themeId, 'knowledge.update', { type: 'knowledge_item', id });
    const changes: Partial<KnowledgeFields> = { ...input };
    if (changes.title !== undefined) changes.title = changes.title.trim();
    if (changes.tags !== undefined) changes.tags = normaliseTags(changes.tags);
    if (changes.gemeenteIds !== undefined) changes.gemeenteIds = [...new Set(changes.gemeenteIds)];
    await this.validate(changes);
    assertVersion(before, expectedVersion);
    const comparable = { ...before, gemeenteIds: before.gemeenten.map((g) => g.id) } as unknown as KnowledgeFields;
    const diff = diffFields(comparable, changes);
    if (Object.keys(diff).length === 0) return before;
    const workgroupId = await this.repository.workgroupOfTheme(before.themeId);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'knowledge_items', id, expectedVersion);
      await this.repository.update(id, changes, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'knowledge.update',
          entityType: 'knowledge_item',
          entityId: id,
          workgroupId,
          summary: { changes: Object.keys(diff) },
        },
        manager,
      );
    });
    return (await this.repository.findView(id))!;
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    const item = await this.get(actor, id);
    await this.policy.assertChange(actor, item.themeId, 'knowledge.delete', { type: 'knowledge_item', id });
    assertVersion(item, expectedVersion);
    const workgroupId = await this.repository.workgroupOfTheme(item.themeId);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'knowledge_items', id, expectedVersion);
      await this.repository.delete(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'knowledge.delete',
          entityType: 'knowledge_item',
          entityId: id,
          workgroupId,
          summary: { themeId: item.themeId, title: item.title },
        },
        manager,
      );
    });
  }

  private async validate(fields: Partial<KnowledgeFields>): Promise<void> {
    const problems: FieldError[] = [];
    if (fields.ownerOrganisationId && !(await this.repository.organisationExists(fields.ownerOrganisationId))) {
      problems.push({ field: 'ownerOrganisationId', messages: ['Deze organisatie bestaat niet.'] });
    }
    if (fields.gemeenteIds?.length && (await this.repository.nonGemeenten(fields.gemeenteIds)).length) {
      problems.push({ field: 'gemeenteIds', messages: ['Kies alleen gemeenten.'] });
    }
    if (fields.tags && fields.tags.some((tag) => tag.length > 50)) {
      problems.push({ field: 'tags', messages: ['Een tag is hoogstens 50 tekens.'] });
    }
    if (problems.length) throw validationFailed(problems);
  }
}

/** The text as HTML: everything escaped, the marked ranges in <mark> (and no other markup). */
export function markedHtml({ text, marks }: HighlightedText): string {
  let html = '';
  let at = 0;
  for (const [start, end] of marks) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}
