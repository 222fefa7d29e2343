import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';
import type {
  InventoryBodyQuestion,
  InventoryCriterionScoreTheme,
  InventoryOrganisationProgress,
  InventoryPriority,
  InventoryResponse,
} from '@koers/contracts';

export interface InventoryRow {
  id: string;
  title: string;
  periodStart: number | null;
  periodEnd: number | null;
  deadline: string;
  questions: string[];
  criteria: string[];
  proposedThemes: InventoryCriterionScoreTheme[];
  bodyQuestions: InventoryBodyQuestion[];
  nameGroups: Array<{ title: string; variants: string[] }>;
  adoptedStrategyId: string | null;
  asked: number;
  answered: number;
  version: number;
}

export interface InventoryFields {
  title: string;
  periodStart: number | null;
  periodEnd: number | null;
  deadline: string;
  questions: string[];
  criteria: string[];
  proposedThemes: InventoryCriterionScoreTheme[];
  bodyQuestions: InventoryBodyQuestion[];
  nameGroups: Array<{ title: string; variants: string[] }>;
}

const JSON_COLUMNS: Record<string, string> = {
  questions: 'questions',
  criteria: 'criteria',
  proposedThemes: 'proposed_themes',
  bodyQuestions: 'body_questions',
  nameGroups: 'name_groups',
};

const SELECT_INVENTORY = `
  SELECT i.id, i.title, i.period_start AS "periodStart", i.period_end AS "periodEnd",
         to_char(i.deadline, 'YYYY-MM-DD') AS deadline, i.questions, i.criteria,
         i.proposed_themes AS "proposedThemes", i.body_questions AS "bodyQuestions", i.name_groups AS "nameGroups",
         i.adopted_strategy_id AS "adoptedStrategyId", i.version,
         (SELECT count(*)::int FROM inventory_organisations io WHERE io.inventory_id = i.id) AS asked,
         (SELECT count(*)::int FROM inventory_responses r WHERE r.inventory_id = i.id AND r.status = 'ingediend') AS answered
    FROM inventories i`;

const SELECT_RESPONSE = `
  SELECT io.organisation_id AS "organisationId", o.name AS "organisationName", o.type AS "organisationType",
         o.district_id AS "districtId", d.name AS "districtName",
         coalesce(r.status, 'niet_gestart') AS status, coalesce(r.priorities, '[]'::jsonb) AS priorities,
         coalesce(r.answers, '[]'::jsonb) AS answers, coalesce(r.on_behalf, false) AS "onBehalf",
         r.submitted_at AS "submittedAt", r.updated_at AS "updatedAt", coalesce(r.version, 0) AS version
    FROM inventory_organisations io
    JOIN organisations o ON o.id = io.organisation_id
    LEFT JOIN districts d ON d.id = o.district_id
    LEFT JOIN inventory_responses r ON r.inventory_id = io.inventory_id AND r.organisation_id = io.organisation_id`;

/** The only place that builds the inventory's queries. */
@Injectable()
export class InventoryRepository {
  constructor(private readonly transactions: TransactionHost) {}

  private db(manager?: EntityManager) {
    return this.transactions.manager(manager);
  }

