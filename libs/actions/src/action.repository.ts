import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActionFields, ActionFilter, ActionView, OPEN_STATUSES } from './action.model';
import { TransactionHost } from '@koers/core';

const SELECT_VIEW = `
  SELECT a.id, a.workgroup_id AS "workgroupId", w.name AS "workgroupName",
         a.focus_area_id AS "focusAreaId", f.title AS "focusAreaTitle",
         a.title, a.description, a.owner_id AS "ownerId", u.display_name AS "ownerName",
         a.owner_organisation_id AS "ownerOrganisationId", o.name AS "ownerOrganisationName",
         a.due_date AS "dueDate", a.status, a.status_reason AS "statusReason", a.priority,
         a.origin, a.origin_note AS "originNote", a.created_by AS "createdBy",
         a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.completed_at AS "completedAt", a.version
    FROM actions a
    JOIN workgroups w ON w.id = a.workgroup_id
    LEFT JOIN focus_areas f ON f.id = a.focus_area_id
    LEFT JOIN users u ON u.id = a.owner_id
    LEFT JOIN organisations o ON o.id = a.owner_organisation_id`;

const ORDER_BY: Record<ActionFilter['sort'], string> = {
  due_date: 'a.due_date',
  priority: "CASE a.priority WHEN 'hoog' THEN 1 WHEN 'normaal' THEN 2 ELSE 3 END",
  updated_at: 'a.updated_at',
  title: 'lower(a.title)',
  status:
    "CASE a.status WHEN 'geblokkeerd' THEN 1 WHEN 'open' THEN 2 WHEN 'in_uitvoering' THEN 3 WHEN 'afgerond' THEN 4 ELSE 5 END",
};

type Row = Omit<ActionView, 'overdue'>;

const COLUMN: Record<keyof ActionFields, string> = {
  title: 'title',
  description: 'description',
  focusAreaId: 'focus_area_id',
  ownerId: 'owner_id',
  ownerOrganisationId: 'owner_organisation_id',
  dueDate: 'due_date',
  status: 'status',
  statusReason: 'status_reason',
  priority: 'priority',
  origin: 'origin',
  originNote: 'origin_note',
};

