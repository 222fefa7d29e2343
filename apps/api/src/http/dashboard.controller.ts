import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { asWire, Dashboard } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import { DashboardQueryDto, DashboardService } from '@koers/reporting';
import { RouteAccess } from './route-access';

/** The secretariat's dashboard over every werkgroep; RVC members see what was submitted. */
@ApiTags('reporting')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RouteAccess('reporting.read', { attempted: 'dashboard.read' })
  async get(@CurrentActor() actor: Actor, @Query() query: DashboardQueryDto): Promise<Dashboard> {
    return asWire<Dashboard>(await this.dashboard.dashboard(actor, query.strategyId, query.cycleId));
  }
}
