import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ActionView } from '@koers/actions';
import { BackgroundWork, EventBus } from '@koers/core';
import { actionLink, dutchDate } from './notification.model';
import { NotificationService } from './notification.service';

/** A notification that fails to be written is tried again: it is the only trace of the assignment. */
const RETRIES = 3;

/**
 * "Toegewezen": tells the new owner when an action is created for them or handed to them. Not when one
 * assigns oneself, and not on other updates of an action one already owns.
 */
@Injectable()
export class ActionAssignmentNotifier implements OnModuleInit {
  private readonly background = new BackgroundWork();

  constructor(
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.events.on(
      'action.created',
      'assignment notifications',
      ({ action, actorId }) => this.background.track(this.assigned(action, actorId)),
      { retries: RETRIES },
    );
    this.events.on(
      'action.updated',
      'assignment notifications',
      ({ action, actorId, previousOwnerId }) =>
        previousOwnerId === action.ownerId ? undefined : this.background.track(this.assigned(action, actorId)),
      { retries: RETRIES },
    );
  }

  /** Resolves when every notification started so far is written (tests and shutdown). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  private async assigned(action: ActionView, actorId: string): Promise<void> {
    const ownerId = action.ownerId;
    if (!ownerId || ownerId === actorId) return;
    const due = action.dueDate ? ` (deadline ${dutchDate(action.dueDate)})` : '';
    await this.notifications.notify({
      userId: ownerId,
      kind: 'toegewezen',
      title: `Actie aan u toegewezen: ${action.title}${due}`,
      entityType: 'action',
      entityId: action.id,
      workgroupId: action.workgroupId,
      link: actionLink(action.workgroupId, action.id),
    });
  }
}
