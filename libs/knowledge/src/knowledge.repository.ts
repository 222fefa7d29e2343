import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KnowledgeFields, KnowledgeFilter, KnowledgeItemView } from './knowledge.model';
import { dutchMatchSql, parseSearchQuery, TransactionHost } from '@koers/core';

const SELECT_VIEW = `
  SELECT k.id, k.theme_id AS "themeId", t.title AS "themeTitle", k.title, k.description,
         k.owner_organisation_id AS "ownerOrganisationId", o.name AS "ownerOrganisationName",
         k.tags, k.links, k.status, k.created_by AS "createdBy", k.created_at AS "createdAt", k.updated_at AS "updatedAt", k.version,
         (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY g.name), '[]'::json)
            FROM knowledge_item_gemeenten kg JOIN organisations g ON g.id = kg.organisation_id
           WHERE kg.knowledge_item_id = k.id) AS gemeenten`;
const FROM = `
    FROM knowledge_items k
    JOIN themes t ON t.id = k.theme_id
    LEFT JOIN organisations o ON o.id = k.owner_organisation_id`;

type SearchRow = KnowledgeItemView & { rank: number | null };

@Injectable()
export class KnowledgeRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async findView(id: string, manager?: EntityManager): Promise<KnowledgeItemView | null> {
    const rows: KnowledgeItemView[] = await this.transactions
      .manager(manager)
      .query(`${SELECT_VIEW} ${FROM} WHERE k.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * A theme's items. With a query: the shared Dutch engine (stemmed full-text search, or every part of the
   * query inside a word: "drugs" finds "drugscriminaliteit"), ranked by ts_rank over the weighted vector
   * (title A, tags B, description C), (the service marks the matches).
   */
  async search(themeId: string, filter: KnowledgeFilter): Promise<{ items: SearchRow[]; total: number }> {
    const params: unknown[] = [themeId];
    const where = ['k.theme_id = $1'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    let rank = 'NULL::real';
    let order = 'lower(k.title), k.id';
    if (filter.q) {
      // The shared Dutch engine (docs/search.md): stemmed full-text OR every part of the query inside a word.
      const query = parseSearchQuery(filter.q);
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const match = dutchMatchSql(
        query,
        { text: 'knowledge_search_text(k.title, k.tags, k.description)', vector: 'k.search_vector' },
        param,
      );
      where.push(match.where);
      rank = match.rank;
      order = 'rank DESC, lower(k.title), k.id';
    }
    if (filter.tag) add((p) => `${p} = ANY(k.tags)`, filter.tag);
    if (filter.status) add((p) => `k.status = ${p}`, filter.status);
    if (filter.gemeenteId)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM knowledge_item_gemeenten kg WHERE kg.knowledge_item_id = k.id AND kg.organisation_id = ${p})`,
        filter.gemeenteId,
      );
    const whereSql = where.join(' AND ');
    const items: SearchRow[] = await this.transactions
      .manager()
      .query(
        `${SELECT_VIEW}, ${rank} AS rank ${FROM} WHERE ${whereSql} ORDER BY ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}`,
        params,
      );
    const [{ n }] = await this.transactions.manager().query(`SELECT count(*) AS n ${FROM} WHERE ${whereSql}`, params);
    return { items, total: n };
  }

  async insert(themeId: string, fields: KnowledgeFields, createdBy: string, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO knowledge_items (theme_id, title, description, owner_organisation_id, tags, links, status, created_by)
       VALUES ($1, $2, $3, $4, $5::text[], $6::jsonb, $7, $8) RETURNING id`,
      [
        themeId,
        fields.title,
        fields.description,
        fields.ownerOrganisationId,
        fields.tags,
        JSON.stringify(fields.links),
        fields.status,
        createdBy,
      ],
    );
    await this.replaceGemeenten(rows[0].id, fields.gemeenteIds, manager);
    return rows[0].id;
  }

  async update(id: string, changes: Partial<KnowledgeFields>, manager: EntityManager): Promise<void> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (changes.title !== undefined) set('title', changes.title);
    if (changes.description !== undefined) set('description', changes.description);
    if (changes.ownerOrganisationId !== undefined) set('owner_organisation_id', changes.ownerOrganisationId);
    if (changes.tags !== undefined) set('tags', changes.tags, '::text[]');
    if (changes.links !== undefined) set('links', JSON.stringify(changes.links), '::jsonb');
    if (changes.status !== undefined) set('status', changes.status);
    await manager.query(`UPDATE knowledge_items SET ${sets.join(', ')} WHERE id = $1`, params);
    if (changes.gemeenteIds !== undefined) await this.replaceGemeenten(id, changes.gemeenteIds, manager);
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM knowledge_items WHERE id = $1', [id]);
  }

  private async replaceGemeenten(id: string, gemeenteIds: string[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM knowledge_item_gemeenten WHERE knowledge_item_id = $1', [id]);
    if (gemeenteIds.length) {
      await manager.query(
        'INSERT INTO knowledge_item_gemeenten (knowledge_item_id, organisation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
        [id, gemeenteIds],
      );
    }
  }

  async themeExists(themeId: string): Promise<boolean> {
    return (await this.transactions.manager().query('SELECT 1 FROM themes WHERE id = $1', [themeId])).length > 0;
  }

  /** The werkgroep of a theme (one per theme), if it has one yet. */
  async workgroupOfTheme(themeId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.transactions
      .manager()
      // Several werkgroepen may share a theme; the kennisbank goes with the oldest (see docs/region-setup.md).
      .query('SELECT id FROM workgroups WHERE theme_id = $1 ORDER BY created_at, id LIMIT 1', [themeId]);
    return rows[0]?.id ?? null;
  }

  async hasAnyMembership(userId: string): Promise<boolean> {
    return (
      (await this.transactions.manager().query('SELECT 1 FROM workgroup_members WHERE user_id = $1 LIMIT 1', [userId]))
        .length > 0
    );
  }

  async organisationExists(id: string): Promise<boolean> {
    return (await this.transactions.manager().query('SELECT 1 FROM organisations WHERE id = $1', [id])).length > 0;
  }

  /** Of the given ids, those that are not organisations of type gemeente. */
  async nonGemeenten(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: Array<{ id: string }> = await this.transactions
      .manager()
      .query("SELECT id FROM organisations WHERE id = ANY($1::uuid[]) AND type = 'gemeente'", [ids]);
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }
}
