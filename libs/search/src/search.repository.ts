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
 * rechecked (a substring match) and ranked, for the five that are shown; up to this many the ranking is
 * exact. docs/search.md, "Speed".
 */
export const SEARCH_CANDIDATES = 200;
/**
 * The part-of-word half ranks below whole-query matches and is only read when those are too few; rows found
 * only by parts of words rank nearly alike (the bonus, plus the stems of some terms), so fewer are ranked.
 */
export const SEARCH_PART_CANDIDATES = 50;

type Match = ReturnType<typeof dutchMatchSql>;

/**
 * Common table expressions that end in `name` (the ids of a bounded set of candidates from `from`):
 * `name_full`, at most SEARCH_CANDIDATES rows matching the whole query by its stems (served exactly by the
 * stored vector's index), and `name_part`, at most SEARCH_PART_CANDIDATES matching term by term (stem or part
 * of a word, which needs a recheck of every row the trigram index returns). Part-of-word matches rank below whole-query
 * matches (`tier`), so `name_part` is only searched when `name_full` and the `earlier` sets together found
 * fewer than `enough` (LIMIT 0 reads nothing). Neither half sorts: each stops as soon as it has enough.
 */
function candidateCtes(
  name: string,
  from: string,
  id: string,
  filter: string,
  m: Match,
  enough: number,
  earlier: string[] = [],
  columns = '',
): string {
  const select = `SELECT ${id} AS id${columns} FROM ${from} WHERE ${filter}`;
  const full = `${name}_full AS MATERIALIZED (${select} AND ${m.fullText} LIMIT ${SEARCH_CANDIDATES})`;
  if (m.perTerm === 'false') return `${full}, ${name} AS (SELECT * FROM ${name}_full)`;
  const found = [...earlier, `${name}_full`].map((cte) => `(SELECT count(*) FROM ${cte})`).join(' + ');
  const part = `${name}_part AS MATERIALIZED (${select} AND ${m.perTerm}
    LIMIT (SELECT CASE WHEN ${found} >= ${Number(enough)} THEN 0 ELSE ${SEARCH_PART_CANDIDATES} END))`;
  return `${full}, ${part}, ${name} AS (SELECT * FROM ${name}_full UNION SELECT * FROM ${name}_part)`;
}

/** 1 for a row that matches the whole query by its stems, 0 for one found term by term: sorted first. */
const tier = (m: Match) => `(CASE WHEN ${m.fullText} THEN 1 ELSE 0 END)`;

/** Rank and tier computed while a candidate row is read, so ranking needs no second read of the rows. */
const ranked = (m: Match) => `, ${m.rank} AS rank, ${tier(m)} AS tier`;

