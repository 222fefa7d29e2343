import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import { DefaultCompositionRulesDto, WorkgroupService } from '@koers/workgroups';
import { RouteAccess } from './route-access';

/**
 * The region's default composition rules: the seats a new werkgroep starts from (docs/region-setup.md).
 * Each werkgroep's own seats are changed with PATCH /api/workgroups/:id { compositionRules }.
 */
@ApiTags('region')
@Controller('region/composition-rules')
export class RegionCompositionController {
  constructor(private readonly workgroups: WorkgroupService) {}

  @Get()
  get(@CurrentActor() actor: Actor) {
    return this.workgroups.defaultCompositionRules(actor);
  }

  @Put()
  @RouteAccess('region.manage', { attempted: 'region.composition.update' })
  update(@CurrentActor() actor: Actor, @Body() body: DefaultCompositionRulesDto) {
    return this.workgroups.setDefaultCompositionRules(actor, body.compositionRules);
  }
}
