import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, FieldError } from '../errors/domain-error';

/** The tables whose rows carry a `version` (migration AddRowVersions). */
export type VersionedTable =
  | 'organisations'
  | 'users'
  | 'strategies'
  | 'themes'
  | 'focus_areas'
  | 'workgroups'
  | 'actions'
  | 'documents'
  | 'workgroup_sessions'
  | 'session_agenda_items'
  | 'session_decisions'
  | 'knowledge_items'
  | 'document_comments'
  | 'reporting_cycles'
  | 'indicators'
  | 'progress_reports'
  | 'inventories'
  | 'inventory_responses'
  | 'contributions'
  | 'budget_lines'
  | 'consultations'
  | 'consultation_points'
  | 'governance_bodies'
  | 'regions'
  | 'districts';

const STALE_MESSAGE = 'Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe versie en kies wat u wilt bewaren.';

/**
 * A change was based on an older version than the one stored. `current` is the resource as it is now (as
 * its GET shows it), so the client can show what changed without another request; absent only when the
 * race was lost between reading and locking (the client then reloads).
 */
export class StaleVersionError extends DomainError {
  constructor(
    public readonly current?: unknown,
    fields?: FieldError[],
  ) {
    super(ErrorCode.StaleVersion, STALE_MESSAGE, fields);
  }
}

/**
 * Refuses a change based on an older version: `current` is the resource as just read (with its
 * `version`), `expected` what the client sent (If-Match or `version`); without it anything goes, so
 * older clients keep working.
 */
export function assertVersion(current: { version: number }, expected: number | undefined): void {
  if (expected !== undefined && expected !== current.version) throw new StaleVersionError(current);
}

/**
 * The check inside the transaction that writes: locks the row so no other writer can slip in between the
 * check and the write. Call it first in the transaction; `expected` undefined locks nothing. `currentView`
 * reads the resource as its GET shows it (in this transaction) for the error.
 */
export async function lockVersion(
  manager: EntityManager,
  table: VersionedTable,
  id: string,
  expected: number | undefined,
  currentView?: (manager: EntityManager) => Promise<unknown>,
): Promise<void> {
  if (expected === undefined) return;
  const rows: Array<{ version: number }> = await manager.query(
    `SELECT version FROM ${table} WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (rows.length && rows[0].version !== expected)
    throw new StaleVersionError(currentView ? await currentView(manager) : undefined);
}
