import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
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
  list(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string) {
    return this.reports.listOfWorkgroup(actor, workgroupId);
  }

  @Post('workgroups/:id/progress-reports')
  @RouteAccess('workgroup.content.write', { in: 'workgroup', attempted: 'progress_report.create' })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Body() body: CreateProgressReportDto,
  ) {
    return this.reports.create(actor, workgroupId, body.cycleId);
  }

  @Get('progress-reports/:id')
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.reports.get(actor, id);
  }

  @Patch('progress-reports/:id')
  @RouteAccess('workgroup.content.write', { in: 'progress_report', attempted: 'progress_report.update' })
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateProgressReportDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.reports.update(actor, id, body, version);
  }

  @Get('progress-reports/:id/versions')
  versions(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.reports.versions(actor, id);
  }

  /** What is empty, still the template or carried over unchanged: asked about before submitting. */
  @Get('progress-reports/:id/submit-check')
  submitCheck(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.reports.submitCheck(actor, id);
  }

  @Post('progress-reports/:id/submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.reports.submit(actor, id);
  }

  @Post('progress-reports/:id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.reports.accept(actor, id);
  }

  @Post('progress-reports/:id/return')
  @RouteAccess('workgroup.manage', { in: 'progress_report', attempted: 'progress_report.return' })
  @HttpCode(200)
  returnToWorkgroup(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReturnProgressReportDto,
  ) {
    return this.reports.returnToWorkgroup(actor, id, body.comment);
  }
}