/**
 * The search's queries, one per kind. Each matches with the shared Dutch engine (libs/core dutch-search.ts)
 * on exactly the expressions the migrations indexed (trigrams: 1765010000000-create-search-indexes.ts and the
 * stored word lists of 1765110000000-stored-search-words.ts; the stored Dutch vectors:
 * 1765090000001-stored-search-vectors.ts), and filters by
 * the caller's scope in SQL, so nothing invisible is ever read into memory. Each first collects a bounded
 * set of candidate ids (`candidateCtes`), then ranks only those.
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
    /** A table with stored search columns: its Dutch vector and, where it has one, its word list. */
    const stored = (text: string, vectorColumn: string, words?: string) =>
      dutchMatchSql(query, { text, vector: vectorColumn, stored: true, words }, param);
    const top = `LIMIT ${Number(limit)}`;
    let sql: string;
    switch (kind) {
      case 'document': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        // Title and text are matched apart (each on its own indexes) and the ids united: one expression over
        // both would need the text's vector computed for every document. Ranked by the title, then recency;
        // the text (long) is read for the shown hits only.
        const title = match('d.title');
        const text = stored('t.body', 't.search_vector', 't.search_words');
        const visible = inScope('d.workgroup_id', scope.content);
        const textVisible =
          scope.content === 'all' ? 'true' : `t.document_id IN (SELECT d.id FROM documents d WHERE ${visible})`;
        // Title matches rank first, so the text's part-of-word half runs only when the titles and the text's
        // stems found too few.
        sql = `WITH ${candidateCtes('title', 'documents d', 'd.id', visible, title, limit)},
                    ${candidateCtes('body', 'document_search_texts t', 't.document_id', textVisible, text, limit, ['title'])},
                    hits AS (SELECT id FROM title UNION SELECT id FROM body)
               SELECT r.id, r.title, t.body, r."workgroupId", r."workgroupName", r."parentId", r."parentTitle",
                      r.detail, r.rank FROM (
                 SELECT d.id, d.title, d.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                        NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, ${title.rank} AS rank,
                        ${tier(title)} AS tier, d.updated_at AS at
                   FROM hits JOIN documents d ON d.id = hits.id JOIN workgroups w ON w.id = d.workgroup_id
                  ORDER BY tier DESC, rank DESC, at DESC, d.id ${top}) r
               LEFT JOIN document_search_texts t ON t.document_id = r.id
               ORDER BY r.tier DESC, r.rank DESC, r.at DESC, r.id`;
        break;
      }
      case 'action': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        const m = stored(TEXT.action, 'a.search_vector', 'a.search_words');
        const filter = `a.deleted_at IS NULL AND ${inScope('a.workgroup_id', scope.content)}`;
        sql = `WITH ${candidateCtes('hits', 'actions a', 'a.id', filter, m, limit, [], `${ranked(m)}, a.updated_at AS at`)},
                    top AS (SELECT * FROM hits ORDER BY tier DESC, rank DESC, at DESC, id ${top})
               SELECT a.id, a.title, a.description AS body, a.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, top.rank
                 FROM top JOIN actions a ON a.id = top.id JOIN workgroups w ON w.id = a.workgroup_id
                ORDER BY top.tier DESC, top.rank DESC, top.at DESC, top.id`;
        break;
      }
      case 'session': {
        if (scope.content !== 'all' && !scope.content.length) return [];
        // A session matches on its own text, its agenda items and its decisions: each part is a hit that
        // opens the session. Candidates of the three are ranked together; the rows are read for the top only.
        const ms = stored(TEXT.session, 's.search_vector', 's.search_words');
        const ma = stored(TEXT.agenda, 'ai.search_vector', 'ai.search_words');
        const md = stored(TEXT.decision, 'sd.search_vector', 'sd.search_words');
        const visible = `s.deleted_at IS NULL AND ${inScope('s.workgroup_id', scope.content)}`;
        const ofVisible = (column: string) => `${column} IN (SELECT s.id FROM workgroup_sessions s WHERE ${visible})`;
        sql = `WITH ${candidateCtes('session_hits', 'workgroup_sessions s', 's.id', visible, ms, limit, [], `${ranked(ms)}, s.id AS session_id`)},
                    ${candidateCtes('agenda_hits', 'session_agenda_items ai', 'ai.id', ofVisible('ai.session_id'), ma, limit, [], `${ranked(ma)}, ai.session_id`)},
                    ${candidateCtes('decision_hits', 'session_decisions sd', 'sd.id', ofVisible('sd.session_id'), md, limit, [], `${ranked(md)}, sd.session_id`)},
                    top AS (
                      SELECT h.*, s.starts_at AS at FROM (
                        SELECT *, 'session' AS part FROM session_hits
                        UNION ALL SELECT *, 'agenda_item' FROM agenda_hits
                        UNION ALL SELECT *, 'decision' FROM decision_hits) h
                      JOIN workgroup_sessions s ON s.id = h.session_id
                      ORDER BY h.tier DESC, h.rank DESC, at DESC, h.id ${top})
               SELECT top.id,
                      CASE top.part WHEN 'session' THEN s.title WHEN 'agenda_item' THEN ai.title ELSE left(sd.text, 200) END AS title,
                      CASE top.part WHEN 'session' THEN s.description WHEN 'agenda_item' THEN ai.description
                        ELSE CASE WHEN length(sd.text) > 200 THEN sd.text END END AS body,
                      s.workgroup_id AS "workgroupId", w.name AS "workgroupName",
                      CASE WHEN top.part <> 'session' THEN s.id END AS "parentId",
                      CASE WHEN top.part <> 'session' THEN s.title END AS "parentTitle",
                      CASE WHEN top.part <> 'session' THEN top.part END AS detail, top.rank
                 FROM top JOIN workgroup_sessions s ON s.id = top.session_id JOIN workgroups w ON w.id = s.workgroup_id
                 LEFT JOIN session_agenda_items ai ON top.part = 'agenda_item' AND ai.id = top.id
                 LEFT JOIN session_decisions sd ON top.part = 'decision' AND sd.id = top.id
                ORDER BY top.tier DESC, top.rank DESC, top.at DESC, top.id`;
        break;
      }
      case 'knowledge': {
        if (!scope.kennisbank) return [];
        const m = stored(TEXT.knowledge, 'k.search_vector');
        sql = `WITH ${candidateCtes('hits', 'knowledge_items k', 'k.id', 'true', m, limit, [], `${ranked(m)}, lower(k.title) AS at`)},
                    top AS (SELECT * FROM hits ORDER BY tier DESC, rank DESC, at, id ${top})
               SELECT k.id, k.title, k.description AS body, w.id AS "workgroupId", t.title AS "workgroupName",
                      NULL AS "parentId", NULL AS "parentTitle", NULL AS detail, top.rank
                 FROM top JOIN knowledge_items k ON k.id = top.id JOIN themes t ON t.id = k.theme_id
                 LEFT JOIN workgroups w ON w.theme_id = k.theme_id
                ORDER BY top.tier DESC, top.rank DESC, top.at, top.id ${top}`;
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
