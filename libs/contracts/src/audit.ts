import type { IsoDateTime, Page, Uuid } from './common';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One line of the append-only audit log. */
export interface AuditEntry {
  id: string;
  occurredAt: IsoDateTime;
  actorId: Uuid | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  workgroupId: Uuid | null;
  outcome: AuditOutcome;
  summary: Record<string, unknown>;
  ip: string | null;
}

export type AuditPage = Page<AuditEntry>;

export interface AuditFilters {
  action?: string;
  outcome?: string;
  entityType?: string;
  actorId?: Uuid;
  workgroupId?: Uuid;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}
