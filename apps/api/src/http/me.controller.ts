import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import {
  ChangePasswordDto,
  CurrentActor,
  MfaCodeDto,
  MfaService,
  PasswordService,
  toUserDto,
  UserService,
} from '@koers/identity';
import { PreferencesService, UpdatePreferencesDto } from '@koers/notifications';
import { WorkgroupService } from '@koers/workgroups';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UserService,
    private readonly workgroups: WorkgroupService,
    private readonly preferences: PreferencesService,
    private readonly passwords: PasswordService,
    private readonly mfa: MfaService,
  ) {}

  /** My second factor: whether I have one, whether I must, and how many recovery codes are left. */
  @Get('mfa')
  mfaStatus(@CurrentActor() actor: Actor) {
    return this.mfa.status(actor);
  }

  /** Starts enrolment: a new TOTP secret and its QR code (SVG, made on the server). */
  @Post('mfa/setup')
  startMfa(@CurrentActor() actor: Actor) {
    return this.mfa.startEnrolment(actor);
  }

  /** Confirms enrolment with a code; answers the ten recovery codes, shown this once. */
  @Post('mfa/confirm')
  @HttpCode(200)
  confirmMfa(@CurrentActor() actor: Actor, @Body() body: MfaCodeDto) {
    return this.mfa.confirmEnrolment(actor, body.code);
  }

  /** Changes my own password (the current one is checked); my other sessions end. */
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto) {
    await this.passwords.change(actor, body.currentPassword, body.newPassword);
  }

  /** Who am I: user, organisation and werkgroep memberships. */
  @Get()
  async me(@CurrentActor() actor: Actor) {
    const [{ user, organisation }, memberships] = await Promise.all([
      this.users.profile(actor),
      this.workgroups.membershipsOf(actor),
    ]);
    return { user: toUserDto(user), organisation, memberships };
  }

  /** My own settings: the weekly e-mail digest (and whether this installation sends e-mail at all). */
  @Get('preferences')
  getPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor);
  }

  /** Changes my own settings (audited). */
  @Patch('preferences')
  updatePreferences(@CurrentActor() actor: Actor, @Body() body: UpdatePreferencesDto) {
    return this.preferences.update(actor, body);
  }
}
