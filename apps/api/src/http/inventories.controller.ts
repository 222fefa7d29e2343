import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import {
  AdoptThemesDto,
  BodyQuestionsDto,
  ContactsDto,
  CreateInventoryDto,
  CriteriaDto,
  InventoryPolicy,
  InventoryService,
  NameGroupsDto,
  ProposedThemesDto,
  RankingQueryDto,
  SaveResponseDto,
  UpdateInventoryDto,
} from '@koers/inventory';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

const manage = (attempted: string) =>
  RouteAccessBy(InventoryPolicy, (policy, actor, id) => policy.assertManage(actor, id, attempted));

/**
 * The inventory of local priorities (docs/strategy-cycle.md): run by the secretariat, answered by each asked
 * organisation's contact people, read by RVC members; for anyone else an inventory does not exist.
 */
@ApiTags('inventories')
@Controller('inventories')
export class InventoriesController {
  constructor(private readonly inventories: InventoryService) {}

  /** The inventories the caller takes part in (all of them for the secretariat and RVC members). */
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.inventories.list(actor);
  }

  @Post()
  @RouteAccessBy(InventoryPolicy, (policy, actor) => policy.assertCreate(actor))
  create(@CurrentActor() actor: Actor, @Body() body: CreateInventoryDto) {
    return this.inventories.create(actor, body);
  }

  /** The inventory with who was asked and who answered (a contact person sees only their own organisations). */
  @Get(':id')
  @RouteAccessBy(InventoryPolicy, (policy, actor, id) => policy.assertRead(actor, id))
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.inventories.get(actor, id);
  }

  @Patch(':id')
  @manage('inventory.update')
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateInventoryDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.inventories.update(actor, id, body, 'inventory.update', version);
  }

  /** Names the contact people of an asked organisation (users of that organisation). */
  @Put(':id/contacts/:organisationId')
  @manage('inventory.contacts')
  contacts(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
    @Body() body: ContactsDto,
  ) {
    return this.inventories.setContacts(actor, id, organisationId, body.userIds);
  }

  @Get(':id/responses/:organisationId')
  @RouteAccessBy(InventoryPolicy, (policy, actor, id, params) =>
    policy.assertResponse(actor, id, params.organisationId, false),
  )
  @Versioned()
  response(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
  ) {
    return this.inventories.getResponse(actor, id, organisationId);
  }

  /** Saves an organisation's ranked priorities as a draft, or submits them (`submit: true`). */
  @Put(':id/responses/:organisationId')
  @RouteAccessBy(InventoryPolicy, (policy, actor, id, params) =>
    policy.assertResponse(actor, id, params.organisationId, true),
  )
  @Versioned()
  saveResponse(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
    @Body() body: SaveResponseDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.inventories.saveResponse(actor, id, organisationId, body, version);
  }

  /** The top N of the gemeenten (default 10, 0 = all), per district, and the partners' lists beside it. */
  @Get(':id/ranking')
  @RouteAccessBy(InventoryPolicy, (policy, actor, id) => policy.assertOverview(actor, id))
  ranking(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: RankingQueryDto) {
    return this.inventories.ranking(actor, id, query.top ?? 10);
  }

  /** The ranking and every submitted answer as CSV (`;` separated, UTF-8 with BOM). */
  @Get(':id/export.csv')
  @RouteAccessBy(InventoryPolicy, (policy, actor, id) => policy.assertOverview(actor, id))
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { filename, csv } = await this.inventories.exportCsv(actor, id);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }

  /** The secretariat's grouping of similar names: each group's variants count under its title. */
  @Put(':id/name-groups')
  @manage('inventory.name_groups')
  nameGroups(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: NameGroupsDto) {
    return this.inventories.update(actor, id, { nameGroups: body.groups }, 'inventory.name_groups');
  }

  @Put(':id/criteria')
  @manage('inventory.criteria')
  criteria(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CriteriaDto) {
    return this.inventories.update(actor, id, { criteria: body.criteria }, 'inventory.criteria');
  }

  /** The proposed themes, each scored against the criteria and linked to the ranking entries that support it. */
  @Put(':id/proposed-themes')
  @manage('inventory.proposed_themes')
  proposedThemes(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ProposedThemesDto,
  ) {
    const themes = body.themes.map((t) => ({
      title: t.title.trim(),
      scope: t.scope ?? '',
      scores: t.scores,
      supports: t.supports ?? [],
    }));
    return this.inventories.update(actor, id, { proposedThemes: themes }, 'inventory.proposed_themes');
  }

  /** Questions put to bodies (e.g. the district meetings) and each body's answer. */
  @Put(':id/body-questions')
  @manage('inventory.body_questions')
  bodyQuestions(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: BodyQuestionsDto) {
    const questions = body.questions.map((q) => ({ question: q.question.trim(), answers: q.answers ?? [] }));
    return this.inventories.update(actor, id, { bodyQuestions: questions }, 'inventory.body_questions');
  }

  /** The proposal becomes the concept strategy's themes, in one step. */
  @Post(':id/adopt')
  @manage('inventory.adopt')
  adopt(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: AdoptThemesDto) {
    return this.inventories.adoptThemes(actor, id, body.strategyId);
  }
}
