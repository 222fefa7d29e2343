import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import {
  CreateUserDto,
  CurrentActor,
  InvitationService,
  MfaService,
  toUserDto,
  UpdateUserDto,
  UserListQueryDto,
  UserService,
} from '@koers/identity';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

/** User administration: the secretariat only. Accounts are deactivated, never deleted (the audit log refers to them). */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly invitations: InvitationService,
    private readonly mfa: MfaService,
  ) {}

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

  /** Creates the account and invites the person (by mail, or without SMTP as a link in the answer). */
  @Post()
  @RouteAccess('users.manage', { attempted: 'user.create' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    const { user, invitation } = await this.users.create(actor, body);
    return { ...toUserDto(user), invitation };
  }

  /** Removes someone's second factor (a lost phone); audited, the person is told by mail. */
  @Post(':id/mfa/reset')
  @HttpCode(204)
  async resetMfa(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    await this.mfa.reset(actor, id);
  }

  /** Sends a new invitation link (the earlier one stops working); also how someone without e-mail gets a new password. */
  @Post(':id/invitation')
  resendInvitation(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.invitations.resend(actor, id);
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
