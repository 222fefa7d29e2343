import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import {
  CreateKnowledgeItemDto,
  KnowledgeSearchQueryDto,
  KnowledgePolicy,
  KnowledgeService,
  UpdateKnowledgeItemDto,
} from '@koers/knowledge';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

/**
 * The kennisbank of a theme (lerende omgeving). Readable by every werkgroep member and the secretariat
 * (not by RVC-only accounts); changed by the theme's werkgroep (aanjager, lid, ambtelijk) and the secretariat.
 */
@ApiTags('knowledge')
@Controller()
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  /** Search a theme's interventions and practices (Dutch full-text search on q; filters tag, status, gemeenteId). */
  @Get('themes/:id/knowledge')
  @RouteAccessBy(KnowledgePolicy, (policy, actor, themeId) => policy.assertMaySearch(actor, themeId))
  search(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) themeId: string,
    @Query() query: KnowledgeSearchQueryDto,
  ) {
    return this.knowledge.search(actor, themeId, query);
  }

  @Post('themes/:id/knowledge')
  @RouteAccessBy(KnowledgePolicy, (policy, actor, themeId) => policy.assertMayCreate(actor, themeId))
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) themeId: string,
    @Body() body: CreateKnowledgeItemDto,
  ) {
    return this.knowledge.create(actor, themeId, body);
  }

  @Get('knowledge/:id')
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.knowledge.get(actor, id);
  }

  @Patch('knowledge/:id')
  @RouteAccessBy(KnowledgePolicy, (policy, actor, id) => policy.assertMayUpdate(actor, id))
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateKnowledgeItemDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.knowledge.update(actor, id, body, version);
  }

  @Delete('knowledge/:id')
  @Versioned()
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.knowledge.remove(actor, id, version);
  }
}
