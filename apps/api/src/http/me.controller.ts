import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { ChangePasswordDto, CurrentActor, PasswordService, toUserDto, UserService } from '@koers/identity';
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
  ) {}

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
