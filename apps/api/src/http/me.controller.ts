import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor, toUserDto, UserService } from '@koers/identity';
import { WorkgroupService } from '@koers/workgroups';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UserService,
    private readonly workgroups: WorkgroupService,
  ) {}

  /** Who am I: user, organisation and werkgroep memberships. */
  @Get()
  async me(@CurrentActor() actor: Actor) {
    const [{ user, organisation }, memberships] = await Promise.all([this.users.profile(actor), this.workgroups.membershipsOf(actor)]);
    return { user: toUserDto(user), organisation, memberships };
  }
}
