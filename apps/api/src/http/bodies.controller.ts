import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import {
  CalendarQueryDto,
  CreateBodyDto,
  CreateMeetingDto,
  GovernancePolicy,
  GovernanceService,
  ReplaceMembersDto,
  UpdateBodyDto,
  UpdateMeetingDto,
} from '@koers/governance';
import { CurrentActor } from '@koers/identity';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

/** Governance bodies (RVC, regionale driehoek, adviescollege, DVC, stuurgroep) and their meetings. */
@ApiTags('governance')
@Controller()
export class BodiesController {
  constructor(private readonly governance: GovernanceService) {}

  /** The bodies the caller sits in (the secretariat: all). */
  @Get('bodies')
  @RouteAccessBy(GovernancePolicy, () => Promise.resolve())
  list(@CurrentActor() actor: Actor) {
    return this.governance.list(actor);
  }

  @Post('bodies')
  @RouteAccessBy(GovernancePolicy, (policy, actor) => policy.assertMayCreate(actor))
  create(@CurrentActor() actor: Actor, @Body() body: CreateBodyDto) {
    return this.governance.create(actor, body);
  }

  @Get('bodies/:id')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMaySeeBody(actor, id))
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.governance.get(actor, id);
  }

  @Patch('bodies/:id')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMayManageBody(actor, id, 'body.update'))
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateBodyDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.governance.update(actor, id, body, version);
  }

  /** Removes a body without meetings (409 while it has meetings). */
  @Delete('bodies/:id')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMayManageBody(actor, id, 'body.delete'))
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.governance.remove(actor, id);
  }

  /** Replaces the members (people and organisations). */
  @Put('bodies/:id/members')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMayManageBody(actor, id, 'body.members.update'))
  replaceMembers(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReplaceMembersDto,
  ) {
    return this.governance.replaceMembers(actor, id, body);
  }

  @Get('bodies/:id/meetings')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMaySeeBody(actor, id, 'meeting.list'))
  meetings(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: CalendarQueryDto) {
    return this.governance.meetings(actor, id, query);
  }

  @Post('bodies/:id/meetings')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMayManageBody(actor, id, 'meeting.create'))
  createMeeting(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CreateMeetingDto) {
    return this.governance.createMeeting(actor, id, body);
  }

  /** The calendar: every meeting of the bodies the caller sits in (the secretariat: all), from/to as dates. */
  @Get('meetings')
  @RouteAccessBy(GovernancePolicy, () => Promise.resolve())
  calendar(@CurrentActor() actor: Actor, @Query() query: CalendarQueryDto) {
    return this.governance.calendar(actor, query);
  }

  /** With agenda, documents, decisions and attendance. */
  @Get('meetings/:id')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) => policy.assertMaySeeMeeting(actor, id).then(() => undefined))
  @Versioned()
  getMeeting(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.governance.getMeeting(actor, id);
  }

  /** Time, place, state; agenda, documents, decisions and attendance are replaced as wholes when sent. */
  @Patch('meetings/:id')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) =>
    policy.assertMayManageMeeting(actor, id, 'meeting.update').then(() => undefined),
  )
  @Versioned()
  updateMeeting(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateMeetingDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.governance.updateMeeting(actor, id, body, version);
  }

  @Delete('meetings/:id')
  @RouteAccessBy(GovernancePolicy, (policy, actor, id) =>
    policy.assertMayManageMeeting(actor, id, 'meeting.delete').then(() => undefined),
  )
  @HttpCode(204)
  async removeMeeting(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.governance.removeMeeting(actor, id);
  }
}
