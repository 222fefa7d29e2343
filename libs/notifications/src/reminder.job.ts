import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, APP_CONFIG, AppConfig, todayInNetherlands } from '@koers/core';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';
import { InsertedNotification } from './notification.repository';
import { RepeatingRun } from './repeating-run';

/**
 * Another area's reminders (an inventory's deadline), run inside the same locked transaction so they too go
 * out once across instances. It inserts with a dedupe key and returns what it inserted.
 */
export type ReminderSource = (
  today: string,
  soonUntil: string,
  manager: EntityManager,
) => Promise<InsertedNotification[]>;

/** The advisory lock every instance competes for (an arbitrary constant, unique to this job). */
export const REMINDER_LOCK_KEY = 7_263_900_007;

export interface ReminderRun {
  /** False when another instance held the lock: that one does the work. */
  ran: boolean;
  /** Reminders created by this run (each is sent once, ever). */
  created: number;
}

/**
 * Reminders for actions due soon (binnenkort) and overdue (verlopen), once, however many instances run:
 * a run takes a transaction-scoped advisory lock (pg_try_advisory_xact_lock) and gives up at once when
 * another instance holds it; each reminder has a dedupe key per (action, kind, due date) under a unique
 * constraint, so consecutive runs (on any instance) never send it twice. A changed due date is a new key,
 * so the owner is reminded of the new date.
 */
@Injectable()
export class ReminderJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schedule = new RepeatingRun(
    new Logger('ReminderJob'),
    'Reminder run',
    () => this.runOnce(),
    (run) => (run.created ? `Sent ${run.created} reminder(s)` : null),
  );

  private readonly sources: ReminderSource[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: NotificationRepository,
    private readonly notifications: NotificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Adds another area's reminders to every run (called by that area's module at start-up). */
  addSource(source: ReminderSource): void {
    this.sources.push(source);
  }

  onApplicationBootstrap(): void {
    this.schedule.start(this.config.reminders.intervalMs);
  }

  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  /** One run; tests call it directly. `now` fixes "today" (Europe/Amsterdam calendar day). */
  async runOnce(now = new Date()): Promise<ReminderRun> {
    const today = todayInNetherlands(now);
    const soonUntil = addDays(today, this.config.reminders.dueSoonDays);
    const inserted = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK_KEY}) AS locked`);
      if (!locked) return null;
      const inserted = await this.repository.insertDueReminders(today, soonUntil, manager);
      for (const source of this.sources) inserted.push(...(await source(today, soonUntil, manager)));
      return inserted;
    });
    if (inserted === null) return { ran: false, created: 0 };
    // Pushed only after the commit: a reminder that is announced also exists.
    if (inserted.length) await this.notifications.announce(inserted);
    return { ran: true, created: inserted.length };
  }
}
