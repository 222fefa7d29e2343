import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { GovernancePolicy } from './governance.policy';
import { GovernanceRepository } from './governance.repository';
import { GovernanceService } from './governance.service';

/** Governance bodies, their members and rhythm, and their meetings (sessions of a body). */
@Module({
  imports: [AccessModule, AuditModule],
  providers: [GovernanceRepository, GovernancePolicy, GovernanceService],
  exports: [GovernanceService, GovernancePolicy],
})
export class GovernanceModule {}
