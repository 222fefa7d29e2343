import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AgendaItemFields,
  AgendaItemView,
  AgendaPlacement,
  AttendanceStatus,
  AttendeeView,
  DecisionActionView,
  DecisionView,
  SessionChangeRecord,
  SessionChangeView,
  SessionFields,
  SessionRow,
  SessionState,
  SessionSummary,
} from './session.model';
import { TransactionHost } from '@koers/core';

const SESSION_COLUMNS = `
  s.id, s.workgroup_id AS "workgroupId", w.name AS "workgroupName", s.type, s.state, s.title,
  s.description, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.location, s.online_url AS "onlineUrl",
  s.minutes_document_id AS "minutesDocumentId", d.title AS "minutesDocumentTitle", s.sequence,
  s.created_by AS "createdBy", s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.version`;
const SESSION_FROM = `
    FROM workgroup_sessions s
    JOIN workgroups w ON w.id = s.workgroup_id
    LEFT JOIN documents d ON d.id = s.minutes_document_id`;
const SELECT_SESSION = `SELECT ${SESSION_COLUMNS} ${SESSION_FROM}`;

const SELECT_ITEM = `
  SELECT i.id, i.session_id AS "sessionId", i.placement, i.position, i.title, i.description,
         i.presenter_id AS "presenterId", coalesce(p.display_name, i.presenter_name) AS "presenterName",
         i.minutes_allotted AS "minutesAllotted", i.outcome, i.proposed_by AS "proposedBy",
         u.display_name AS "proposedByName", i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.version
    FROM session_agenda_items i
    LEFT JOIN users p ON p.id = i.presenter_id
    LEFT JOIN users u ON u.id = i.proposed_by`;

const SELECT_DECISION = `
  SELECT d.id, d.session_id AS "sessionId", d.agenda_item_id AS "agendaItemId", i.title AS "agendaItemTitle",
         d.text, d.decided_at AS "decidedAt", d.created_by AS "createdBy", d.created_at AS "createdAt",
         d.updated_at AS "updatedAt", d.version
    FROM session_decisions d
    LEFT JOIN session_agenda_items i ON i.id = d.agenda_item_id`;

const SESSION_COLUMN: Record<keyof SessionFields, string> = {
  type: 'type',
  state: 'state',
  title: 'title',
  description: 'description',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  location: 'location',
  onlineUrl: 'online_url',
};

const ITEM_COLUMN: Record<keyof AgendaItemFields, string> = {
  placement: 'placement',
  title: 'title',
  description: 'description',
  presenterId: 'presenter_id',
  presenterName: 'presenter_name',
  minutesAllotted: 'minutes_allotted',
  outcome: 'outcome',
};

type DecisionRow = Omit<DecisionView, 'actions'>;

/** A session with its counts for lists; `now` (a parameter) decides whether it is upcoming: until it has ended. */
function selectSummary(now: string): string {
  return `SELECT ${SESSION_COLUMNS}, s.ends_at >= ${now} AS upcoming,
                 (SELECT count(*) FROM session_agenda_items i WHERE i.session_id = s.id AND i.placement = 'agenda') AS "agendaItemCount",
                 (SELECT count(*) FROM session_decisions x WHERE x.session_id = s.id) AS "decisionCount"
            ${SESSION_FROM}`;
}

/** Every query of sessions, agenda, attendance and decisions. */
@Injectable()
export class SessionRepository {
  constructor(private readonly transactions: TransactionHost) {}

  // Sessions

