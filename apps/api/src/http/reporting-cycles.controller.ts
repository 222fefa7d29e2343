import { Body, Controller, Get, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import {
  BundleService,
  CreateReportingCycleDto,
  ReportingCycleQueryDto,
  ReportingCycleService,
  UpdateReportingCycleDto,
} from '@koers/reporting';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** Reporting cycles (rapportagecycli), each tied to an RVC meeting. */
@ApiTags('reporting')
@Controller('reporting-cycles')
export class ReportingCyclesController {
  constructor(
    private readonly cycles: ReportingCycleService,
    private readonly bundles: BundleService,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ReportingCycleQueryDto) {
    return this.cycles.list(actor, query.strategyId);
  }

  @Post()
  @RouteAccess('region.manage', { attempted: 'reporting_cycle.create' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateReportingCycleDto) {
    return this.cycles.create(actor, body);
  }

  @Get(':id')
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.cycles.get(actor, id);
  }

  /** The RVC bundle: every werkgroep's accepted report for this cycle (secretariat and RVC members). */
  @Get(':id/bundle')
  bundle(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.bundles.bundle(actor, id);
  }

  /** The same bundle as a printable A4 PDF, generated on the server. */
  @Get(':id/bundle.pdf')
  async bundlePdf(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    const { filename, data } = await this.bundles.pdf(actor, id);
    return new StreamableFile(data, {
      type: 'application/pdf',
      disposition: `attachment; filename="${filename}"`,
      length: data.length,
    });
  }

  @Patch(':id')
  @RouteAccess('region.manage', { attempted: 'reporting_cycle.update' })
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateReportingCycleDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.cycles.update(actor, id, body, version);
  }
}
