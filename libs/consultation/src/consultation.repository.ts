import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';
import type { ConsultationOutcome, ConsultationPoint, ConsultationPointKind, PointResponse } from '@koers/contracts';

export interface ConsultationRow {
  id: string;
  strategyId: string;
  strategyTitle: string;
  title: string;
  documentReference: string;
  offeredOn: string;
  deadline: string;
  closed: boolean;
  version: number;
}

export interface ResponseRow {
  id: string;
  organisationId: string;
  organisationName: string;
  districtName: string | null;
  decidedOn: string | null;
  outcome: ConsultationOutcome | null;
  text: string;
  decisionReference: string;
  onBehalf: boolean;
  enteredByName: string | null;
  answeredAt: Date | null;
}

export type PointRow = ConsultationPoint & { consultationId: string };

const CONSULTATION_COLUMNS = `c.id, c.strategy_id AS "strategyId", s.title AS "strategyTitle", c.title,
  c.document_reference AS "documentReference", to_char(c.offered_on, 'YYYY-MM-DD') AS "offeredOn",
  to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.closed_at IS NOT NULL AS closed, c.version`;

const POINT_COLUMNS = `id, consultation_id AS "consultationId", organisation_id AS "organisationId", position, kind, text,
  response, reason, version`;

/** The queries of consultations: the offer, the asked organisations with their answers, the points raised. */
@Injectable()
export class ConsultationRepository {
  constructor(private readonly transactions: TransactionHost) {}

  private db(manager?: EntityManager): EntityManager {
    return this.transactions.manager(manager);
  }

  /** Every consultation, or those in which the given user is a named contact. */
  async list(contactUserId: string | null): Promise<ConsultationRow[]> {
    return this.db().query(
      `SELECT ${CONSULTATION_COLUMNS} FROM consultations c JOIN strategies s ON s.id = c.strategy_id
        WHERE $1::uuid IS NULL
           OR EXISTS (SELECT 1 FROM consultation_contacts cc WHERE cc.consultation_id = c.id AND cc.user_id = $1)
        ORDER BY c.deadline DESC, c.created_at DESC`,
      [contactUserId],
    );
  }

