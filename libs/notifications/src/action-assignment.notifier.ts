import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ActionEvent, ActionEvents } from '@koers/actions';
import { actionLink, dutchDate } from './notification.model';
import { NotificationService } from './notification.service';

/**
 * "Toegewezen": tells the new owner when an action is created for them or handed to them. Not when one
 * assigns oneself, and not on other updates of an action one already owns.
 */
@Injectable()
export class ActionAssignmentNotifier implements OnModuleInit {
  private readonly logger = new Logger(ActionAssignmentNotifier.name);
  private pending = new Set<Promise<unknown>>();

  constructor(
    private readonly actionEvents: ActionEvents,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.actionEvents.onEvent((event) => {
      const work = this.handle(event).catch((err: Error) =>
        this.logger.error(`Could not notify an assignment: ${err.message}`),
      );
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    });
  }

  /** Resolves when every notification started so far is written (tests and shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async handle(event: ActionEvent): Promise<void> {
    if (event.type === 'action.deleted') return;
    const { action } = event;
    const ownerId = action.ownerId;
    if (!ownerId || ownerId === event.actorId) return;
    if (event.type === 'action.updated' && (event.previousOwnerId === undefined || event.previousOwnerId === ownerId))
      return;
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
