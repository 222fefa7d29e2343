import { Injectable, Logger } from '@nestjs/common';
import type { SessionSummary } from './session.model';
import { SessionRepository } from './session.repository';

/**
 * Committed changes to a werkgroep's sessions, for live lists (the /live socket relays `session` to the
 * werkgroep's room). A change to the agenda, the attendance or the decisions is an update of its session:
 * the event carries the session as the list shows it, with its counts.
 */
export type SessionEvent =
  | { type: 'session.created' | 'session.updated'; workgroupId: string; session: SessionSummary }
  | { type: 'session.deleted'; workgroupId: string; session: { id: string; workgroupId: string } };

@Injectable()
export class SessionEvents {
  private readonly logger = new Logger('SessionEvents');
  private readonly listeners: Array<(event: SessionEvent) => void> = [];

  constructor(private readonly repository: SessionRepository) {}

  onEvent(listener: (event: SessionEvent) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Announces a committed creation or change. Called after the transaction; the change is already
   * stored, so a failure to announce it is logged and never fails the request.
   */
  async changed(type: 'session.created' | 'session.updated', sessionId: string): Promise<void> {
    try {
      const session = await this.repository.findSummary(sessionId, new Date());
      if (session) this.publish({ type, workgroupId: session.workgroupId, session });
    } catch (err) {
      this.logger.error(`Could not announce ${type} of ${sessionId}: ${(err as Error).message}`);
    }
  }

  deleted(session: { id: string; workgroupId: string }): void {
    this.publish({
      type: 'session.deleted',
      workgroupId: session.workgroupId,
      session: { id: session.id, workgroupId: session.workgroupId },
    });
  }

  private publish(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
