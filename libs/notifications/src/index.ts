export * from './notifications.module';
export * from './notification.service';
export * from './notification.model';
export * from './notification-events';
export * from './reminder.job';
export * from './action-assignment.notifier';
export * from './dto/notification.dto';
