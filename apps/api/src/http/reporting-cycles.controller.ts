import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import { asWire, ReportingCycle, ReportingCycleDetail, type RvcBundle } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import {
  BundleService,
  CreateReportingCycleDto,
  CycleClosingService,
  ReportingCycleQueryDto,
  ReportingCycleService,
  UpdateReportingCycleDto,
} from '@koers/reporting';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';
import { JsonFile, jsonFile } from './json-file';

/** Reporting cycles (rapportagecycli), each tied to an RVC meeting. */
@ApiTags('reporting')
@Controller('reporting-cycles')
export class ReportingCyclesController {
  constructor(
    private readonly cycles: ReportingCycleService,
    private readonly bundles: BundleService,
    private readonly closing: CycleClosingService,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ReportingCycleQueryDto): Promise<ReportingCycle[]> {
    return asWire<ReportingCycle[]>(await this.cycles.list(actor, query.strategyId));
  }

  @Post()
  @RouteAccess('region.manage', { attempted: 'reporting_cycle.create' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateReportingCycleDto): Promise<ReportingCycle> {
    return asWire<ReportingCycle>(await this.cycles.create(actor, body));
  }

  @Get(':id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ReportingCycleDetail> {
    return asWire<ReportingCycleDetail>(await this.cycles.get(actor, id));
  }

  /** The RVC bundle: every werkgroep's accepted report for this cycle (secretariat and RVC members). */
  @Get(':id/bundle')
  async bundle(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JsonFile<RvcBundle>> {
    // Sent as bytes: of a closed cycle exactly what was sealed, byte for byte.
    const { json, sha256 } = await this.bundles.served(actor, id);
    if (sha256) response.setHeader('Repr-Digest', reprDigest(sha256));
    return jsonFile<RvcBundle>(json);
  }

  /** The same bundle as a printable A4 PDF, generated on the server. */
  @Get(':id/bundle.pdf')
  async bundlePdf(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { filename, data, sha256 } = await this.bundles.pdf(actor, id);
    if (sha256) response.setHeader('Repr-Digest', reprDigest(sha256));
    return new StreamableFile(data, {
      type: 'application/pdf',
      disposition: `attachment; filename="${filename}"`,
      length: data.length,
    });
  }

  @Patch(':id')
  @RouteAccess('region.manage', { attempted: 'reporting_cycle.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateReportingCycleDto,
    @ExpectedVersion() version?: number,
  ): Promise<ReportingCycle> {
    return asWire<ReportingCycle>(await this.cycles.update(actor, id, body, version));
  }

  /** Closes the cycle after its RVC meeting and seals its bundle (secretariat); the cycle is read-only after. */
  @Post(':id/close')
  @Versioned()
  @HttpCode(200)
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<ReportingCycle> {
    return asWire<ReportingCycle>(await this.closing.close(actor, id, version));
  }
}

/** RFC 9530: the SHA-256 of the sealed bytes, so a client can check what it received. */
function reprDigest(sha256Hex: string): string {
  return `sha-256=:${Buffer.from(sha256Hex, 'hex').toString('base64')}:`;
}
