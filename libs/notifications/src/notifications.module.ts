import { Module } from '@nestjs/common';
import { ActionsModule } from '@koers/actions';
import { ActionAssignmentNotifier } from './action-assignment.notifier';
import { NotificationEvents } from './notification-events';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';
import { ReminderJob } from './reminder.job';

/** In-app notifications, the assignment notifier, the reminder job and the attention view. */
@Module({
  imports: [ActionsModule],
  providers: [NotificationRepository, NotificationEvents, NotificationService, ActionAssignmentNotifier, ReminderJob],
  exports: [NotificationService, NotificationEvents, ReminderJob, ActionAssignmentNotifier],
})
export class NotificationsModule {}
