import { Injectable } from '@nestjs/common';
import type { SearchKind } from '@koers/contracts';
import { dutchMatchSql, SearchQuery, TransactionHost } from '@koers/core';

/** What the caller may see, decided by the service with the same rules as the items' own routes. */
export interface SearchScope {
  /** Werkgroepen whose working material (documents, actions, sessions) the caller reads. */
  content: 'all' | string[];
  /** Werkgroepen whose members the caller sees ('all' users for the secretariat). */
  people: 'all' | string[];
  kennisbank: boolean;
}

/** One row per hit: its title, the text its snippet comes from, and what its link and context need. */
export interface SearchRow {
  id: string;
  title: string;
  body: string | null;
  workgroupId: string | null;
  workgroupName: string | null;
  /** For parts of a session: the session. */
  parentId: string | null;
  parentTitle: string | null;
  /** agenda_item or decision for parts of a session, the organisation's name for a person. */
  detail: string | null;
  rank: number;
}

const TEXT = {
  action: `(a.title || ' ' || a.description)`,
  session: `(s.title || ' ' || s.description || ' ' || coalesce(s.location, ''))`,
  agenda: `(ai.title || ' ' || ai.description)`,
  decision: `sd.text`,
  knowledge: 'knowledge_search_text(k.title, k.tags, k.description)',
  person: `(u.display_name || ' ' || u.job_title)`,
  organisation: 'o.name',
};
const vector = (text: string) => `to_tsvector('dutch'::regconfig, ${text})`;

