import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addDays, APP_CONFIG, AppConfig } from '@koers/core';
import { dutchDate, NotificationService, ReminderJob } from '@koers/notifications';
import { ConsultationRepository } from './consultation.repository';

/** Days before the deadline a gemeente that has not answered is reminded (at least the actions' due-soon days). */
const CONSULTATION_REMINDER_DAYS = 7;

/**
 * Reminders for the contacts of gemeenten that have not answered: one when the deadline nears, one when it
 * has passed. A source of the notification reminder job (libs/notifications), which runs it under its
 * advisory lock, so each goes out once across instances (and the dedupe key keeps later runs from repeating it).
 */
@Injectable()
export class ConsultationReminders implements OnModuleInit {
  constructor(
    private readonly job: ReminderJob,
    private readonly notifications: NotificationService,
    private readonly repository: ConsultationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.job.addSource((today, _soonUntil, manager) => this.insertDue(today, manager));
  }

  private async insertDue(today: string, manager: EntityManager) {
    const days = Math.max(CONSULTATION_REMINDER_DAYS, this.config.reminders.dueSoonDays);
    const due = await this.repository.dueReminders(today, addDays(today, days), manager);
    return this.notifications.insertWithin(
      manager,
      due.map((d) => ({
        userId: d.userId,
        kind: d.late ? ('verlopen' as const) : ('binnenkort' as const),
        title: d.late
          ? `De reactie van uw gemeenteraad op "${d.title}" is te laat (uiterlijk ${dutchDate(d.deadline)})`
          : `Reageer uiterlijk ${dutchDate(d.deadline)} op "${d.title}"`,
        entityType: 'consultation',
        entityId: d.consultationId,
        link: `/cyclus/consultaties/${d.consultationId}`,
        dedupeKey: `consultation:${d.consultationId}:${d.organisationId}:${d.late ? 'verlopen' : 'binnenkort'}:${d.deadline}`,
      })),
    );
  }
}
