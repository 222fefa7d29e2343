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
 * At most this many rows per kind, table and half of the match (whole query by stem; every term by stem or
 * part of a word) are ranked. A word that occurs in thousands of rows would otherwise have every one of them
 * rechecked (a substring match over its text) and ranked, for the five that are shown; up to this many the
 * ranking is exact. docs/search.md, "Speed".
 */
export const SEARCH_CANDIDATES = 200;

type Match = ReturnType<typeof dutchMatchSql>;

/**
 * The ids of at most `limit` rows of `from` matching by the whole query and at most `limit` matching term
 * by term: each half on its own index, and each stops as soon as it has enough (no ORDER BY).
 */
function candidates(from: string, id: string, filter: string, m: Match, limit = SEARCH_CANDIDATES): string {
  const halves = [m.fullText, ...(m.perTerm === 'false' ? [] : [m.perTerm])];
  return halves
    .map((half) => `(SELECT ${id} AS id FROM ${from} WHERE ${filter} AND ${half} LIMIT ${limit})`)
    .join(' UNION ');
}

/**
 * The search's queries, one per kind. Each matches with the shared Dutch engine (libs/core dutch-search.ts)
 * on exactly the expressions the migrations indexed (trigrams: 1765010000000-create-search-indexes.ts; the
 * stored Dutch vectors: 1765090000001-stored-search-vectors.ts), and filters by
 * the caller's scope in SQL, so nothing invisible is ever read into memory. Each first collects a bounded
 * set of candidate ids (`candidates`), then ranks only those.
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
    const stored = (text: string, vectorColumn: string) =>
      dutchMatchSql(query, { text, vector: vectorColumn, stored: true }, param);
    const top = `LIMIT ${Number(limit)}`;
    let sql: string;
    switch (kind) {
      case 'document': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        // Title and text are matched apart (each on its own indexes) and the ids united: one expression over
        // both would need the text's vector computed for every document. Ranked by the title, then recency;
        // the text (long) is read for the shown hits only.
        const title = match('d.title');
        const text = stored('t.body', 't.search_vector');
        const visible = inScope('d.workgroup_id', scope.content);
        const textVisible =
          scope.content === 'all' ? 'true' : `t.document_id IN (SELECT d.id FROM documents d WHERE ${visible})`;
        sql = `WITH hits AS MATERIALIZED (
                 ${candidates('documents d', 'd.id', visible, title)}
                 UNION ${candidates('document_search_texts t', 't.document_id', textVisible, text)})
               SELECT r.id, r.title, t.body, r."workgroupId", r."workgroupName", r."parentId", r."parentTitle",
                      r.detail, r.rank FROM (
                 SELECT d.id, d.title, d.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                        NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${title.rank} AS rank,
                        d.updated_at AS at
                   FROM hits JOIN documents d ON d.id = hits.id JOIN workgroups w ON w.id = d.workgroup_id
                  ORDER BY rank DESC, at DESC, d.id ${top}) r
               LEFT JOIN document_search_texts t ON t.document_id = r.id
               ORDER BY r.rank DESC, r.at DESC, r.id`;
        break;
      }
      case 'action': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        const m = stored(TEXT.action, 'a.search_vector');
        const filter = `a.deleted_at IS NULL AND ${inScope('a.workgroup_id', scope.content)}`;
        sql = `WITH hits AS MATERIALIZED (${candidates('actions a', 'a.id', filter, m)})
               SELECT a.id, a.title, a.description AS body, a.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${m.rank} AS rank
                 FROM hits JOIN actions a ON a.id = hits.id JOIN workgroups w ON w.id = a.workgroup_id
                ORDER BY rank DESC, a.updated_at DESC, a.id ${top}`;
        break;
      }
      case 'session': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        // A session matches on its own text, its agenda items and its decisions: each part is a hit that
        // opens the session.
        const ms = stored(TEXT.session, 's.search_vector');
        const ma = stored(TEXT.agenda, 'ai.search_vector');
        const md = stored(TEXT.decision, 'sd.search_vector');
        const visible = `s.deleted_at IS NULL AND ${inScope('s.workgroup_id', scope.content)}`;
        const ofVisible = (column: string) => `${column} IN (SELECT s.id FROM workgroup_sessions s WHERE ${visible})`;
        sql = `WITH session_hits AS MATERIALIZED (${candidates('workgroup_sessions s', 's.id', visible, ms)}),
                    agenda_hits AS MATERIALIZED (${candidates('session_agenda_items ai', 'ai.id', ofVisible('ai.session_id'), ma)}),
                    decision_hits AS MATERIALIZED (${candidates('session_decisions sd', 'sd.id', ofVisible('sd.session_id'), md)})
               SELECT * FROM (
                 SELECT s.id, s.title, s.description AS body, s.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                        NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${ms.rank} AS rank, s.starts_at AS at
                   FROM session_hits h JOIN workgroup_sessions s ON s.id = h.id JOIN workgroups w ON w.id = s.workgroup_id
                 UNION ALL
                 SELECT ai.id, ai.title, ai.description, s.workgroup_id, w.name, s.id, s.title, 'agenda_item', ${ma.rank}, s.starts_at
                   FROM agenda_hits h JOIN session_agenda_items ai ON ai.id = h.id
                   JOIN workgroup_sessions s ON s.id = ai.session_id JOIN workgroups w ON w.id = s.workgroup_id
                 UNION ALL
                 SELECT sd.id, left(sd.text, 200), CASE WHEN length(sd.text) > 200 THEN sd.text END, s.workgroup_id, w.name, s.id, s.title, 'decision', ${md.rank}, s.starts_at
                   FROM decision_hits h JOIN session_decisions sd ON sd.id = h.id
                   JOIN workgroup_sessions s ON s.id = sd.session_id JOIN workgroups w ON w.id = s.workgroup_id
               ) hits ORDER BY rank DESC, at DESC, id ${top}`;
        break;
      }
      case 'knowledge': {
        if (!scope.kennisbank) return [];
        const m = stored(TEXT.knowledge, 'k.search_vector');
        sql = `WITH hits AS MATERIALIZED (${candidates('knowledge_items k', 'k.id', 'true', m)})
               SELECT k.id, k.title, k.description AS body, w.id AS "workgroupId", t.title AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${m.rank} AS rank
                 FROM hits JOIN knowledge_items k ON k.id = hits.id JOIN themes t ON t.id = k.theme_id
                 LEFT JOIN workgroups w ON w.theme_id = k.theme_id
                ORDER BY rank DESC, lower(k.title), k.id ${top}`;
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
                ORDER BY rank DESC, lower(u.display_name), u.id ${top}`;
        break;
      }
      case 'organisation': {
        const m = match(TEXT.organisation);
        sql = `SELECT o.id, o.name AS title, NULL AS body, NULL AS "workgroupId", NULL AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", o.type AS detail, ${m.rank} AS rank
                 FROM organisations o
                WHERE ${m.where}
                ORDER BY rank DESC, lower(o.name), o.id ${top}`;
        break;
      }
    }
    return this.transactions.manager().query(sql, params);
  }

  async allWorkgroupIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.transactions.manager().query('SELECT id FROM workgroups');
    return rows.map((r) => r.id);
  }
}
