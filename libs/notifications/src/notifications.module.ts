import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { ActionsModule } from '@koers/actions';
import { AuditModule } from '@koers/audit';
import { FollowRepository } from './follow.repository';
import { FollowService } from './follow.service';
import { HomeRepository } from './home.repository';
import { HomeService } from './home.service';
import { LoopNotifier } from './loop.notifier';
import { LoopRepository } from './loop.repository';
import { NotificationMail } from './notification-mail';
import { DigestJob } from './digest.job';
import { DigestRepository } from './digest.repository';
import { Mailer } from './mailer';
import { PreferencesService } from './preferences.service';
import { ActionAssignmentNotifier } from './action-assignment.notifier';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';
import { ReminderJob } from './reminder.job';

/**
 * In-app notifications, the assignment and loop notifiers (with their e-mail), following, the reminder job, the
 * attention view and its weekly e-mail digest, and the home page's recent work.
 */
@Module({
  imports: [AccessModule, ActionsModule, AuditModule],
  providers: [
    NotificationRepository,
    NotificationService,
    ActionAssignmentNotifier,
    ReminderJob,
    DigestRepository,
    Mailer,
    DigestJob,
    PreferencesService,
    FollowRepository,
    FollowService,
    LoopRepository,
    LoopNotifier,
    NotificationMail,
    HomeRepository,
    HomeService,
  ],
  exports: [
    NotificationService,
    ReminderJob,
    ActionAssignmentNotifier,
    DigestJob,
    PreferencesService,
    Mailer,
    FollowService,
    LoopNotifier,
    NotificationMail,
    HomeService,
  ],
})
export class NotificationsModule {}
