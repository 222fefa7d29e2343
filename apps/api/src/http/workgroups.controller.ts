import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { asWire, WorkgroupDetail, WorkgroupSummary } from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import {
  AddMemberDto,
  ChangeMemberRoleDto,
  CreateWorkgroupDto,
  UpdateWorkgroupDto,
  WorkgroupService,
} from '@koers/workgroups';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

@ApiTags('workgroups')
@Controller('workgroups')
export class WorkgroupsController {
  constructor(private readonly workgroups: WorkgroupService) {}

  /** Only the werkgroepen the caller may see. */
  @Get()
  async list(@CurrentActor() actor: Actor): Promise<WorkgroupSummary[]> {
    return asWire<WorkgroupSummary[]>(await this.workgroups.list(actor));
  }

  /** Members and the composition check (what the strategy prescribes and what is missing). */
  @Get(':id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WorkgroupDetail> {
    return asWire<WorkgroupDetail>(await this.workgroups.get(actor, id));
  }

  @Post()
  @RouteAccess('region.manage', { attempted: 'workgroup.create' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateWorkgroupDto): Promise<WorkgroupSummary> {
    return asWire<WorkgroupSummary>(await this.workgroups.create(actor, body));
  }

  @Patch(':id')
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'workgroup.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateWorkgroupDto,
    @ExpectedVersion() version?: number,
  ): Promise<WorkgroupDetail> {
    return asWire<WorkgroupDetail>(await this.workgroups.update(actor, id, body, version));
  }

  @Delete(':id')
  @Versioned()
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @ExpectedVersion() version?: number) {
    return this.workgroups.remove(actor, id, version);
  }

  @Post(':id/members')
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'workgroup.member.add' })
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AddMemberDto,
  ): Promise<WorkgroupDetail> {
    return asWire<WorkgroupDetail>(await this.workgroups.addMember(actor, id, body.userId, body.role));
  }

  @Patch(':id/members/:userId')
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'workgroup.member.update' })
  async changeMemberRole(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<WorkgroupDetail> {
    return asWire<WorkgroupDetail>(await this.workgroups.changeMemberRole(actor, id, userId, body.role));
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('userId', UuidParamPipe) userId: string,
  ) {
    return this.workgroups.removeMember(actor, id, userId);
  }
}
