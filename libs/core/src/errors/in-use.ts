import { QueryFailedError } from 'typeorm';
import { PG_FOREIGN_KEY_VIOLATION, PG_RESTRICT_VIOLATION, pgErrorCode } from '../database/pg-errors';
import { conflict, DomainError } from './domain-error';

/** What a referencing table holds, in the words of the screens. */
const DEPENDANTS: Record<string, string> = {
  progress_reports: 'voortgangsrapportages',
  progress_report_versions: 'ingediende rapportageversies',
  reporting_cycles: 'rapportagecycli',
  indicators: 'indicatoren',
  themes: 'prioriteiten',
  workgroups: 'een werkgroep',
  users: 'gebruikers',
};

/**
 * A delete the database refused because other rows still point at the item (ON DELETE RESTRICT), as a 409
 * that says what depends on it; `null` for any other error. `what` names the item ("De werkgroep").
 */
export function inUseConflict(err: unknown, what: string): { error: DomainError; dependants: string } | null {
  const code = pgErrorCode(err);
  if (code !== PG_FOREIGN_KEY_VIOLATION && code !== PG_RESTRICT_VIOLATION) return null;
  const driverError: unknown = err instanceof QueryFailedError ? err.driverError : err;
  const table = (driverError as { table?: string } | undefined)?.table ?? '';
  const dependants = DEPENDANTS[table] ?? 'andere gegevens';
  return {
    error: conflict(
      `${what} kan niet worden verwijderd: er hangen nog ${dependants} aan. Verwijder of verplaats die eerst.`,
    ),
    dependants: table || 'unknown',
  };
}
