import { Module } from '@nestjs/common';
import { AuditModule } from '@koers/audit';
import { FinanceRepository } from './finance.repository';
import { FinanceService } from './finance.service';

/** The financing of the bureau: contributions per partner per year and budget lines (docs/strategy-cycle.md). */
@Module({
  imports: [AuditModule],
  providers: [FinanceRepository, FinanceService],
  exports: [FinanceService],
})
export class FinanceModule {}
