import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
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
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Query() query: ActionListQueryDto,
  ) {
    return this.actions.list(actor, workgroupId, { ...query, statuses: query.status });
  }

  @Post('workgroups/:id/actions')
  @RouteAccess('workgroup.actions.manage', { in: 'workgroup', attempted: 'action.create' })
  create(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string, @Body() body: CreateActionDto) {
    return this.actions.create(actor, workgroupId, body);
  }

  /** My open actions across my werkgroepen. */
  @Get('me/actions')
  mine(@CurrentActor() actor: Actor, @Query() query: ActionListQueryDto) {
    return this.actions.mine(actor, { ...query, statuses: query.status });
  }

  /** One action with its change history and comments. */
  @Get('actions/:id')
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.actions.get(actor, id);
  }

  @Patch('actions/:id')
  @RouteAccess('workgroup.content.write', { in: 'action', attempted: 'action.update' })
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateActionDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.actions.update(actor, id, body, version);
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
  comment(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: ActionCommentDto) {
    return this.actions.comment(actor, id, body.body);
  }
}
