import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { asWire, ProgressReport, ReportListItem, ReportVersion, SubmitCheck, WorkingReport } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import {
  CreateProgressReportDto,
  ProgressReportService,
  ReturnProgressReportDto,
  UpdateProgressReportDto,
} from '@koers/reporting';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** Progress reports (voortgangsrapportages): concept -> ingediend -> geaccepteerd / teruggestuurd. */
@ApiTags('reporting')
@Controller()
export class ReportingProgressReportsController {
  constructor(private readonly reports: ProgressReportService) {}

  @Get('workgroups/:id/progress-reports')
  @RouteAccess('workgroup.content.read', { in: 'workgroup', attempted: 'progress_report.list' })
  async list(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string): Promise<ReportListItem[]> {
    return asWire<ReportListItem[]>(await this.reports.listOfWorkgroup(actor, workgroupId));
  }

  @Post('workgroups/:id/progress-reports')
  @RouteAccess('workgroup.content.write', { in: 'workgroup', attempted: 'progress_report.create' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Body() body: CreateProgressReportDto,
  ): Promise<WorkingReport> {
    return asWire<WorkingReport>(await this.reports.create(actor, workgroupId, body.cycleId));
  }

  @Get('progress-reports/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ProgressReport> {
    return asWire<ProgressReport>(await this.reports.get(actor, id));
  }

  @Patch('progress-reports/:id')
  @RouteAccess('workgroup.content.write', { in: 'progress_report', attempted: 'progress_report.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateProgressReportDto,
    @ExpectedVersion() version?: number,
  ): Promise<WorkingReport> {
    return asWire<WorkingReport>(await this.reports.update(actor, id, body, version));
  }

  @Get('progress-reports/:id/versions')
  async versions(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ReportVersion[]> {
    return asWire<ReportVersion[]>(await this.reports.versions(actor, id));
  }

  /** What is empty, still the template or carried over unchanged: asked about before submitting. */
  @Get('progress-reports/:id/submit-check')
  async submitCheck(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<SubmitCheck> {
    return asWire<SubmitCheck>(await this.reports.submitCheck(actor, id));
  }

  @Post('progress-reports/:id/submit')
  @HttpCode(200)
  async submit(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WorkingReport> {
    return asWire<WorkingReport>(await this.reports.submit(actor, id));
  }

  @Post('progress-reports/:id/accept')
  @HttpCode(200)
  async accept(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WorkingReport> {
    return asWire<WorkingReport>(await this.reports.accept(actor, id));
  }

  @Post('progress-reports/:id/return')
  @RouteAccess('workgroup.manage', { in: 'progress_report', attempted: 'progress_report.return' })
  @HttpCode(200)
  async returnToWorkgroup(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReturnProgressReportDto,
  ): Promise<WorkingReport> {
    return asWire<WorkingReport>(await this.reports.returnToWorkgroup(actor, id, body.comment));
  }
}
