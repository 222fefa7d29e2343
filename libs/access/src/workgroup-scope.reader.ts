import { Injectable } from '@nestjs/common';
import { isUuid, TransactionHost } from '@koers/core';

/** Everything a route can address by id that belongs to one werkgroep. */
export type WorkgroupScoped =
  | 'workgroup'
  | 'action'
  | 'document'
  | 'comment'
  | 'session'
  | 'agenda_item'
  | 'decision'
  | 'indicator'
  | 'measurement'
  | 'progress_report';

/** How the answer names the thing when it does not exist (or the caller may not know it does). */
export const SCOPE_NAMES: Record<WorkgroupScoped, string> = {
  workgroup: 'De werkgroep',
  action: 'De actie',
  document: 'Het document',
  comment: 'De opmerking',
  session: 'De sessie',
  agenda_item: 'Het agendapunt',
  decision: 'Het besluit',
  indicator: 'De indicator',
  measurement: 'De meting',
  progress_report: 'De voortgangsrapportage',
};

const WORKGROUP_OF: Record<WorkgroupScoped, string> = {
  workgroup: 'SELECT id AS workgroup_id FROM workgroups WHERE id = $1',
  action: 'SELECT workgroup_id FROM actions WHERE id = $1 AND deleted_at IS NULL',
  document: 'SELECT workgroup_id FROM documents WHERE id = $1',
  comment: 'SELECT d.workgroup_id FROM document_comments c JOIN documents d ON d.id = c.document_id WHERE c.id = $1',
  session: 'SELECT workgroup_id FROM workgroup_sessions WHERE id = $1 AND deleted_at IS NULL',
  agenda_item:
    'SELECT s.workgroup_id FROM session_agenda_items i JOIN workgroup_sessions s ON s.id = i.session_id WHERE i.id = $1 AND s.deleted_at IS NULL',
  decision:
    'SELECT s.workgroup_id FROM session_decisions x JOIN workgroup_sessions s ON s.id = x.session_id WHERE x.id = $1 AND s.deleted_at IS NULL',
  indicator: 'SELECT workgroup_id FROM indicators WHERE id = $1 AND deleted_at IS NULL',
  measurement:
    'SELECT i.workgroup_id FROM indicator_measurements m JOIN indicators i ON i.id = m.indicator_id WHERE m.id = $1 AND m.deleted_at IS NULL AND i.deleted_at IS NULL',
  progress_report: 'SELECT workgroup_id FROM progress_reports WHERE id = $1',
};

/** The werkgroep an addressed item belongs to, so access can be decided from the route alone. */
@Injectable()
export class WorkgroupScopeReader {
  constructor(private readonly transactions: TransactionHost) {}

  async workgroupOf(kind: WorkgroupScoped, id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const rows: Array<{ workgroup_id: string }> = await this.transactions.manager().query(WORKGROUP_OF[kind], [id]);
    return rows[0]?.workgroup_id ?? null;
  }
}