/**
 * The search's queries, one per kind. Each matches with the shared Dutch engine (libs/core dutch-search.ts)
 * on exactly the expressions the migrations indexed (trigrams: 1765010000000-create-search-indexes.ts; the
 * stored Dutch vectors: 1765090000001-stored-search-vectors.ts), and filters by
 * the caller's scope in SQL, so nothing invisible is ever read into memory.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async search(kind: SearchKind, query: SearchQuery, scope: SearchScope, limit: number): Promise<SearchRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const inScope = (column: string, allowed: 'all' | string[]) =>
      allowed === 'all' ? 'true' : `${column} = ANY(${param(allowed)}::uuid[])`;
    const match = (text: string, vectorSql = vector(text)) => dutchMatchSql(query, { text, vector: vectorSql }, param);
    let sql: string;
    switch (kind) {
      case 'document': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        // Title and text are matched apart (each on its own indexes) and the ids united: one expression over
        // both would need the text's vector computed for every document. Ranked by the title, then recency.
        const inTitle = match('d2.title', vector('d2.title'));
        const inText = match('t2.body', 't2.search_vector');
        const rank = match('d.title', vector('d.title'));
        sql = `SELECT d.id, d.title, t.body, d.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${rank.rank} AS rank
                 FROM documents d JOIN workgroups w ON w.id = d.workgroup_id
                 LEFT JOIN document_search_texts t ON t.document_id = d.id
                WHERE ${inScope('d.workgroup_id', scope.content)}
                  AND d.id IN (SELECT d2.id FROM documents d2 WHERE ${inTitle.where}
                               UNION SELECT t2.document_id FROM document_search_texts t2 WHERE ${inText.where})
                ORDER BY rank DESC, d.updated_at DESC, d.id`;
        break;
      }
      case 'action': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        const m = match(TEXT.action, 'a.search_vector');
        sql = `SELECT a.id, a.title, a.description AS body, a.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${m.rank} AS rank
                 FROM actions a JOIN workgroups w ON w.id = a.workgroup_id
                WHERE a.deleted_at IS NULL AND ${inScope('a.workgroup_id', scope.content)} AND ${m.where}
                ORDER BY rank DESC, a.updated_at DESC, a.id`;
        break;
      }
      case 'session': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        // A session matches on its own text, its agenda items and its decisions: each part is a hit that
        // opens the session.
        const ms = match(TEXT.session, 's.search_vector');
        const ma = match(TEXT.agenda, 'ai.search_vector');
        const md = match(TEXT.decision, 'sd.search_vector');
        const visible = inScope('s.workgroup_id', scope.content);
        sql = `SELECT * FROM (
                 SELECT s.id, s.title, s.description AS body, s.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                        NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${ms.rank} AS rank, s.starts_at AS at
                   FROM workgroup_sessions s JOIN workgroups w ON w.id = s.workgroup_id
                  WHERE s.deleted_at IS NULL AND ${visible} AND ${ms.where}
                 UNION ALL
                 SELECT ai.id, ai.title, ai.description, s.workgroup_id, w.name, s.id, s.title, 'agenda_item', ${ma.rank}, s.starts_at
                   FROM session_agenda_items ai JOIN workgroup_sessions s ON s.id = ai.session_id
                   JOIN workgroups w ON w.id = s.workgroup_id
                  WHERE s.deleted_at IS NULL AND ${visible} AND ${ma.where}
                 UNION ALL
                 SELECT sd.id, left(sd.text, 200), CASE WHEN length(sd.text) > 200 THEN sd.text END, s.workgroup_id, w.name, s.id, s.title, 'decision', ${md.rank}, s.starts_at
                   FROM session_decisions sd JOIN workgroup_sessions s ON s.id = sd.session_id
                   JOIN workgroups w ON w.id = s.workgroup_id
                  WHERE s.deleted_at IS NULL AND ${visible} AND ${md.where}
               ) hits ORDER BY rank DESC, at DESC, id`;
        break;
      }
      case 'knowledge': {
        if (!scope.kennisbank) return [];
        const m = match(TEXT.knowledge, 'k.search_vector');
        sql = `SELECT k.id, k.title, k.description AS body, w.id AS "workgroupId", t.title AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${m.rank} AS rank
                 FROM knowledge_items k JOIN themes t ON t.id = k.theme_id
                 LEFT JOIN workgroups w ON w.theme_id = k.theme_id
                WHERE ${m.where}
                ORDER BY rank DESC, lower(k.title), k.id`;
        break;
      }
      case 'person': {
        if (scope.people !== 'all' && !scope.people.length) return [];
        const m = match(TEXT.person);
        const visible =
          scope.people === 'all'
            ? 'true'
            : `EXISTS (SELECT 1 FROM workgroup_members wm WHERE wm.user_id = u.id AND wm.workgroup_id = ANY(${param(scope.people)}::uuid[]))`;
        // The link opens a werkgroep the caller sees the person in (the one they share first by name).
        const shared =
          scope.people === 'all'
            ? 'wm.user_id = u.id'
            : `wm.user_id = u.id AND wm.workgroup_id = ANY(${param(scope.people)}::uuid[])`;
        sql = `SELECT u.id, u.display_name AS title, u.job_title AS body, w.id AS "workgroupId", w.name AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", o.name AS detail, ${m.rank} AS rank
                 FROM users u JOIN organisations o ON o.id = u.organisation_id
                 LEFT JOIN LATERAL (SELECT w.id, w.name FROM workgroup_members wm JOIN workgroups w ON w.id = wm.workgroup_id
                                     WHERE ${shared} ORDER BY w.name LIMIT 1) w ON true
                WHERE u.active AND ${visible} AND ${m.where}
                ORDER BY rank DESC, lower(u.display_name), u.id`;
        break;
      }
      case 'organisation': {
        const m = match(TEXT.organisation);
        sql = `SELECT o.id, o.name AS title, NULL AS body, NULL AS "workgroupId", NULL AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", o.type AS detail, ${m.rank} AS rank
                 FROM organisations o
                WHERE ${m.where}
                ORDER BY rank DESC, lower(o.name), o.id`;
        break;
      }
    }
    return this.transactions.manager().query(`${sql} LIMIT ${Number(limit)}`, params);
  }

  async allWorkgroupIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.transactions.manager().query('SELECT id FROM workgroups');
    return rows.map((r) => r.id);
  }
}
