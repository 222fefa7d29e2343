import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
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
  get(@CurrentActor() actor: Actor, @Query() query: DashboardQueryDto) {
    return this.dashboard.dashboard(actor, query.strategyId, query.cycleId);
  }
}
