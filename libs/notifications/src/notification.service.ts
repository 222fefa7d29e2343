import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { addDays, APP_CONFIG, AppConfig, EventBus, notFound, todayInNetherlands, TransactionHost } from '@koers/core';
import type { EntityManager } from 'typeorm';
import { AttentionAction, NewNotification, NotificationView } from './notification.model';
import { InsertedNotification, NotificationRepository } from './notification.repository';

export type { InsertedNotification };

/** The bell: one's own notifications, read marks, and creating notifications (with a live push). */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);

  constructor(
    private readonly repository: NotificationRepository,
    private readonly transactions: TransactionHost,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The caller's notifications, newest first, with the unread count for the bell. */
  async list(actor: Actor, query: { unread?: boolean; limit?: number; offset?: number }) {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [{ items, total }, unreadCount] = await Promise.all([
      this.repository.page(actor.userId, query.unread === true, limit, offset),
      this.repository.unreadCount(actor.userId),
    ]);
    return { items, total, unreadCount, limit, offset };
  }

  /** Only one's own: anyone else's id is "not found". */
  async markRead(actor: Actor, id: string): Promise<{ unreadCount: number }> {
    if (!(await this.repository.markRead(actor.userId, id))) throw notFound('De melding');
    const unreadCount = await this.repository.unreadCount(actor.userId);
    this.events.publish('notifications.read', { userId: actor.userId, ids: [id], unreadCount });
    return { unreadCount };
  }

  async markAllRead(actor: Actor): Promise<{ marked: number; unreadCount: number }> {
    const marked = await this.repository.markAllRead(actor.userId);
    const unreadCount = await this.repository.unreadCount(actor.userId);
    if (marked) this.events.publish('notifications.read', { userId: actor.userId, ids: 'all', unreadCount });
    return { marked, unreadCount };
  }

  /** Creates a notification and pushes it live; null when its dedupe key was used before. */
  async notify(input: NewNotification): Promise<NotificationView | null> {
    const inserted = await this.repository.insert(input);
    if (inserted) await this.announce([inserted]);
    return inserted ? strip(inserted) : null;
  }

  /**
   * Writes several notifications in one transaction and pushes them live after the commit. A failed push is
   * only logged: the notifications are stored, and the bell shows them on its next load.
   */
  async notifyAll(notifications: NewNotification[]): Promise<InsertedNotification[]> {
    const inserted = await this.transactions.transaction((manager) => this.insertWithin(manager, notifications));
    await this.announce(inserted);
    return inserted;
  }

  /**
   * Writes notifications inside the caller's transaction (with what caused them); pass the result to
   * `announce` after the commit, so nobody is told about something that was rolled back.
   */
  async insertWithin(manager: EntityManager, notifications: NewNotification[]): Promise<InsertedNotification[]> {
    const inserted: InsertedNotification[] = [];
    for (const input of notifications) {
      const row = await this.repository.insert(input, manager);
      if (row) inserted.push(row);
    }
    return inserted;
  }

  /**
   * A decision that concerns these people (for the sessions feature: call it when a decision is recorded
   * that names them). The person who recorded it is not told about their own decision; inactive accounts
   * are skipped. `dedupe` (e.g. true) keeps a repeated call from notifying twice for one decision.
   */
  async notifyDecision(
    userIds: string[],
    decision: { id: string; title: string; workgroupId: string; link?: string; decidedBy?: string | null },
  ): Promise<NotificationView[]> {
    const recipients = await this.repository.activeUsers(
      [...new Set(userIds)].filter((id) => id !== decision.decidedBy),
    );
    const created: NotificationView[] = [];
    for (const userId of recipients) {
      const notification = await this.notify({
        userId,
        kind: 'besluit',
        title: `Besluit: ${decision.title}`,
        entityType: 'decision',
        entityId: decision.id,
        workgroupId: decision.workgroupId,
        link: decision.link ?? `/werkgroepen/${decision.workgroupId}?besluit=${decision.id}`,
        dedupeKey: `decision:${decision.id}`,
      });
      if (notification) created.push(notification);
    }
    return created;
  }

  /**
   * "Needs your attention": what waits on the caller now. My open actions that are overdue or due within
   * the reminder window, progress reports to submit (aanjager) or to review (secretariat), for an aanjager
   * the overdue actions of others in the werkgroepen they drive, and my unread
   * notifications (the latest ten, with the count; decisions that concern me arrive as notifications).
   */
  async attention(actor: Pick<Actor, 'userId' | 'platformRole'>) {
    const today = todayInNetherlands();
    const soonUntil = addDays(today, this.config.reminders.dueSoonDays);
    const [actions, reports, workgroupOverdue, unread] = await Promise.all([
      this.repository.attentionActions(actor.userId, soonUntil),
      this.repository.attentionReports(actor.userId, today, actor.platformRole === 'secretariaat'),
      this.repository.attentionWorkgroupOverdue(actor.userId, today),
      this.repository.page(actor.userId, true, 10, 0),
    ]);
    const overdue: AttentionAction[] = actions.filter((a) => a.dueDate < today);
    const dueSoon: AttentionAction[] = actions.filter((a) => a.dueDate >= today);
    return {
      today,
      dueSoonUntil: soonUntil,
      overdue,
      dueSoon,
      reports,
      workgroupOverdue,
      notifications: { unreadCount: unread.total, items: unread.items },
      total: overdue.length + dueSoon.length + reports.length + workgroupOverdue.length + unread.total,
    };
  }

  /** Pushes new notifications live, with each recipient's unread count. */
  async announce(notifications: InsertedNotification[]): Promise<void> {
    if (!notifications.length) return;
    try {
      const counts = new Map<string, number>();
      for (const userId of new Set(notifications.map((n) => n.userId)))
        counts.set(userId, await this.repository.unreadCount(userId));
      for (const n of notifications)
        this.events.publish('notification', {
          userId: n.userId,
          notification: strip(n),
          unreadCount: counts.get(n.userId)!,
        });
    } catch (err) {
      // The notifications are stored; the bell shows them on its next load. What caused them stays done.
      this.logger.warn(`Could not push ${notifications.length} notifications live: ${(err as Error).message}`);
    }
  }
}

function strip({ userId: _userId, ...view }: InsertedNotification): NotificationView {
  return view;
}