  async findSession(id: string, manager?: EntityManager): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.transactions
      .manager(manager)
      .query(`${SELECT_SESSION} WHERE s.id = $1 AND s.deleted_at IS NULL`, [id]);
    return rows[0] ?? null;
  }

  /** Upcoming sessions first (soonest first), then past ones (most recent first). */
  listSessions(workgroupId: string, states: SessionState[] | undefined, now: Date): Promise<SessionSummary[]> {
    const params: unknown[] = [workgroupId, now.toISOString()];
    let stateSql = '';
    if (states?.length) {
      params.push(states);
      stateSql = 'AND s.state = ANY($3)';
    }
    return this.transactions.manager().query(
      `${selectSummary('$2')}
        WHERE s.workgroup_id = $1 AND s.deleted_at IS NULL ${stateSql}
        ORDER BY s.ends_at >= $2 DESC,
                 CASE WHEN s.ends_at >= $2 THEN s.starts_at END ASC,
                 s.starts_at DESC,
                 s.id`,
      params,
    );
  }

  /** One session as the list shows it (for live events). */
  async findSummary(id: string, now: Date): Promise<SessionSummary | null> {
    const rows: SessionSummary[] = await this.transactions
      .manager()
      .query(`${selectSummary('$2')} WHERE s.id = $1 AND s.deleted_at IS NULL`, [id, now.toISOString()]);
    return rows[0] ?? null;
  }

  async insertSession(
    workgroupId: string,
    fields: SessionFields,
    createdBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO workgroup_sessions (workgroup_id, type, state, title, description, starts_at, ends_at, location, online_url, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        workgroupId,
        fields.type,
        fields.state,
        fields.title,
        fields.description,
        fields.startsAt.toISOString(),
        fields.endsAt.toISOString(),
        fields.location,
        fields.onlineUrl,
        createdBy,
      ],
    );
    return rows[0].id;
  }

  /** `calendar`: the change matters to calendars (date, time, place, title, status), so SEQUENCE goes up. */
  async updateSession(
    id: string,
    changes: Partial<SessionFields>,
    calendar: boolean,
    manager: EntityManager,
  ): Promise<void> {
    const { sets, params } = assignments(id, changes, SESSION_COLUMN);
    // Calendar clients only take an updated invitation whose SEQUENCE went up.
    if (calendar) sets.push('sequence = sequence + 1');
    await manager.query(
      `UPDATE workgroup_sessions SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`,
      params,
    );
  }

  /** Removes the session from every list; its SEQUENCE goes up for the cancellation sent to calendars. */
  async softDeleteSession(id: string, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE workgroup_sessions SET deleted_at = now(), updated_at = now(), sequence = sequence + 1 WHERE id = $1',
      [id],
    );
  }

  // History

  async recordChange(
    sessionId: string,
    changedBy: string | null,
    change: SessionChangeRecord,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO session_changes (session_id, changed_by, kind, subject, changes) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [sessionId, changedBy, change.kind, change.subject ?? null, JSON.stringify(change.changes ?? {})],
    );
  }

  history(sessionId: string): Promise<SessionChangeView[]> {
    return this.transactions.manager().query(
      `SELECT c.id, c.kind, c.subject, c.changes, c.changed_at AS "changedAt", c.changed_by AS "changedBy",
              u.display_name AS "changedByName"
         FROM session_changes c LEFT JOIN users u ON u.id = c.changed_by
        WHERE c.session_id = $1 ORDER BY c.changed_at, c.id`,
      [sessionId],
    );
  }

  // Invitations

  /** The organiser of the session's invitation: its creator, while the account is active. */
  async organizer(sessionId: string): Promise<{ displayName: string; email: string } | null> {
    const rows: Array<{ displayName: string; email: string }> = await this.transactions.manager().query(
      `SELECT u.display_name AS "displayName", u.email
         FROM workgroup_sessions s JOIN users u ON u.id = s.created_by
        WHERE s.id = $1 AND u.active`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  /** Everyone on the session's list, with the address an invitation goes to (active accounts only). */
  invitees(
    sessionId: string,
  ): Promise<
    Array<{ userId: string; displayName: string; email: string; role: string | null; status: AttendanceStatus }>
  > {
    return this.transactions.manager().query(
      `SELECT a.user_id AS "userId", u.display_name AS "displayName", u.email, m.role, a.status
         FROM session_attendees a
         JOIN workgroup_sessions s ON s.id = a.session_id
         JOIN users u ON u.id = a.user_id
         LEFT JOIN workgroup_members m ON m.workgroup_id = s.workgroup_id AND m.user_id = a.user_id
        WHERE a.session_id = $1 AND u.active
        ORDER BY lower(u.display_name), a.user_id`,
      [sessionId],
    );
  }

  /** Links the minutes document unless another request was first; false if one was already linked. */
  async linkMinutes(id: string, documentId: string, manager: EntityManager): Promise<boolean> {
    // A CTE, because TypeORM shapes the result of a bare UPDATE ... RETURNING as [rows, count] (always 2 long).
    const rows: Array<{ id: string }> = await manager.query(
      'WITH linked AS (UPDATE workgroup_sessions SET minutes_document_id = $2, updated_at = now() WHERE id = $1 AND minutes_document_id IS NULL RETURNING id) SELECT id FROM linked',
      [id, documentId],
    );
    return rows.length > 0;
  }

  async touchSession(id: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE workgroup_sessions SET updated_at = now() WHERE id = $1', [id]);
  }

  // Agenda

  items(sessionId: string, manager?: EntityManager): Promise<AgendaItemView[]> {
    return this.transactions
      .manager(manager)
      .query(`${SELECT_ITEM} WHERE i.session_id = $1 ORDER BY i.placement, i.position, i.created_at, i.id`, [
        sessionId,
      ]);
  }

  async findItem(id: string): Promise<AgendaItemView | null> {
    const rows: AgendaItemView[] = await this.transactions.manager().query(`${SELECT_ITEM} WHERE i.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insertItem(
    sessionId: string,
    fields: AgendaItemFields,
    proposedBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO session_agenda_items (session_id, placement, position, title, description, presenter_id, presenter_name, minutes_allotted, outcome, proposed_by)
       VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM session_agenda_items WHERE session_id = $1 AND placement = $2), $3, $4, $5, $6, $7, $8, $9)
       RETURNING id`,
      [
        sessionId,
        fields.placement,
        fields.title,
        fields.description,
        fields.presenterId,
        fields.presenterName,
        fields.minutesAllotted,
        fields.outcome,
        proposedBy,
      ],
    );
    return rows[0].id;
  }

  async updateItem(id: string, changes: Partial<AgendaItemFields>, manager: EntityManager): Promise<void> {
    const { sets, params } = assignments(id, changes, ITEM_COLUMN);
    if (changes.placement) {
      // Moving between agenda and backlog puts the item at the end of its new list.
      params.push(changes.placement);
      sets.push(
        `position = (SELECT coalesce(max(o.position), 0) + 1 FROM session_agenda_items o WHERE o.session_id = session_agenda_items.session_id AND o.placement = $${params.length} AND o.id <> $1)`,
      );
    }
    await manager.query(
      `UPDATE session_agenda_items SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`,
      params,
    );
  }

  async deleteItem(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM session_agenda_items WHERE id = $1', [id]);
  }

  /** Numbers the items 1..n in the given order. */
  async reorder(
    sessionId: string,
    placement: AgendaPlacement,
    itemIds: string[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE session_agenda_items i SET position = o.ord, updated_at = now()
         FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, ord)
        WHERE i.id = o.id AND i.session_id = $1 AND i.placement = $2`,
      [sessionId, placement, itemIds],
    );
  }

  // Attendance

  attendees(sessionId: string, manager?: EntityManager): Promise<AttendeeView[]> {
    return this.transactions.manager(manager).query(
      `SELECT a.user_id AS "userId", u.display_name AS "displayName", o.name AS "organisationName", m.role, a.status
         FROM session_attendees a
         JOIN workgroup_sessions s ON s.id = a.session_id
         JOIN users u ON u.id = a.user_id
         LEFT JOIN organisations o ON o.id = u.organisation_id
         LEFT JOIN workgroup_members m ON m.workgroup_id = s.workgroup_id AND m.user_id = a.user_id
        WHERE a.session_id = $1
        ORDER BY lower(u.display_name), a.user_id`,
      [sessionId],
    );
  }

  async upsertAttendee(
    sessionId: string,
    userId: string,
    status: AttendanceStatus,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO session_attendees (session_id, user_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, user_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      [sessionId, userId, status],
    );
  }

  async removeAttendees(sessionId: string, userIds: string[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM session_attendees WHERE session_id = $1 AND user_id = ANY($2::uuid[])', [
      sessionId,
      userIds,
    ]);
  }

  async displayNames(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ id: string; display_name: string }> = await this.transactions
      .manager()
      .query('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [userIds]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** Which of the given users are members of the werkgroep (any role). */
  async membersAmong(workgroupId: string, userIds: string[], manager?: EntityManager): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ user_id: string }> = await this.transactions.manager(manager).query(
      `SELECT m.user_id FROM workgroup_members m JOIN users u ON u.id = m.user_id
        WHERE m.workgroup_id = $1 AND m.user_id = ANY($2::uuid[]) AND u.active`,
      [workgroupId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Seated members (not observers) only: they can own actions. */
  async seatedMembersAmong(workgroupId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ user_id: string }> = await this.transactions.manager().query(
      `SELECT m.user_id FROM workgroup_members m JOIN users u ON u.id = m.user_id
        WHERE m.workgroup_id = $1 AND m.user_id = ANY($2::uuid[]) AND m.role <> 'waarnemer' AND u.active`,
      [workgroupId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async focusAreasOfWorkgroup(workgroupId: string): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.transactions
      .manager()
      .query('SELECT f.id FROM focus_areas f JOIN workgroups w ON w.theme_id = f.theme_id WHERE w.id = $1', [
        workgroupId,
      ]);
    return new Set(rows.map((r) => r.id));
  }

  async workgroupExists(id: string): Promise<boolean> {
    return (await this.transactions.manager().query('SELECT 1 FROM workgroups WHERE id = $1', [id])).length > 0;
  }

  // Decisions

  async decisions(sessionId: string, manager?: EntityManager): Promise<DecisionView[]> {
    const rows: DecisionRow[] = await this.transactions
      .manager(manager)
      .query(`${SELECT_DECISION} WHERE d.session_id = $1 ORDER BY d.decided_at, d.created_at, d.id`, [sessionId]);
    return this.withActions(rows, manager);
  }

  async findDecision(id: string): Promise<DecisionView | null> {
    const rows: DecisionRow[] = await this.transactions.manager().query(`${SELECT_DECISION} WHERE d.id = $1`, [id]);
    return (await this.withActions(rows))[0] ?? null;
  }

  /** The decision an action came from, if any. */
  async decisionOfAction(actionId: string): Promise<{ decisionId: string; workgroupId: string } | null> {
    const rows: Array<{ decisionId: string; workgroupId: string }> = await this.transactions.manager().query(
      `SELECT da.decision_id AS "decisionId", a.workgroup_id AS "workgroupId"
         FROM decision_actions da JOIN actions a ON a.id = da.action_id
        WHERE da.action_id = $1 AND a.deleted_at IS NULL`,
      [actionId],
    );
    return rows[0] ?? null;
  }

  async insertDecision(
    sessionId: string,
    fields: { text: string; agendaItemId: string | null; decidedAt: Date | null },
    createdBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO session_decisions (session_id, agenda_item_id, text, decided_at, created_by)
       VALUES ($1, $2, $3, coalesce($4::timestamptz, now()), $5) RETURNING id`,
      [sessionId, fields.agendaItemId, fields.text, fields.decidedAt?.toISOString() ?? null, createdBy],
    );
    return rows[0].id;
  }

  async updateDecision(
    id: string,
    changes: { text?: string; agendaItemId?: string | null; decidedAt?: Date },
    manager: EntityManager,
  ): Promise<void> {
    const { sets, params } = assignments(id, changes, {
      text: 'text',
      agendaItemId: 'agenda_item_id',
      decidedAt: 'decided_at',
    });
    await manager.query(
      `UPDATE session_decisions SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`,
      params,
    );
  }

  async deleteDecision(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM session_decisions WHERE id = $1', [id]);
  }

  async linkActions(decisionId: string, actionIds: string[], manager: EntityManager): Promise<void> {
    await manager.query('INSERT INTO decision_actions (decision_id, action_id) SELECT $1, unnest($2::uuid[])', [
      decisionId,
      actionIds,
    ]);
  }

  private async withActions(rows: DecisionRow[], manager?: EntityManager): Promise<DecisionView[]> {
    if (rows.length === 0) return [];
    const links: Array<DecisionActionView & { decisionId: string }> = await this.transactions.manager(manager).query(
      `SELECT da.decision_id AS "decisionId", a.id, a.title, u.display_name AS "ownerName", a.due_date AS "dueDate", a.status
         FROM decision_actions da
         JOIN actions a ON a.id = da.action_id AND a.deleted_at IS NULL
         LEFT JOIN users u ON u.id = a.owner_id
        WHERE da.decision_id = ANY($1::uuid[])
        ORDER BY a.created_at, a.id`,
      [rows.map((r) => r.id)],
    );
    return rows.map((row) => ({
      ...row,
      actions: links.filter((l) => l.decisionId === row.id).map(({ decisionId: _, ...action }) => action),
    }));
  }
}

/** `column = $n` for every defined change; $1 is the row id. */
function assignments<T extends object>(
  id: string,
  changes: T,
  columns: Record<keyof T, string>,
): { sets: string[]; params: unknown[] } {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(changes) as Array<[keyof T, unknown]>) {
    if (value === undefined) continue;
    // Timestamps travel as ISO strings: both drivers read them the same way.
    params.push(value instanceof Date ? value.toISOString() : value);
    sets.push(`${columns[key]} = $${params.length}`);
  }
  return { sets, params };
}
