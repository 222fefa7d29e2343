import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import { DefaultCompositionRulesDto, WorkgroupService } from '@koers/workgroups';
import { RouteAccess } from './route-access';
import { ExpectedVersion, Versioned } from './versioning';

/**
 * The region's default composition rules: the seats a new werkgroep starts from (docs/region-setup.md).
 * Each werkgroep's own seats are changed with PATCH /api/workgroups/:id { compositionRules }.
 */
@ApiTags('region')
@Controller('region/composition-rules')
export class RegionCompositionController {
  constructor(private readonly workgroups: WorkgroupService) {}

  @Get()
  @Versioned()
  get(@CurrentActor() actor: Actor) {
    return this.workgroups.defaultCompositionRules(actor);
  }

  @Put()
  @RouteAccess('region.manage', { attempted: 'region.composition.update' })
  @Versioned('region.composition.update')
  update(@CurrentActor() actor: Actor, @Body() body: DefaultCompositionRulesDto, @ExpectedVersion() version?: number) {
    return this.workgroups.setDefaultCompositionRules(actor, body.compositionRules, version);
  }
}
