import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, inUseConflict, toStorableText } from '@koers/core';
import { AuditOutcome } from './audit-entry.entity';
import { AuditQuery, AuditRepository } from './audit.repository';

/** Who did it: the parts of an authenticated caller the audit log keeps. */
export interface AuditActor {
  userId: string | null;
  email: string | null;
  ip: string | null;
  /** Set for a socket's events: its repeated refusals are counted, not written one by one. */
  connectionId?: string;
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  workgroupId?: string | null;
  summary?: Record<string, unknown>;
}

/** A socket's refusals of the same thing within this window after the first are written as one entry. */
const REPEAT_WINDOW_MS = 60_000;

interface RepeatedRefusal {
  actor: AuditActor;
  event: AuditEvent;
  count: number;
  timer: NodeJS.Timeout;
}

/** Keys that must never reach the log, whatever a caller passes in a summary. */
const SECRET_KEYS = /pass(word)?|token|secret|hash|cookie|authorization/i;

@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private readonly repeats = new Map<string, RepeatedRefusal>();

  constructor(private readonly repository: AuditRepository) {}

  /** Writes the counts of repeated refusals before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.repeats.keys()].map((key) => this.writeRepeats(key)));
  }

  /** Records a change. Pass the transaction's manager so the change and its entry commit together. */
  recordChange(actor: AuditActor, event: AuditEvent, manager?: EntityManager): Promise<void> {
    return this.record(actor, event, 'success', manager);
  }

  /**
   * Records a refused attempt. Never throws: failing to write a denial must not turn a 403 into a 500,
   * but it is logged loudly.
   */
  async recordDenied(actor: AuditActor, event: AuditEvent): Promise<void> {
    // A socket repeating a refused event (300 joins a second) gets its first refusal written at once and
    // the rest as one entry with a count when the window closes, not a row each.
    if (actor.connectionId) {
      const key = [actor.connectionId, event.action, event.entityType, event.entityId ?? ''].join('|');
      const repeat = this.repeats.get(key);
      if (repeat) {
        repeat.count++;
        return;
      }
      const timer = setTimeout(() => void this.writeRepeats(key), REPEAT_WINDOW_MS);
      timer.unref();
      this.repeats.set(key, { actor, event, count: 0, timer });
    }
    try {
      await this.record(actor, event, 'denied');
    } catch (err) {
      this.logger.error(`Could not write audit entry for denied ${event.action}: ${(err as Error).message}`);
    }
  }

  private async writeRepeats(key: string): Promise<void> {
    const repeat = this.repeats.get(key);
    if (!repeat) return;
    this.repeats.delete(key);
    clearTimeout(repeat.timer);
    if (repeat.count === 0) return;
    const { actor, event, count } = repeat;
    try {
      await this.record(actor, { ...event, summary: { ...event.summary, repeated: count } }, 'denied');
    } catch (err) {
      this.logger.error(`Could not write audit entry for repeated ${event.action}: ${(err as Error).message}`);
    }
  }

  async recordFailed(actor: AuditActor, event: AuditEvent): Promise<void> {
    try {
      await this.record(actor, event, 'failed');
    } catch (err) {
      this.logger.error(`Could not write audit entry for failed ${event.action}: ${(err as Error).message}`);
    }
  }

  /**
   * Runs a delete; when the database refuses it because other rows still depend on the item, the refusal
   * is audited and answered with a 409 that names them (not a bare constraint error).
   */
  async deleteUnlessInUse<T>(actor: AuditActor, event: AuditEvent, what: string, remove: () => Promise<T>): Promise<T> {
    try {
      return await remove();
    } catch (err) {
      // Either the service's own check ("still has priorities") or the database's foreign key said no.
      const checked = err instanceof DomainError && err.code === ErrorCode.Conflict ? err : null;
      const inUse = checked ? null : inUseConflict(err, what);
      if (!checked && !inUse) throw err;
      await this.recordDenied(actor, {
        ...event,
        summary: { ...event.summary, reason: 'in_use', dependants: inUse?.dependants ?? 'checked' },
      });
      throw checked ?? inUse!.error;
    }
  }

  page(query: AuditQuery) {
    return this.repository.page(query);
  }

  private record(actor: AuditActor, event: AuditEvent, outcome: AuditOutcome, manager?: EntityManager): Promise<void> {
    return this.repository.insert(
      {
        actorId: actor.userId,
        actorEmail: actor.email === null ? null : toStorableText(actor.email),
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId ?? null,
        workgroupId: event.workgroupId ?? null,
        outcome,
        summary: storable(redact(event.summary ?? {})),
        ip: actor.ip,
      },
      manager,
    );
  }
}

export function redact(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // A flag such as passwordReset: true says that something happened, not what: it stays readable.
    if (SECRET_KEYS.test(key) && typeof inner !== 'boolean') out[key] = '[verborgen]';
    else if (inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Date))
      out[key] = redact(inner as Record<string, unknown>);
    else out[key] = inner;
  }
  return out;
}

/**
 * The audit write must succeed whatever text reaches it (socket payloads, old rows in a diff): characters
 * PostgreSQL cannot store in jsonb (NUL, lone surrogates) become U+FFFD instead of failing the change.
 */
function storable(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value), (_, inner: unknown) =>
    typeof inner === 'string' ? toStorableText(inner) : inner,
  ) as Record<string, unknown>;
}

/** The fields that differ between two versions of a record, as { field: { from, to } }. */
export function diffFields<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    const from = before[key];
    const to = after[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[key as string] = { from, to };
  }
  return changes;
}
