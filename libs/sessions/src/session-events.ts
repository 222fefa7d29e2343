import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@koers/core';
import type { SessionSummary } from './session.model';
import { SessionRepository } from './session.repository';

/**
 * Committed changes to a werkgroep's sessions, in the one event map (EventBus of @koers/core), for live lists
 * (the /live socket relays `session` to the werkgroep's room). A change to the agenda, the attendance or the
 * decisions is an update of its session: the event carries the session as the list shows it, with its counts.
 */
declare module '@koers/core' {
  interface DomainEvents {
    'session.created': { workgroupId: string; session: SessionSummary };
    'session.updated': { workgroupId: string; session: SessionSummary };
    'session.deleted': { workgroupId: string; session: { id: string; workgroupId: string } };
  }
}

export type SessionEventName = 'session.created' | 'session.updated' | 'session.deleted';
export const SESSION_EVENTS: readonly SessionEventName[] = ['session.created', 'session.updated', 'session.deleted'];

/** Publishes a session's change with the session as the list shows it. */
@Injectable()
export class SessionEvents {
  private readonly logger = new Logger('SessionEvents');

  constructor(
    private readonly repository: SessionRepository,
    private readonly bus: EventBus,
  ) {}

  /**
   * Announces a committed creation or change. Called after the transaction; the change is already
   * stored, so a failure to announce it is logged and never fails the request.
   */
  async changed(type: 'session.created' | 'session.updated', sessionId: string): Promise<void> {
    try {
      const session = await this.repository.findSummary(sessionId, new Date());
      if (session) this.bus.publish(type, { workgroupId: session.workgroupId, session });
    } catch (err) {
      this.logger.error(`Could not announce ${type} of ${sessionId}: ${(err as Error).message}`);
    }
  }

  deleted(session: { id: string; workgroupId: string }): void {
    this.bus.publish('session.deleted', {
      workgroupId: session.workgroupId,
      session: { id: session.id, workgroupId: session.workgroupId },
    });
  }
}
