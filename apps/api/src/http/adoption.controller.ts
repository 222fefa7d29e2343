import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { AdoptionService, AdoptStrategyDto, WorkgroupTransitionDto } from '@koers/consultation';
import { CurrentActor } from '@koers/identity';
import { RouteAccess } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

/** Adoption of a strategy by the board and the turn of the period (werkgroepen continued or discharged). */
@ApiTags('strategy cycle')
@Controller()
export class AdoptionController {
  constructor(private readonly adoption: AdoptionService) {}

  /** The board adopts the strategy on a date, with the reference of its decision: status vastgesteld. */
  @Post('strategies/:id/adoption')
  @RouteAccess('region.manage', { attempted: 'strategy.adopt' })
  @Versioned()
  @HttpCode(200)
  adopt(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AdoptStrategyDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.adoption.adopt(actor, id, body, version);
  }

  /** What the board decided: date, reference, body and meeting. */
  @Get('strategies/:id/adoption')
  @RouteAccess('reporting.read', { attempted: 'strategy.adoption.read' })
  getAdoption(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.adoption.adoption(actor, id);
  }

  /** The end of the period: the adopted strategy becomes afgesloten. */
  @Post('strategies/:id/close')
  @RouteAccess('region.manage', { attempted: 'strategy.close' })
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.adoption.close(actor, id);
  }

  /** The werkgroepen of the strategy's themes, with whether they were discharged. */
  @Get('strategies/:id/workgroups')
  @RouteAccess('reporting.read', { attempted: 'strategy.workgroups' })
  workgroups(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.adoption.workgroups(actor, id);
  }

  /** Continue the werkgroep under a theme of the new strategy, or discharge it (archived, read-only). */
  @Post('workgroups/:id/transition')
  @RouteAccess('region.manage', { attempted: 'workgroup.transition' })
  @HttpCode(200)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: WorkgroupTransitionDto,
  ) {
    return this.adoption.transition(actor, id, body);
  }

  /**
   * Undoes a discharge: the werkgroep is active again. Only until a later strategy of the region (the new
   * period) is adopted; after that 409.
   */
  @Delete('workgroups/:id/discharge')
  @RouteAccess('region.manage', { attempted: 'workgroup.discharge.undo' })
  undoDischarge(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.adoption.undoDischarge(actor, id);
  }
}
