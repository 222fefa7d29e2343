import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, isSecretariat } from '@koers/access';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, SearchGroup, SearchHit, SearchKind, SearchResult } from '@koers/contracts';
import { highlight, parseSearchQuery, snippet, validationFailed } from '@koers/core';
import { KnowledgePolicy } from '@koers/knowledge';
import { SearchRepository, SearchRow, SearchScope } from './search.repository';

/** Hits per kind: a few of each in the overview, more when the caller asks for one kind. */
const PER_KIND = 5;
const PER_KIND_FILTERED = 25;
const TOO_SHORT = 'Typ ten minste twee letters of cijfers om te zoeken.';

/**
 * The search over everything (docs/search.md): documents, actions, sessions with their agenda items and
 * decisions, the kennisbank, people and organisations, each only as far as the caller may see it by the
 * rules of the item's own routes.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly authorization: AuthorizationService,
    private readonly knowledgePolicy: KnowledgePolicy,
  ) {}

  async search(actor: Actor, input: { q: string; type?: SearchKind }): Promise<SearchResult> {
    const query = parseSearchQuery(input.q);
    if (!query.terms.length && !/[\p{L}\p{N}]{2}/u.test(query.text))
      throw validationFailed([{ field: 'q', messages: [TOO_SHORT] }], TOO_SHORT);
    const scope = await this.scopeOf(actor);
    const kinds = input.type ? [input.type] : [...SEARCH_KINDS];
    const limit = input.type ? PER_KIND_FILTERED : PER_KIND;
    // The kinds at once, each on its own pooled connection (the embedded database takes them in turn).
    const found = await Promise.all(kinds.map((kind) => this.repository.search(kind, query, scope, limit + 1)));
    const groups: SearchGroup[] = [];
    for (const [index, kind] of kinds.entries()) {
      const rows = found[index];
      if (!rows.length) continue;
      groups.push({
        kind,
        label: SEARCH_KIND_LABELS[kind],
        hits: rows.slice(0, limit).map((row) => toHit(kind, row, query.terms, isSecretariat(actor))),
        more: rows.length > limit,
      });
    }
    return { query: query.text, groups };
  }

  /**
   * The same rules as the routes: working material with `workgroup.content.read` (members and the
   * secretariat, not the RVC as such), the kennisbank by its own policy, people as the werkgroep overview
   * shows them (`workgroup.view`) and every account for the secretariat, organisations for everyone.
   */
  private async scopeOf(actor: Actor): Promise<SearchScope> {
    if (isSecretariat(actor))
      return { content: 'all', people: 'all', kennisbank: await this.knowledgePolicy.canRead(actor) };
    // Independent questions, asked at once: each is a round trip to the database before the search can start.
    const [kennisbank, visible] = await Promise.all([
      this.knowledgePolicy.canRead(actor),
      this.authorization.visibleWorkgroups(actor),
    ]);
    const viewable = visible === 'all' ? await this.repository.allWorkgroupIds() : visible;
    const readable = await Promise.all(
      viewable.map((id) => this.authorization.canInWorkgroup(actor, 'workgroup.content.read', id)),
    );
    return { content: viewable.filter((_, i) => readable[i]), people: viewable, kennisbank };
  }
}

const DETAIL_LABELS: Record<string, string> = { agenda_item: 'Agendapunt', decision: 'Besluit' };

export function toHit(kind: SearchKind, row: SearchRow, terms: string[], secretariat: boolean): SearchHit {
  const workgroup = row.workgroupId ? `/werkgroepen/${row.workgroupId}` : null;
  let link: string | null = null;
  let context: string | null = row.workgroupName;
  switch (kind) {
    case 'document':
      link = `/documenten/${row.id}`;
      break;
    case 'action':
      link = `${workgroup}/acties?actie=${row.id}`;
      break;
    case 'session':
      link = `${workgroup}/sessies/${row.parentId ?? row.id}`;
      if (row.detail)
        context = `${DETAIL_LABELS[row.detail] ?? row.detail} in ${row.parentTitle} · ${row.workgroupName}`;
      break;
    case 'knowledge':
      link = workgroup ? `${workgroup}/kennisbank?q=${encodeURIComponent(row.title)}` : null;
      context = row.workgroupName ? `Kennisbank ${row.workgroupName}` : 'Kennisbank';
      break;
    case 'person':
      link = secretariat ? `/beheer/gebruikers/${row.id}` : workgroup;
      context = [row.detail, row.body].filter(Boolean).join(' · ') || null;
      break;
    case 'organisation':
      link = secretariat ? '/beheer/organisaties' : null;
      context = null;
      break;
  }
  const body = kind === 'person' ? null : row.body;
  return {
    kind,
    id: row.id,
    title: highlight(row.title, terms),
    snippet: body ? snippet(body, terms) : null,
    context,
    link,
  };
}
