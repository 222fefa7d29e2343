import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AttentionAction,
  AttentionReport,
  AttentionWorkgroupAction,
  NewNotification,
  NotificationView,
} from './notification.model';
import { TransactionHost } from '@koers/core';

const COLUMNS = `id, kind, title, detail, entity_type AS "entityType", entity_id AS "entityId", workgroup_id AS "workgroupId",
                 link, created_at AS "createdAt", read_at AS "readAt"`;
const LEFT_WORKGROUP_TITLE = 'Melding uit een werkgroep waarvan u geen lid meer bent';
const OPEN_STATUSES = ['open', 'in_uitvoering', 'geblokkeerd'];

export type InsertedNotification = NotificationView & { userId: string };

@Injectable()
export class NotificationRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Inserts one notification; null when its dedupe key was already used for this person. */
  async insert(n: NewNotification, manager?: EntityManager): Promise<InsertedNotification | null> {
    const rows: InsertedNotification[] = await this.transactions.manager(manager).query(
      `INSERT INTO notifications (user_id, kind, title, entity_type, entity_id, workgroup_id, link, dedupe_key, detail)
       VALUES ($1, $2, left($3, 500), $4, $5, $6, $7, $8, left($9, 2000))
       ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
       RETURNING user_id AS "userId", ${COLUMNS}`,
      [
        n.userId,
        n.kind,
        n.title,
        n.entityType ?? null,
        n.entityId ?? null,
        n.workgroupId ?? null,
        n.link ?? null,
        n.dedupeKey ?? null,
        n.detail ?? null,
      ],
    );
    return rows[0] ?? null;
  }

  async page(
    userId: string,
    unreadOnly: boolean,
    limit: number,
    offset: number,
  ): Promise<{ items: NotificationView[]; total: number }> {
    const where = `user_id = $1${unreadOnly ? ' AND read_at IS NULL' : ''}`;
    // A werkgroep the person has left keeps its notifications in the list, but no longer what they named:
    // no title (document names, action titles), no ids, no link.
    const items: NotificationView[] = await this.transactions.manager().query(
      `SELECT id, kind,
              CASE WHEN gone THEN '${LEFT_WORKGROUP_TITLE}' ELSE title END AS title,
              CASE WHEN gone THEN NULL ELSE detail END AS detail,
              CASE WHEN gone THEN NULL ELSE entity_type END AS "entityType",
              CASE WHEN gone THEN NULL ELSE entity_id END AS "entityId",
              CASE WHEN gone THEN NULL ELSE workgroup_id END AS "workgroupId",
              CASE WHEN gone THEN NULL ELSE link END AS link,
              created_at AS "createdAt", read_at AS "readAt"
         FROM (SELECT n.*,
                      n.workgroup_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM workgroup_members m
                                       WHERE m.workgroup_id = n.workgroup_id AND m.user_id = n.user_id)
                      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.user_id AND u.platform_role = 'secretariaat')
                        AS gone
                 FROM notifications n WHERE ${where}) n
        ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      [userId],
    );
    const [{ n }] = await this.transactions
      .manager()
      .query(`SELECT count(*) AS n FROM notifications WHERE ${where}`, [userId]);
    return { items, total: n };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = await this.transactions
      .manager()
      .query('SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return n;
  }

  /** Marks one of the user's own notifications read; false when it is not theirs or does not exist. */
  async markRead(userId: string, id: string): Promise<boolean> {
    // A CTE, because TypeORM shapes the result of a bare UPDATE as [rows, count].
    const rows = await this.transactions
      .manager()
      .query(
        'WITH marked AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM marked',
        [id, userId],
      );
    return rows.length > 0;
  }

  async markAllRead(userId: string): Promise<number> {
    const [{ n }] = await this.transactions
      .manager()
      .query(
        'WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id) SELECT count(*) AS n FROM marked',
        [userId],
      );
    return n;
  }

  /**
   * One reminder per open action whose owner is an active member of its werkgroep and whose due date
   * is past (verlopen) or within the window (binnenkort), keyed by (action, kind, due date): inserted with
   * ON CONFLICT DO NOTHING, so only reminders not sent before come back.
   */
  async insertDueReminders(today: string, soonUntil: string, manager: EntityManager): Promise<InsertedNotification[]> {
    return manager.query(
      `WITH due AS (
         SELECT a.id, a.title, a.workgroup_id, a.owner_id, a.due_date,
                CASE WHEN a.due_date < $1::date THEN 'verlopen' ELSE 'binnenkort' END AS kind
           FROM actions a
           JOIN users u ON u.id = a.owner_id AND u.active
          WHERE a.deleted_at IS NULL
            AND a.status = ANY($3)
            AND a.due_date <= $2::date
            AND EXISTS (SELECT 1 FROM workgroup_members m WHERE m.workgroup_id = a.workgroup_id AND m.user_id = a.owner_id)
       )
       INSERT INTO notifications (user_id, kind, title, entity_type, entity_id, workgroup_id, link, dedupe_key)
       SELECT owner_id, kind,
              left(CASE kind WHEN 'verlopen' THEN 'Deadline verstreken (' ELSE 'Deadline nadert (' END
                   || to_char(due_date, 'DD-MM-YYYY') || '): ' || title, 500),
              'action', id, workgroup_id, '/werkgroepen/' || workgroup_id || '?actie=' || id,
              'reminder:' || id || ':' || kind || ':' || to_char(due_date, 'YYYY-MM-DD')
         FROM due
        ORDER BY due_date, id
       ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
       RETURNING user_id AS "userId", ${COLUMNS}`,
      [today, soonUntil, OPEN_STATUSES],
    );
  }

  /** The user's open actions due on or before `until`, in werkgroepen they are still a member of. */
  attentionActions(userId: string, until: string): Promise<AttentionAction[]> {
    return this.transactions.manager().query(
      `SELECT a.id, a.title, a.workgroup_id AS "workgroupId", w.name AS "workgroupName", a.due_date AS "dueDate",
              a.status, a.priority, '/werkgroepen/' || a.workgroup_id || '?actie=' || a.id AS link
         FROM actions a
         JOIN workgroups w ON w.id = a.workgroup_id
         JOIN workgroup_members m ON m.workgroup_id = a.workgroup_id AND m.user_id = a.owner_id
        WHERE a.owner_id = $1 AND a.deleted_at IS NULL AND a.status = ANY($3) AND a.due_date <= $2::date
        ORDER BY a.due_date, CASE a.priority WHEN 'hoog' THEN 1 WHEN 'normaal' THEN 2 ELSE 3 END, a.id`,
      [userId, until, OPEN_STATUSES],
    );
  }

  /**
   * For an aanjager: the overdue open actions owned by others (or by nobody) in the werkgroepen they drive,
   * so the one who steers the theme sees where it stalls.
   */
  attentionWorkgroupOverdue(userId: string, today: string): Promise<AttentionWorkgroupAction[]> {
    return this.transactions.manager().query(
      `SELECT a.id, a.title, a.workgroup_id AS "workgroupId", w.name AS "workgroupName", a.due_date AS "dueDate",
              a.status, a.priority, '/werkgroepen/' || a.workgroup_id || '?actie=' || a.id AS link,
              a.owner_id AS "ownerId", o.display_name AS "ownerName"
         FROM workgroup_members me
         JOIN actions a ON a.workgroup_id = me.workgroup_id
         JOIN workgroups w ON w.id = a.workgroup_id
         LEFT JOIN users o ON o.id = a.owner_id
        WHERE me.user_id = $1 AND me.role = 'aanjager'
          AND a.deleted_at IS NULL AND a.status = ANY($3) AND a.due_date < $2::date
          AND a.owner_id IS DISTINCT FROM $1
        ORDER BY a.due_date, w.name, a.id
        LIMIT 100`,
      [userId, today, OPEN_STATUSES],
    );
  }

  /**
   * Progress reports that wait on the user: for an aanjager the reports of their werkgroepen still to be
   * submitted for a cycle whose RVC meeting has not passed; for the secretariat the submitted reports to
   * accept or return.
   */
  attentionReports(userId: string, today: string, isSecretariat: boolean): Promise<AttentionReport[]> {
    return this.transactions.manager().query(
      `SELECT 'indienen' AS task, w.id AS "workgroupId", w.name AS "workgroupName", c.id AS "cycleId", c.title AS "cycleTitle",
              c.report_deadline AS deadline, coalesce(r.status, 'niet_gestart') AS status, r.id AS "reportId"
         FROM workgroup_members m
         JOIN workgroups w ON w.id = m.workgroup_id
         JOIN themes t ON t.id = w.theme_id
         JOIN reporting_cycles c ON c.strategy_id = t.strategy_id AND c.meeting_date >= $2::date
         LEFT JOIN progress_reports r ON r.workgroup_id = w.id AND r.cycle_id = c.id
        WHERE m.user_id = $1 AND m.role IN ('aanjager', 'rapporteur') AND (r.id IS NULL OR r.status IN ('concept', 'teruggestuurd'))
       UNION ALL
       SELECT 'beoordelen', w.id, w.name, c.id, c.title, c.report_deadline, r.status, r.id
         FROM progress_reports r
         JOIN workgroups w ON w.id = r.workgroup_id
         JOIN reporting_cycles c ON c.id = r.cycle_id
        WHERE $3::boolean AND r.status = 'ingediend'
        ORDER BY deadline, "workgroupName"`,
      [userId, today, isSecretariat],
    );
  }

  /** Of the given user ids, the active accounts (a decision is only announced to people who can sign in). */
  async activeUsers(userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: Array<{ id: string }> = await this.transactions
      .manager()
      .query('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active', [userIds]);
    return rows.map((r) => r.id);
  }
}
