import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import {
  AccountSessionsService,
  ChangePasswordDto,
  CurrentActor,
  MfaCodeDto,
  MfaService,
  OpenWhileEnrolling,
  PasswordService,
  toUserDto,
  UserService,
} from '@koers/identity';
import { PreferencesService, UpdatePreferencesDto } from '@koers/notifications';
import { WorkgroupService } from '@koers/workgroups';
import { UuidParamPipe } from './validation';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UserService,
    private readonly workgroups: WorkgroupService,
    private readonly preferences: PreferencesService,
    private readonly passwords: PasswordService,
    private readonly mfa: MfaService,
    private readonly accountSessions: AccountSessionsService,
  ) {}

  /** My second factor: whether I have one, whether I must, and how many recovery codes are left. */
  @OpenWhileEnrolling()
  @Get('mfa')
  mfaStatus(@CurrentActor() actor: Actor) {
    return this.mfa.status(actor);
  }

  /** Starts enrolment: a new TOTP secret and its QR code (SVG, made on the server). */
  @OpenWhileEnrolling()
  @Post('mfa/setup')
  startMfa(@CurrentActor() actor: Actor) {
    return this.mfa.startEnrolment(actor);
  }

  /** Confirms enrolment with a code; answers the ten recovery codes, shown this once. */
  @OpenWhileEnrolling()
  @Post('mfa/confirm')
  @HttpCode(200)
  confirmMfa(@CurrentActor() actor: Actor, @Body() body: MfaCodeDto) {
    return this.mfa.confirmEnrolment(actor, body.code);
  }

  /** Changes my own password (the current one is checked); my other sessions end. */
  @OpenWhileEnrolling()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto) {
    await this.passwords.change(actor, body.currentPassword, body.newPassword);
  }

  /** Mijn sessies: my live logins with browser and last use. */
  @OpenWhileEnrolling()
  @Get('sessions')
  sessions(@CurrentActor() actor: Actor) {
    return this.accountSessions.list(actor);
  }

  /** Ends every session of mine but this one. */
  @OpenWhileEnrolling()
  @Post('sessions/end-others')
  @HttpCode(200)
  endOtherSessions(@CurrentActor() actor: Actor) {
    return this.accountSessions.endOthers(actor);
  }

  /** Ends one of my sessions (another device, or this one). */
  @OpenWhileEnrolling()
  @Delete('sessions/:id')
  @HttpCode(204)
  async endSession(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    await this.accountSessions.end(actor, id);
  }

  /** Who am I: user, organisation and werkgroep memberships. */
  @OpenWhileEnrolling()
  @Get()
  async me(@CurrentActor() actor: Actor) {
    const [{ user, organisation }, memberships] = await Promise.all([
      this.users.profile(actor),
      this.workgroups.membershipsOf(actor),
    ]);
    return { user: toUserDto(user), organisation, memberships };
  }

  /** My own settings: the weekly e-mail digest (and whether this installation sends e-mail at all). */
  @OpenWhileEnrolling()
  @Get('preferences')
  getPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor);
  }

  /** Changes my own settings (audited). */
  @OpenWhileEnrolling()
  @Patch('preferences')
  updatePreferences(@CurrentActor() actor: Actor, @Body() body: UpdatePreferencesDto) {
    return this.preferences.update(actor, body);
  }
}
