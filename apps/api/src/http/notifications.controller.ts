import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import { HomeService, NotificationListQueryDto, NotificationService } from '@koers/notifications';
import { UuidParamPipe } from './validation';

/** The caller's own notifications (the bell) and what waits on them. Nobody reads another's. */
@ApiTags('me')
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly home: HomeService,
  ) {}

  @Get('home')
  @ApiOperation({
    summary: 'Recent documents and what changed since my previous visit, in my werkgroepen',
    description:
      'Records this visit: a new visit starts after 30 minutes away, and the changes count from the end of the ' +
      'previous one (the last seven days on a first visit): documents changed, actions created, changed or done, ' +
      'sessions added, progress reports returned or accepted.',
  })
  homeFeed(@CurrentActor() actor: Actor) {
    return this.home.feed(actor);
  }

  /** My notifications, newest first (unread=true for only the unread), with the unread count. */
  @Get('notifications')
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQueryDto) {
    return this.notifications.list(actor, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  read(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.notifications.markRead(actor, id);
  }

  @Get('attention')
  @ApiOperation({
    summary: 'Needs your attention: what waits on me now',
    description:
      'My open actions that are overdue or due within the reminder window (KOERS_REMINDER_DUE_SOON_DAYS, default 3), ' +
      'progress reports to submit (aanjager) or review (secretariat), for an aanjager the overdue actions of others ' +
      'in the werkgroepen they drive, and my unread notifications (count and the latest ten).',
  })
  attention(@CurrentActor() actor: Actor) {
    return this.notifications.attention(actor);
  }
}