  /** The organisations the user is a named contact of in this consultation (empty: not a contact). */
  async contactOrganisations(consultationId: string, userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db().query(
      `SELECT cc.organisation_id AS id FROM consultation_contacts cc JOIN users u ON u.id = cc.user_id AND u.active
        WHERE cc.consultation_id = $1 AND cc.user_id = $2`,
      [consultationId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Per asked organisation its named contacts. */
  async contacts(
    consultationId: string,
  ): Promise<Array<{ organisationId: string; userId: string; displayName: string }>> {
    return this.db().query(
      `SELECT cc.organisation_id AS "organisationId", u.id AS "userId", u.display_name AS "displayName"
         FROM consultation_contacts cc JOIN users u ON u.id = cc.user_id
        WHERE cc.consultation_id = $1
        ORDER BY u.display_name`,
      [consultationId],
    );
  }

  /** Which of these user ids are not active users of the organisation. */
  async usersOutside(organisationId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: Array<{ id: string }> = await this.db().query(
      'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND active',
      [userIds, organisationId],
    );
    const found = new Set(rows.map((r) => r.id));
    return userIds.filter((id) => !found.has(id));
  }

  /** Replaces an organisation's contacts; returns who is named now and was not before (they are told). */
  async replaceContacts(
    consultationId: string,
    organisationId: string,
    userIds: string[],
    manager: EntityManager,
  ): Promise<string[]> {
    const before: Array<{ user_id: string }> = await manager.query(
      `WITH removed AS (
         DELETE FROM consultation_contacts WHERE consultation_id = $1 AND organisation_id = $2 RETURNING user_id)
       SELECT user_id FROM removed`,
      [consultationId, organisationId],
    );
    if (userIds.length)
      await manager.query(
        `INSERT INTO consultation_contacts (consultation_id, organisation_id, user_id)
         SELECT $1, $2, unnest($3::uuid[])`,
        [consultationId, organisationId, userIds],
      );
    const had = new Set(before.map((r) => r.user_id));
    return userIds.filter((id) => !had.has(id));
  }

  async addOrganisations(consultationId: string, organisationIds: string[], manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO consultation_responses (consultation_id, organisation_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [consultationId, organisationIds],
    );
  }

  /** Removes asked organisations (their contacts go with them); the caller checked they have no answer. */
  async removeOrganisations(consultationId: string, organisationIds: string[], manager: EntityManager): Promise<void> {
    await manager.query(
      'DELETE FROM consultation_responses WHERE consultation_id = $1 AND organisation_id = ANY($2::uuid[])',
      [consultationId, organisationIds],
    );
  }

  /** Of these organisations, those that answered or have points recorded. */
  async withAnswerOrPoints(consultationId: string, organisationIds: string[]): Promise<string[]> {
    if (!organisationIds.length) return [];
    const rows: Array<{ id: string }> = await this.db().query(
      `SELECT r.organisation_id AS id FROM consultation_responses r
        WHERE r.consultation_id = $1 AND r.organisation_id = ANY($2::uuid[])
          AND (r.outcome IS NOT NULL
               OR EXISTS (SELECT 1 FROM consultation_points p
                           WHERE p.consultation_id = r.consultation_id AND p.organisation_id = r.organisation_id))`,
      [consultationId, organisationIds],
    );
    return rows.map((r) => r.id);
  }

  async organisationNames(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: Array<{ name: string }> = await this.db().query(
      'SELECT name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name',
      [ids],
    );
    return rows.map((r) => r.name);
  }

  /** The active contacts of the organisations that have not answered yet: who hears of a change. */
  async contactsWithoutAnswer(consultationId: string, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT DISTINCT cc.user_id AS id
         FROM consultation_contacts cc
         JOIN consultation_responses r ON r.consultation_id = cc.consultation_id
                                      AND r.organisation_id = cc.organisation_id AND r.outcome IS NULL
         JOIN users u ON u.id = cc.user_id AND u.active
        WHERE cc.consultation_id = $1`,
      [consultationId],
    );
    return rows.map((r) => r.id);
  }

  async insertChange(
    consultationId: string,
    change: { userId: string; changes: object; note: string; notified: number },
    manager: EntityManager,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO consultation_changes (consultation_id, changed_by, changes, note, notified)
       VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`,
      [consultationId, change.userId, JSON.stringify(change.changes), change.note, change.notified],
    );
    return id as string;
  }

  async setNotified(changeId: string, notified: number, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE consultation_changes SET notified = $2 WHERE id = $1', [changeId, notified]);
  }

  /** The history of changes after the offer, newest first. */
  async changes(consultationId: string): Promise<
    Array<{
      id: string;
      changedAt: Date;
      changedByName: string | null;
      changes: object;
      note: string;
      notified: number;
    }>
  > {
    return this.db().query(
      `SELECT ch.id, ch.changed_at AS "changedAt", u.display_name AS "changedByName", ch.changes, ch.note, ch.notified
         FROM consultation_changes ch LEFT JOIN users u ON u.id = ch.changed_by
        WHERE ch.consultation_id = $1
        ORDER BY ch.changed_at DESC, ch.id`,
      [consultationId],
    );
  }

  async find(id: string, manager?: EntityManager): Promise<ConsultationRow | null> {
    const rows: ConsultationRow[] = await this.db(manager).query(
      `SELECT ${CONSULTATION_COLUMNS} FROM consultations c JOIN strategies s ON s.id = c.strategy_id WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async isAsked(id: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await this.db().query(
      'SELECT 1 FROM consultation_responses WHERE consultation_id = $1 AND organisation_id = $2',
      [id, organisationId],
    );
    return rows.length > 0;
  }

  async strategy(id: string): Promise<{ id: string; title: string; status: string } | null> {
    const rows: Array<{ id: string; title: string; status: string }> = await this.db().query(
      'SELECT id, title, status FROM strategies WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** Which of these ids are organisations (of any type), with their type. */
  async organisations(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; type: string }> = await this.db().query(
      'SELECT id, type FROM organisations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.type]));
  }

  async insert(
    input: { strategyId: string; title: string; documentReference: string; offeredOn: string; deadline: string },
    organisationIds: string[],
    userId: string,
    manager: EntityManager,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO consultations (strategy_id, title, document_reference, offered_on, deadline, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.strategyId, input.title, input.documentReference, input.offeredOn, input.deadline, userId],
    );
    await manager.query(
      `INSERT INTO consultation_responses (consultation_id, organisation_id)
       SELECT $1, unnest($2::uuid[])`,
      [id, organisationIds],
    );
    return id as string;
  }

  async markStrategyInConsultation(strategyId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE strategies SET status = 'consultatie', updated_at = now() WHERE id = $1 AND status = 'concept'`,
      [strategyId],
    );
  }

  async update(
    id: string,
    changes: { title?: string; documentReference?: string; deadline?: string; closed?: boolean },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE consultations SET title = coalesce($2, title), document_reference = coalesce($3, document_reference),
              deadline = coalesce($4::date, deadline),
              closed_at = CASE WHEN $5::boolean IS NULL THEN closed_at WHEN $5 THEN coalesce(closed_at, now()) ELSE NULL END,
              updated_at = now()
        WHERE id = $1`,
      [id, changes.title ?? null, changes.documentReference ?? null, changes.deadline ?? null, changes.closed ?? null],
    );
  }

  async responses(id: string): Promise<ResponseRow[]> {
    return this.db().query(
      `SELECT r.id, r.organisation_id AS "organisationId", o.name AS "organisationName", d.name AS "districtName",
              to_char(r.decided_on, 'YYYY-MM-DD') AS "decidedOn", r.outcome, r.text,
              r.decision_reference AS "decisionReference", r.on_behalf AS "onBehalf",
              u.display_name AS "enteredByName", r.answered_at AS "answeredAt"
         FROM consultation_responses r
         JOIN organisations o ON o.id = r.organisation_id
         LEFT JOIN districts d ON d.id = o.district_id
         LEFT JOIN users u ON u.id = r.entered_by
        WHERE r.consultation_id = $1
        ORDER BY o.name`,
      [id],
    );
  }

  async response(id: string, organisationId: string): Promise<ResponseRow | null> {
    return (await this.responses(id)).find((r) => r.organisationId === organisationId) ?? null;
  }

  async saveResponse(
    id: string,
    organisationId: string,
    answer: {
      decidedOn: string;
      outcome: ConsultationOutcome;
      text: string;
      decisionReference: string;
      onBehalf: boolean;
      userId: string;
    },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE consultation_responses
          SET decided_on = $3, outcome = $4, text = $5, decision_reference = $6, on_behalf = $7, entered_by = $8,
              answered_at = coalesce(answered_at, now()), updated_at = now()
        WHERE consultation_id = $1 AND organisation_id = $2`,
      [
        id,
        organisationId,
        answer.decidedOn,
        answer.outcome,
        answer.text,
        answer.decisionReference,
        answer.onBehalf,
        answer.userId,
      ],
    );
  }

  async points(consultationId: string, manager?: EntityManager): Promise<PointRow[]> {
    return this.db(manager).query(
      `SELECT ${POINT_COLUMNS} FROM consultation_points WHERE consultation_id = $1 ORDER BY organisation_id, position`,
      [consultationId],
    );
  }

  async point(id: string, manager?: EntityManager): Promise<PointRow | null> {
    const rows: PointRow[] = await this.db(manager).query(
      `SELECT ${POINT_COLUMNS} FROM consultation_points WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async consultationOfPoint(id: string): Promise<string | null> {
    const rows: Array<{ consultation_id: string }> = await this.db().query(
      'SELECT consultation_id FROM consultation_points WHERE id = $1',
      [id],
    );
    return rows[0]?.consultation_id ?? null;
  }

  async insertPoint(
    consultationId: string,
    organisationId: string,
    kind: ConsultationPointKind,
    text: string,
    manager: EntityManager,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO consultation_points (consultation_id, organisation_id, position, kind, text)
       VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM consultation_points
                         WHERE consultation_id = $1 AND organisation_id = $2), $3, $4)
       RETURNING id`,
      [consultationId, organisationId, kind, text],
    );
    return id as string;
  }

  async updatePoint(
    id: string,
    fields: { kind: ConsultationPointKind; text: string; response: PointResponse | null; reason: string },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE consultation_points SET kind = $2, text = $3, response = $4, reason = $5, updated_at = now() WHERE id = $1`,
      [id, fields.kind, fields.text, fields.response, fields.reason],
    );
  }

  async deletePoint(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM consultation_points WHERE id = $1', [id]);
  }

  /**
   * Reminders for the contacts of organisations that have not answered an open consultation: one "binnenkort"
   * when the deadline is `soonDays` away or nearer, one "verlopen" after it, to the organisation's named
   * contacts (active users). The dedupe key holds the deadline, so a moved deadline reminds again.
   */
  async dueReminders(
    today: string,
    soonUntil: string,
    manager: EntityManager,
  ): Promise<
    Array<{
      userId: string;
      consultationId: string;
      title: string;
      deadline: string;
      organisationId: string;
      late: boolean;
    }>
  > {
    return manager.query(
      `SELECT u.id AS "userId", c.id AS "consultationId", c.title, to_char(c.deadline, 'YYYY-MM-DD') AS deadline,
              r.organisation_id AS "organisationId", c.deadline < $1::date AS late
         FROM consultations c
         JOIN consultation_responses r ON r.consultation_id = c.id AND r.outcome IS NULL
         JOIN consultation_contacts cc ON cc.consultation_id = r.consultation_id AND cc.organisation_id = r.organisation_id
         JOIN users u ON u.id = cc.user_id AND u.active
        WHERE c.closed_at IS NULL AND c.deadline <= $2::date
        ORDER BY c.id, u.id`,
      [today, soonUntil],
    );
  }
}
