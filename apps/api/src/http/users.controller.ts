import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CreateUserDto, CurrentActor, toUserDto, UpdateUserDto, UserListQueryDto, UserService } from '@koers/identity';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** User administration: the secretariat only. Accounts are deactivated, never deleted (the audit log refers to them). */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  @RouteAccess('users.manage', { attempted: 'user.list' })
  async list(@CurrentActor() actor: Actor, @Query() query: UserListQueryDto) {
    return (await this.users.list(actor, { organisationId: query.organisationId, search: query.q })).map(toUserDto);
  }

  @Get(':id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return toUserDto(await this.users.get(actor, id));
  }

  @Post()
  @RouteAccess('users.manage', { attempted: 'user.create' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return toUserDto(await this.users.create(actor, body));
  }

  @Patch(':id')
  @RouteAccess('users.manage', { attempted: 'user.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateUserDto,
    @ExpectedVersion() version?: number,
  ) {
    return toUserDto(await this.users.update(actor, id, body, version));
  }
}
