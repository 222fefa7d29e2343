import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { ActionRepository } from './action.repository';
import { ActionService } from './action.service';

@Module({
  imports: [AccessModule, AuditModule],
  providers: [ActionRepository, ActionService],
  exports: [ActionService],
})
export class ActionsModule {}