  async find(id: string, manager?: EntityManager): Promise<InventoryRow | null> {
    const rows: InventoryRow[] = await this.db(manager).query(`${SELECT_INVENTORY} WHERE i.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** All inventories, or (for a contact person) those in which the user answers for an organisation. */
  async list(contactUserId?: string): Promise<InventoryRow[]> {
    return contactUserId
      ? this.db().query(
          `${SELECT_INVENTORY} WHERE EXISTS (SELECT 1 FROM inventory_contacts c WHERE c.inventory_id = i.id AND c.user_id = $1)
           ORDER BY i.deadline DESC, i.title`,
          [contactUserId],
        )
      : this.db().query(`${SELECT_INVENTORY} ORDER BY i.deadline DESC, i.title`);
  }

  /** The organisations the user answers for in this inventory (empty: not a contact). */
  async contactOrganisations(inventoryId: string, userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db().query(
      'SELECT organisation_id AS id FROM inventory_contacts WHERE inventory_id = $1 AND user_id = $2',
      [inventoryId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Per inventory, the organisations the user answers for, with their names and how far each is. */
  async mine(
    userId: string,
  ): Promise<Array<{ inventoryId: string; organisationId: string; organisationName: string; status: string }>> {
    return this.db().query(
      `SELECT c.inventory_id AS "inventoryId", c.organisation_id AS "organisationId", o.name AS "organisationName",
              coalesce(r.status, 'niet_gestart') AS status
         FROM inventory_contacts c
         JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN inventory_responses r ON r.inventory_id = c.inventory_id AND r.organisation_id = c.organisation_id
        WHERE c.user_id = $1
        ORDER BY o.name`,
      [userId],
    );
  }

  async progress(inventoryId: string, onlyOrganisations?: string[]): Promise<InventoryOrganisationProgress[]> {
    const params: unknown[] = [inventoryId];
    let filter = '';
    if (onlyOrganisations) {
      params.push(onlyOrganisations);
      filter = 'AND io.organisation_id = ANY($2::uuid[])';
    }
    return this.db().query(
      `SELECT io.organisation_id AS "organisationId", o.name AS "organisationName", o.type AS "organisationType",
              d.name AS "districtName", coalesce(r.status, 'niet_gestart') AS status,
              coalesce(r.on_behalf, false) AS "onBehalf", r.submitted_at AS "submittedAt",
              (SELECT coalesce(json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) ORDER BY u.display_name), '[]'::json)
                 FROM inventory_contacts c JOIN users u ON u.id = c.user_id
                WHERE c.inventory_id = io.inventory_id AND c.organisation_id = io.organisation_id) AS contacts
         FROM inventory_organisations io
         JOIN organisations o ON o.id = io.organisation_id
         LEFT JOIN districts d ON d.id = o.district_id
         LEFT JOIN inventory_responses r ON r.inventory_id = io.inventory_id AND r.organisation_id = io.organisation_id
        WHERE io.inventory_id = $1 ${filter}
        ORDER BY CASE o.type WHEN 'gemeente' THEN 1 WHEN 'openbaar_ministerie' THEN 2 WHEN 'politie' THEN 3 ELSE 4 END, o.name`,
      params,
    );
  }

  async response(
    inventoryId: string,
    organisationId: string,
    manager?: EntityManager,
  ): Promise<InventoryResponse | null> {
    const rows: InventoryResponse[] = await this.db(manager).query(
      `${SELECT_RESPONSE} WHERE io.inventory_id = $1 AND io.organisation_id = $2`,
      [inventoryId, organisationId],
    );
    return rows[0] ?? null;
  }

  /** Every response of the inventory (submitted only unless asked otherwise), for the ranking and export. */
  async responses(inventoryId: string, submittedOnly = true): Promise<InventoryResponse[]> {
    return this.db().query(
      `${SELECT_RESPONSE} WHERE io.inventory_id = $1 ${submittedOnly ? "AND r.status = 'ingediend'" : ''} ORDER BY o.name`,
      [inventoryId],
    );
  }

  async insert(fields: InventoryFields, createdBy: string, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO inventories (title, period_start, period_end, deadline, questions, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
      [
        fields.title,
        fields.periodStart,
        fields.periodEnd,
        fields.deadline,
        JSON.stringify(fields.questions),
        createdBy,
      ],
    );
    return rows[0].id;
  }

  async update(id: string, changes: Partial<InventoryFields>, manager: EntityManager): Promise<void> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (changes.title !== undefined) set('title', changes.title);
    if (changes.periodStart !== undefined) set('period_start', changes.periodStart);
    if (changes.periodEnd !== undefined) set('period_end', changes.periodEnd);
    if (changes.deadline !== undefined) set('deadline', changes.deadline, '::date');
    for (const [field, column] of Object.entries(JSON_COLUMNS)) {
      const value = changes[field as keyof InventoryFields];
      if (value !== undefined) set(column, JSON.stringify(value), '::jsonb');
    }
    await manager.query(`UPDATE inventories SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async markAdopted(id: string, strategyId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE inventories SET adopted_strategy_id = $2, adopted_at = now(), updated_at = now() WHERE id = $1',
      [id, strategyId],
    );
  }

  async addOrganisations(inventoryId: string, organisationIds: string[], manager: EntityManager): Promise<void> {
    if (!organisationIds.length) return;
    await manager.query(
      `INSERT INTO inventory_organisations (inventory_id, organisation_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [inventoryId, organisationIds],
    );
  }

  async isAsked(inventoryId: string, organisationId: string): Promise<boolean> {
    const rows = await this.db().query(
      'SELECT 1 FROM inventory_organisations WHERE inventory_id = $1 AND organisation_id = $2',
      [inventoryId, organisationId],
    );
    return rows.length > 0;
  }

  /** Replaces an organisation's contacts; returns who is named now and was not before (they are told). */
  async replaceContacts(
    inventoryId: string,
    organisationId: string,
    userIds: string[],
    manager: EntityManager,
  ): Promise<string[]> {
    const before: Array<{ user_id: string }> = await manager.query(
      `WITH removed AS (DELETE FROM inventory_contacts WHERE inventory_id = $1 AND organisation_id = $2 RETURNING user_id)
       SELECT user_id FROM removed`,
      [inventoryId, organisationId],
    );
    if (userIds.length)
      await manager.query(
        'INSERT INTO inventory_contacts (inventory_id, organisation_id, user_id) SELECT $1, $2, unnest($3::uuid[])',
        [inventoryId, organisationId, userIds],
      );
    const had = new Set(before.map((r) => r.user_id));
    return userIds.filter((id) => !had.has(id));
  }

  async organisationName(id: string): Promise<string> {
    const rows: Array<{ name: string }> = await this.db().query('SELECT name FROM organisations WHERE id = $1', [id]);
    return rows[0]?.name ?? '';
  }

  async upsertResponse(
    inventoryId: string,
    organisationId: string,
    values: { priorities: InventoryPriority[]; answers: string[]; onBehalf: boolean; submit: boolean; userId: string },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO inventory_responses (inventory_id, organisation_id, status, priorities, answers, on_behalf, updated_by, submitted_at, submitted_by)
       VALUES ($1, $2, CASE WHEN $6 THEN 'ingediend' ELSE 'concept' END, $3::jsonb, $4::jsonb, $5, $7,
               CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN $7::uuid END)
       ON CONFLICT (inventory_id, organisation_id) DO UPDATE SET
         status = CASE WHEN $6 OR inventory_responses.status = 'ingediend' THEN 'ingediend' ELSE 'concept' END,
         priorities = EXCLUDED.priorities, answers = EXCLUDED.answers, on_behalf = EXCLUDED.on_behalf,
         updated_by = EXCLUDED.updated_by, updated_at = now(),
         submitted_at = CASE WHEN $6 THEN now() ELSE inventory_responses.submitted_at END,
         submitted_by = CASE WHEN $6 THEN $7::uuid ELSE inventory_responses.submitted_by END`,
      [
        inventoryId,
        organisationId,
        JSON.stringify(values.priorities),
        JSON.stringify(values.answers),
        values.onBehalf,
        values.submit,
        values.userId,
      ],
    );
  }

  async lockResponse(inventoryId: string, organisationId: string, manager: EntityManager): Promise<number> {
    const rows: Array<{ version: number }> = await manager.query(
      'SELECT version FROM inventory_responses WHERE inventory_id = $1 AND organisation_id = $2 FOR UPDATE',
      [inventoryId, organisationId],
    );
    return rows[0]?.version ?? 0;
  }

  /** Of the given ids, those that are no organisation. */
  /** The governance bodies of the caller's region (for the questions to bodies). */
  async bodiesOfRegion(userId: string): Promise<Array<{ id: string; name: string }>> {
    return this.db().query(
      `SELECT b.id, b.name FROM governance_bodies b
        WHERE b.region_id = (SELECT o.region_id FROM users u JOIN organisations o ON o.id = u.organisation_id
                              WHERE u.id = $1)`,
      [userId],
    );
  }

  async unknownOrganisations(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: Array<{ id: string }> = await this.db().query(
      'SELECT id FROM organisations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }

  /** Of the given users, those that are not active users of the organisation. */
  async usersOutside(organisationId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: Array<{ id: string }> = await this.db().query(
      'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active',
      [userIds, organisationId],
    );
    const found = new Set(rows.map((r) => r.id));
    return userIds.filter((id) => !found.has(id));
  }

  async strategyStatus(id: string): Promise<string | null> {
    const rows: Array<{ status: string }> = await this.db().query('SELECT status FROM strategies WHERE id = $1', [id]);
    return rows[0]?.status ?? null;
  }

  /**
   * Reminders before the deadline (kind `binnenkort`) for every contact of an asked organisation that has
   * not submitted, once per (inventory, organisation, contact, deadline) thanks to the dedupe key. Runs in
   * the reminder job's locked transaction.
   */
  insertDueReminders(today: string, soonUntil: string, manager: EntityManager) {
    return manager.query(
      `INSERT INTO notifications (user_id, kind, title, entity_type, entity_id, link, dedupe_key)
       SELECT c.user_id, 'binnenkort',
              left('Inventarisatie sluit ' || to_char(i.deadline, 'DD-MM-YYYY') || ': ' || i.title || ' (' || o.name || ')', 500),
              'inventory', i.id, '/cyclus/inventarisaties/' || i.id || '/antwoord/' || c.organisation_id,
              'inventory:' || i.id || ':' || c.organisation_id || ':' || to_char(i.deadline, 'YYYY-MM-DD')
         FROM inventories i
         JOIN inventory_contacts c ON c.inventory_id = i.id
         JOIN users u ON u.id = c.user_id AND u.active
         JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN inventory_responses r ON r.inventory_id = i.id AND r.organisation_id = c.organisation_id
        WHERE i.deadline >= $1::date AND i.deadline <= $2::date
          AND coalesce(r.status, 'niet_gestart') <> 'ingediend'
        ORDER BY i.deadline, i.id, c.user_id
       ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
       RETURNING user_id AS "userId", id, kind, title, entity_type AS "entityType", entity_id AS "entityId",
                 workgroup_id AS "workgroupId", link, read_at AS "readAt", created_at AS "createdAt"`,
      [today, soonUntil],
    );
  }
}
