import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { asWire, Indicator, Measurement } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import { CreateIndicatorDto, CreateMeasurementDto, IndicatorService, UpdateIndicatorDto } from '@koers/reporting';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** Indicators per focus area with their measurements. */
@ApiTags('reporting')
@Controller()
export class ReportingIndicatorsController {
  constructor(private readonly indicators: IndicatorService) {}

  @Get('workgroups/:id/indicators')
  @RouteAccess('workgroup.content.read', { in: 'workgroup', attempted: 'indicator.list' })
  async list(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string): Promise<Indicator[]> {
    return asWire<Indicator[]>(await this.indicators.list(actor, workgroupId));
  }

  @Post('workgroups/:id/indicators')
  @RouteAccess('workgroup.actions.manage', { in: 'workgroup', attempted: 'indicator.create' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Body() body: CreateIndicatorDto,
  ): Promise<Indicator> {
    return asWire<Indicator>(await this.indicators.create(actor, workgroupId, body));
  }

  @Get('indicators/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<Indicator> {
    return asWire<Indicator>(await this.indicators.get(actor, id));
  }

  @Patch('indicators/:id')
  @RouteAccess('workgroup.actions.manage', { in: 'indicator', attempted: 'indicator.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateIndicatorDto,
    @ExpectedVersion() version?: number,
  ): Promise<Indicator> {
    return asWire<Indicator>(await this.indicators.update(actor, id, body, version));
  }

  @Delete('indicators/:id')
  @Versioned()
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.indicators.remove(actor, id, version);
  }

  @Post('indicators/:id/measurements')
  @RouteAccess('workgroup.actions.manage', { in: 'indicator', attempted: 'indicator.measure' })
  async measure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateMeasurementDto,
  ): Promise<Measurement> {
    return asWire<Measurement>(await this.indicators.addMeasurement(actor, id, body));
  }

  @Delete('measurements/:id')
  @HttpCode(204)
  async removeMeasurement(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.indicators.removeMeasurement(actor, id);
  }
}
