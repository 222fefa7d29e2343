import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { DocumentsModule } from '@koers/documents';
import { BundleRepository } from './bundle.repository';
import { BundleService } from './bundle.service';
import { CycleClosingService } from './cycle-closing.service';
import { CycleSealRepository } from './cycle-seal.repository';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';
import { IndicatorService } from './indicator.service';
import { ProgressReportRepository } from './progress-report.repository';
import { ProgressReportService } from './progress-report.service';
import { ReportFiguresRepository } from './report-figures.repository';
import { ReportingCycleService } from './reporting-cycle.service';
import { ReportingRepository } from './reporting.repository';

@Module({
  imports: [AccessModule, AuditModule, DocumentsModule],
  providers: [
    ReportingRepository,
    ProgressReportRepository,
    ReportFiguresRepository,
    DashboardRepository,
    BundleRepository,
    CycleSealRepository,
    ReportingCycleService,
    CycleClosingService,
    IndicatorService,
    ProgressReportService,
    DashboardService,
    BundleService,
  ],
  exports: [
    ReportingCycleService,
    CycleClosingService,
    IndicatorService,
    ProgressReportService,
    DashboardService,
    BundleService,
  ],
})
export class ReportingModule {}
