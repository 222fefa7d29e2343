import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { InvitationService, Public, SetPasswordWithTokenDto } from '@koers/identity';

/** The invited person's side: set a password with the one-time link from the invitation. */
@ApiTags('auth')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('accept')
  @HttpCode(200)
  accept(@Body() body: SetPasswordWithTokenDto, @Req() request: Request) {
    return this.invitations.accept(body.token, body.password, request.ip ?? null);
  }
}
