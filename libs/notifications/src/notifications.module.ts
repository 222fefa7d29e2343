import { Module } from '@nestjs/common';
import { ActionsModule } from '@koers/actions';
import { AuditModule } from '@koers/audit';
import { DigestJob } from './digest.job';
import { DigestRepository } from './digest.repository';
import { Mailer } from './mailer';
import { PreferencesService } from './preferences.service';
import { ActionAssignmentNotifier } from './action-assignment.notifier';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';
import { ReminderJob } from './reminder.job';

/** In-app notifications, the assignment notifier, the reminder job, the attention view and its weekly e-mail digest. */
@Module({
  imports: [ActionsModule, AuditModule],
  providers: [
    NotificationRepository,
    NotificationService,
    ActionAssignmentNotifier,
    ReminderJob,
    DigestRepository,
    Mailer,
    DigestJob,
    PreferencesService,
  ],
  exports: [NotificationService, ReminderJob, ActionAssignmentNotifier, DigestJob, PreferencesService, Mailer],
})
export class NotificationsModule {}