@Injectable()
export class ActionRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async findView(id: string, manager?: EntityManager): Promise<Row | null> {
    const rows: Row[] = await this.transactions
      .manager(manager)
      .query(`${SELECT_VIEW} WHERE a.id = $1 AND a.deleted_at IS NULL`, [id]);
    return rows[0] ?? null;
  }

  /** Actions of one werkgroep, or (workgroupIds) of several, filtered and sorted; with the total for paging. */
  async list(scope: { workgroupIds: string[] }, filter: ActionFilter): Promise<{ items: Row[]; total: number }> {
    const where = ['a.deleted_at IS NULL', 'a.workgroup_id = ANY($1)'];
    const params: unknown[] = [scope.workgroupIds];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.statuses?.length) add((p) => `a.status = ANY(${p})`, filter.statuses);
    if (filter.focusAreaId) add((p) => `a.focus_area_id = ${p}`, filter.focusAreaId);
    if (filter.ownerId) add((p) => `a.owner_id = ${p}`, filter.ownerId);
    if (filter.organisationId) add((p) => `a.owner_organisation_id = ${p}`, filter.organisationId);
    if (filter.overdueOn) {
      add((p) => `a.due_date < ${p}`, filter.overdueOn);
      add((p) => `a.status = ANY(${p})`, OPEN_STATUSES);
    }
    if (filter.dueBetween) {
      add((p) => `a.due_date >= ${p}`, filter.dueBetween.from);
      add((p) => `a.due_date <= ${p}`, filter.dueBetween.to);
      add((p) => `a.status = ANY(${p})`, OPEN_STATUSES);
    }
    const whereSql = where.join(' AND ');
    const order = `${ORDER_BY[filter.sort]} ${filter.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, a.created_at, a.id`;
    const items: Row[] = await this.transactions
      .manager()
      .query(
        `${SELECT_VIEW} WHERE ${whereSql} ORDER BY ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}`,
        params,
      );
    const [{ n }] = await this.transactions
      .manager()
      .query(`SELECT count(*) AS n FROM actions a WHERE ${whereSql}`, params);
    return { items, total: n };
  }

  async insert(workgroupId: string, fields: ActionFields, createdBy: string, manager: EntityManager): Promise<string> {
    // clock_timestamp(), not now(): actions made in one transaction (a decision's) keep the order they were made.
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO actions (workgroup_id, title, description, focus_area_id, owner_id, owner_organisation_id, due_date, status, status_reason, priority, origin, origin_note, created_by, completed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $8 = 'afgerond' THEN now() END, clock_timestamp()) RETURNING id`,
      [
        workgroupId,
        fields.title,
        fields.description,
        fields.focusAreaId,
        fields.ownerId,
        fields.ownerOrganisationId,
        fields.dueDate,
        fields.status,
        fields.statusReason,
        fields.priority,
        fields.origin,
        fields.originNote,
        createdBy,
      ],
    );
    return rows[0].id;
  }

  async update(id: string, changes: Partial<ActionFields>, manager: EntityManager): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(changes) as Array<[keyof ActionFields, unknown]>) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
      if (key === 'status') {
        // Completing stamps the moment once; reopening clears it.
        sets.push(
          `completed_at = CASE WHEN $${params.length}::text = 'afgerond' THEN coalesce(completed_at, now()) ELSE NULL END`,
        );
      }
    }
    await manager.query(`UPDATE actions SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async softDelete(id: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE actions SET deleted_at = now(), updated_at = now() WHERE id = $1', [id]);
  }

  async insertChange(
    actionId: string,
    changedBy: string,
    changes: Record<string, unknown>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query('INSERT INTO action_changes (action_id, changed_by, changes) VALUES ($1, $2, $3::jsonb)', [
      actionId,
      changedBy,
      JSON.stringify(changes),
    ]);
  }

  history(actionId: string): Promise<
    Array<{
      changedAt: Date;
      changedBy: string | null;
      changedByName: string | null;
      changes: Record<string, { from: unknown; to: unknown }>;
    }>
  > {
    return this.transactions.manager().query(
      `SELECT c.changed_at AS "changedAt", c.changed_by AS "changedBy", u.display_name AS "changedByName", c.changes
         FROM action_changes c LEFT JOIN users u ON u.id = c.changed_by
        WHERE c.action_id = $1 ORDER BY c.changed_at, c.id`,
      [actionId],
    );
  }

  comments(
    actionId: string,
  ): Promise<Array<{ id: string; authorId: string | null; authorName: string | null; body: string; createdAt: Date }>> {
    return this.transactions.manager().query(
      `SELECT c.id, c.author_id AS "authorId", u.display_name AS "authorName", c.body, c.created_at AS "createdAt"
         FROM action_comments c LEFT JOIN users u ON u.id = c.author_id
        WHERE c.action_id = $1 ORDER BY c.created_at, c.id`,
      [actionId],
    );
  }

  async insertComment(actionId: string, authorId: string, body: string, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO action_comments (action_id, author_id, body) VALUES ($1, $2, $3) RETURNING id',
      [actionId, authorId, body],
    );
    return rows[0].id;
  }

  /** Whether the user is a seated member (not an observer) of the werkgroep: only they can own its actions. */
  async isSeatedMember(
    workgroupId: string,
    userId: string,
    manager?: EntityManager,
  ): Promise<{ organisationId: string } | null> {
    const rows: Array<{ organisation_id: string }> = await this.transactions.manager(manager).query(
      `SELECT u.organisation_id FROM workgroup_members m JOIN users u ON u.id = m.user_id
        WHERE m.workgroup_id = $1 AND m.user_id = $2 AND m.role <> 'waarnemer' AND u.active`,
      [workgroupId, userId],
    );
    return rows[0] ? { organisationId: rows[0].organisation_id } : null;
  }

  async focusAreaBelongsTo(workgroupId: string, focusAreaId: string, manager?: EntityManager): Promise<boolean> {
    const rows = await this.transactions
      .manager(manager)
      .query('SELECT 1 FROM focus_areas f JOIN workgroups w ON w.theme_id = f.theme_id WHERE w.id = $1 AND f.id = $2', [
        workgroupId,
        focusAreaId,
      ]);
    return rows.length > 0;
  }

  async organisationExists(id: string, manager?: EntityManager): Promise<boolean> {
    return (
      (await this.transactions.manager(manager).query('SELECT 1 FROM organisations WHERE id = $1', [id])).length > 0
    );
  }

  async workgroupIdsOfMember(userId: string): Promise<string[]> {
    const rows: Array<{ workgroup_id: string }> = await this.transactions
      .manager()
      .query('SELECT workgroup_id FROM workgroup_members WHERE user_id = $1', [userId]);
    return rows.map((r) => r.workgroup_id);
  }

  async workgroupExists(id: string): Promise<boolean> {
    return (await this.transactions.manager().query('SELECT 1 FROM workgroups WHERE id = $1', [id])).length > 0;
  }
}
