import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { ActionEvents } from './action-events';
import { ActionRepository } from './action.repository';
import { ActionService } from './action.service';

@Module({
  imports: [AccessModule, AuditModule],
  providers: [ActionRepository, ActionService, ActionEvents],
  exports: [ActionService, ActionEvents],
})
export class ActionsModule {}
