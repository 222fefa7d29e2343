import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor } from '@koers/identity';
import { NotificationListQueryDto, NotificationService } from '@koers/notifications';
import { UuidParamPipe } from './validation';

/** The caller's own notifications (the bell) and what waits on them. Nobody reads another's. */
@ApiTags('me')
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

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
      'and my unread notifications (count and the latest ten). Further sources join this view when their features land: ' +
      'session decisions that ask me to act (sessions and decisions), and progress reports waiting for my approval ' +
      '(progress reports to the RVC, for the aanjager). No placeholders are returned for them until then.',
  })
  attention(@CurrentActor() actor: Actor) {
    return this.notifications.attention(actor);
  }
}
