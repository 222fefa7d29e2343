import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { asWire, KnowledgeItem, KnowledgeSearchHit, Page } from '@koers/contracts';
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
  async search(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) themeId: string,
    @Query() query: KnowledgeSearchQueryDto,
  ): Promise<Page<KnowledgeSearchHit>> {
    return asWire<Page<KnowledgeSearchHit>>(await this.knowledge.search(actor, themeId, query));
  }

  @Post('themes/:id/knowledge')
  @RouteAccessBy(KnowledgePolicy, (policy, actor, themeId) => policy.assertMayCreate(actor, themeId))
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) themeId: string,
    @Body() body: CreateKnowledgeItemDto,
  ): Promise<KnowledgeItem> {
    return asWire<KnowledgeItem>(await this.knowledge.create(actor, themeId, body));
  }

  @Get('knowledge/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<KnowledgeItem> {
    return asWire<KnowledgeItem>(await this.knowledge.get(actor, id));
  }

  @Patch('knowledge/:id')
  @RouteAccessBy(KnowledgePolicy, (policy, actor, id) => policy.assertMayUpdate(actor, id))
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateKnowledgeItemDto,
    @ExpectedVersion() version?: number,
  ): Promise<KnowledgeItem> {
    return asWire<KnowledgeItem>(await this.knowledge.update(actor, id, body, version));
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
