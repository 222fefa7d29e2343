import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { Action, ActionComment, ActionDetail, asWire, Page } from '@koers/contracts';
import { ActionCommentDto, ActionListQueryDto, ActionService, CreateActionDto, UpdateActionDto } from '@koers/actions';
import { CurrentActor } from '@koers/identity';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** The werkgroep's action list (actielijst). */
@ApiTags('actions')
@Controller()
export class ActionsController {
  constructor(private readonly actions: ActionService) {}

  @Get('workgroups/:id/actions')
  @RouteAccess('workgroup.content.read', { in: 'workgroup', attempted: 'action.list' })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Query() query: ActionListQueryDto,
  ): Promise<Page<Action>> {
    return asWire<Page<Action>>(await this.actions.list(actor, workgroupId, { ...query, statuses: query.status }));
  }

  @Post('workgroups/:id/actions')
  @RouteAccess('workgroup.actions.manage', { in: 'workgroup', attempted: 'action.create' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Body() body: CreateActionDto,
  ): Promise<Action> {
    return asWire<Action>(await this.actions.create(actor, workgroupId, body));
  }

  /** My open actions across my werkgroepen. */
  @Get('me/actions')
  async mine(@CurrentActor() actor: Actor, @Query() query: ActionListQueryDto): Promise<Page<Action>> {
    return asWire<Page<Action>>(await this.actions.mine(actor, { ...query, statuses: query.status }));
  }

  /** One action with its change history and comments. */
  @Get('actions/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ActionDetail> {
    return asWire<ActionDetail>(await this.actions.get(actor, id));
  }

  @Patch('actions/:id')
  @RouteAccess('workgroup.content.write', { in: 'action', attempted: 'action.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateActionDto,
    @ExpectedVersion() version?: number,
  ): Promise<Action> {
    return asWire<Action>(await this.actions.update(actor, id, body, version));
  }

  @Delete('actions/:id')
  @Versioned()
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.actions.remove(actor, id, version);
  }

  @Post('actions/:id/comments')
  @RouteAccess('workgroup.content.write', { in: 'action', attempted: 'action.comment' })
  async comment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ActionCommentDto,
  ): Promise<ActionComment[]> {
    return asWire<ActionComment[]>(await this.actions.comment(actor, id, body.body));
  }
}
