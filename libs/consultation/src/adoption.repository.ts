import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';
import type { PeriodWorkgroup, StrategyAdoption } from '@koers/contracts';

export interface StrategyState {
  id: string;
  title: string;
  status: string;
  version: number;
}

/** A later strategy of the same region (a new period) that has been adopted; `$s` is the old strategy's id. */
const ADOPTED_SUCCESSOR = (strategy: string) => `SELECT n.id, n.title FROM strategies o
    JOIN strategies n ON n.region_id = o.region_id AND n.period_start > o.period_start
                     AND n.status IN ('vastgesteld', 'afgesloten')
   WHERE o.id = ${strategy} ORDER BY n.period_start LIMIT 1`;

const WORKGROUP_COLUMNS = `w.id, w.name, w.theme_id AS "themeId", t.title AS "themeTitle", t.strategy_id AS "strategyId",
  w.archived_at AS "archivedAt", w.archive_note AS "archiveNote",
  EXISTS (${ADOPTED_SUCCESSOR('t.strategy_id')}) AS "newPeriodAdopted",
  (w.archived_at IS NOT NULL AND NOT EXISTS (${ADOPTED_SUCCESSOR('t.strategy_id')})) AS "canUndoDischarge"`;

/** The queries of adoption and the turn of the period: the strategy's status, the werkgroepen of its themes. */
@Injectable()
export class AdoptionRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async strategy(id: string, manager?: EntityManager): Promise<StrategyState | null> {
    const rows: StrategyState[] = await this.transactions
      .manager(manager)
      .query('SELECT id, title, status, version FROM strategies WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  async adoption(id: string): Promise<StrategyAdoption> {
    const [row] = await this.transactions.manager().query(
      `SELECT s.id AS "strategyId", s.status, to_char(s.adopted_on, 'YYYY-MM-DD') AS "adoptedOn",
              s.adopted_by AS "adoptedBy", s.adoption_reference AS "adoptionReference",
              s.adopted_by_body_id AS "adoptedByBodyId", m.id AS "adoptedAtMeetingId",
              m.title AS "adoptedAtMeetingTitle", m.starts_at AS "adoptedAtMeetingStartsAt"
         FROM strategies s
         LEFT JOIN workgroup_sessions m ON m.id = s.adopted_at_meeting_id AND m.deleted_at IS NULL
        WHERE s.id = $1`,
      [id],
    );
    const adoption = row as StrategyAdoption;
    return {
      ...adoption,
      adoptedAtMeetingStartsAt: adoption.adoptedAtMeetingStartsAt
        ? new Date(adoption.adoptedAtMeetingStartsAt).toISOString()
        : null,
    };
  }

  /** The region's name for its board ("Regionaal Veiligheidscollege"), from the region's vocabulary. */
  async boardName(strategyId: string): Promise<string> {
    const rows: Array<{ board_name: string }> = await this.transactions
      .manager()
      .query('SELECT r.board_name FROM strategies s JOIN regions r ON r.id = s.region_id WHERE s.id = $1', [
        strategyId,
      ]);
    return rows[0]?.board_name ?? 'Regionaal Veiligheidscollege';
  }

  /** A governance body of the strategy's region, by id. */
  async body(strategyId: string, bodyId: string): Promise<{ id: string; name: string } | null> {
    const rows: Array<{ id: string; name: string }> = await this.transactions.manager().query(
      `SELECT b.id, b.name FROM governance_bodies b JOIN strategies s ON s.region_id = b.region_id
        WHERE s.id = $1 AND b.id = $2`,
      [strategyId, bodyId],
    );
    return rows[0] ?? null;
  }

  /** Whether the meeting is a (not deleted) meeting of the body. */
  async isMeetingOf(bodyId: string, meetingId: string): Promise<boolean> {
    const rows: unknown[] = await this.transactions
      .manager()
      .query('SELECT 1 FROM workgroup_sessions WHERE id = $1 AND body_id = $2 AND deleted_at IS NULL', [
        meetingId,
        bodyId,
      ]);
    return rows.length > 0;
  }

  async adopt(
    id: string,
    input: { adoptedOn: string; adoptedBy: string; reference: string; bodyId: string | null; meetingId: string | null },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE strategies SET status = 'vastgesteld', adopted_on = $2, adopted_by = $3, adoption_reference = $4,
              adopted_by_body_id = $5, adopted_at_meeting_id = $6, updated_at = now()
        WHERE id = $1`,
      [id, input.adoptedOn, input.adoptedBy, input.reference, input.bodyId, input.meetingId],
    );
  }

  async close(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE strategies SET status = 'afgesloten', updated_at = now() WHERE id = $1`, [id]);
  }

  async workgroupsOf(strategyId: string): Promise<PeriodWorkgroup[]> {
    const rows: PeriodWorkgroup[] = await this.transactions.manager().query(
      `SELECT ${WORKGROUP_COLUMNS} FROM workgroups w JOIN themes t ON t.id = w.theme_id
        WHERE t.strategy_id = $1 ORDER BY t.position, w.name`,
      [strategyId],
    );
    return rows.map(wire);
  }

  async workgroup(id: string, manager?: EntityManager): Promise<PeriodWorkgroup | null> {
    const rows: PeriodWorkgroup[] = await this.transactions
      .manager(manager)
      .query(`SELECT ${WORKGROUP_COLUMNS} FROM workgroups w JOIN themes t ON t.id = w.theme_id WHERE w.id = $1`, [id]);
    return rows[0] ? wire(rows[0]) : null;
  }

  async theme(id: string): Promise<{
    id: string;
    strategyId: string;
    archived: boolean;
    strategyStatus: string;
    hasWorkgroup: boolean;
  } | null> {
    const rows = await this.transactions.manager().query(
      `SELECT t.id, t.strategy_id AS "strategyId", t.archived_at IS NOT NULL AS archived, s.status AS "strategyStatus",
              EXISTS (SELECT 1 FROM workgroups w WHERE w.theme_id = t.id) AS "hasWorkgroup"
         FROM themes t JOIN strategies s ON s.id = t.strategy_id WHERE t.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async moveWorkgroup(id: string, themeId: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE workgroups SET theme_id = $2, updated_at = now() WHERE id = $1', [id, themeId]);
  }

  /** The first later strategy of the region that is adopted: once it exists, a discharge stands. */
  async adoptedSuccessor(strategyId: string, manager?: EntityManager): Promise<{ id: string; title: string } | null> {
    const rows: Array<{ id: string; title: string }> = await this.transactions
      .manager(manager)
      .query(ADOPTED_SUCCESSOR('$1'), [strategyId]);
    return rows[0] ?? null;
  }

  /** Undoes a discharge: active again. False when it was not (or no longer) archived. */
  async reinstateWorkgroup(id: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH reinstated AS (
         UPDATE workgroups SET archived_at = NULL, archive_note = '', updated_at = now()
          WHERE id = $1 AND archived_at IS NOT NULL RETURNING id)
       SELECT id FROM reinstated`,
      [id],
    );
    return rows.length > 0;
  }

  async archiveWorkgroup(id: string, note: string, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE workgroups SET archived_at = now(), archive_note = $2, updated_at = now() WHERE id = $1 AND archived_at IS NULL',
      [id, note],
    );
  }
}

function wire(row: PeriodWorkgroup): PeriodWorkgroup {
  return { ...row, archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null };
}
