import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import { CurrentActor, MfaPolicyDto, MfaService } from '@koers/identity';
import { RouteAccess } from './route-access';

/** Who must use a second factor (the secretariat sets it; outside demo on for secretariat and RVC by default). */
@ApiTags('users')
@Controller('mfa-policy')
export class MfaPolicyController {
  constructor(private readonly mfa: MfaService) {}

  @Get()
  read(@CurrentActor() actor: Actor) {
    return this.mfa.readPolicy(actor);
  }

  @Put()
  @RouteAccess('users.manage', { attempted: 'mfa_policy.update' })
  update(@CurrentActor() actor: Actor, @Body() body: MfaPolicyDto) {
    return this.mfa.updatePolicy(actor, body);
  }
}
