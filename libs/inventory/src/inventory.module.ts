import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '@koers/audit';
import { NotificationsModule, ReminderJob } from '@koers/notifications';
import { StrategyModule } from '@koers/strategy';
import { InventoryPolicy } from './inventory.policy';
import { InventoryRepository } from './inventory.repository';
import { InventoryService } from './inventory.service';

/**
 * The inventory of local priorities and the selection of themes from it (docs/strategy-cycle.md). Its
 * deadline reminders run inside the shared reminder job, so they go out once across instances.
 */
@Module({
  imports: [AuditModule, StrategyModule, NotificationsModule],
  providers: [InventoryRepository, InventoryPolicy, InventoryService],
  exports: [InventoryService, InventoryPolicy],
})
export class InventoryModule implements OnModuleInit {
  constructor(
    private readonly reminders: ReminderJob,
    private readonly repository: InventoryRepository,
  ) {}

  onModuleInit(): void {
    this.reminders.addSource((today, soonUntil, manager) =>
      this.repository.insertDueReminders(today, soonUntil, manager),
    );
  }
}
