import { Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import { FollowService } from '@koers/notifications';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';

/** Only what the caller may read can be followed; anything else is "not found" (RVC members included). */
const mayRead = (entity: 'document' | 'action' | 'session', attempted: string) =>
  RouteAccessBy(FollowService, async (follows, actor, id) => {
    await follows.readable(actor, entity, id, attempted);
  });

/**
 * Following a document, an action or a session: its changes and comments reach my bell. One's own:
 * `following` says whether I follow it; PUT follows, DELETE stops (both idempotent).
 */
@ApiTags('me')
@Controller('me/follows')
export class FollowsController {
  constructor(private readonly follows: FollowService) {}

  @Get('documents/:id')
  @mayRead('document', 'follow.read')
  document(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.state(actor, 'documents', id);
  }

  @Put('documents/:id')
  @mayRead('document', 'follow.create')
  followDocument(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.follow(actor, 'documents', id);
  }

  @Delete('documents/:id')
  @mayRead('document', 'follow.delete')
  unfollowDocument(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.unfollow(actor, 'documents', id);
  }

  @Get('actions/:id')
  @mayRead('action', 'follow.read')
  action(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.state(actor, 'actions', id);
  }

  @Put('actions/:id')
  @mayRead('action', 'follow.create')
  followAction(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.follow(actor, 'actions', id);
  }

  @Delete('actions/:id')
  @mayRead('action', 'follow.delete')
  unfollowAction(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.unfollow(actor, 'actions', id);
  }

  @Get('sessions/:id')
  @mayRead('session', 'follow.read')
  session(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.state(actor, 'sessions', id);
  }

  @Put('sessions/:id')
  @mayRead('session', 'follow.create')
  followSession(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.follow(actor, 'sessions', id);
  }

  @Delete('sessions/:id')
  @mayRead('session', 'follow.delete')
  unfollowSession(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.follows.unfollow(actor, 'sessions', id);
  }
}
