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

  /** Every consultation, or those that asked the given organisation. */
  async list(organisationId: string | null): Promise<ConsultationRow[]> {
    return this.db().query(
      `SELECT ${CONSULTATION_COLUMNS} FROM consultations c JOIN strategies s ON s.id = c.strategy_id
        WHERE $1::uuid IS NULL
           OR EXISTS (SELECT 1 FROM consultation_responses r WHERE r.consultation_id = c.id AND r.organisation_id = $1)
        ORDER BY c.deadline DESC, c.created_at DESC`,
      [organisationId],
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
   * when the deadline is `soonDays` away or nearer, one "verlopen" after it. Contacts are the active users of
   * the organisation. The dedupe key holds the deadline, so a moved deadline reminds again.
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
         JOIN users u ON u.organisation_id = r.organisation_id AND u.active
        WHERE c.closed_at IS NULL AND c.deadline <= $2::date
        ORDER BY c.id, u.id`,
      [today, soonUntil],
    );
  }
}
