import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Actor } from '@koers/access';
import { APP_CONFIG, AppConfig } from '@koers/core';
import {
  AddPasskeyDto,
  CurrentActor,
  OpenWhileEnrolling,
  PasskeyLoginDto,
  PasskeyOptionsDto,
  PasskeyService,
  Public,
  UserService,
} from '@koers/identity';
import { clientOf, issueSession, relyingPartyOf } from './auth.controller';
import { UuidParamPipe } from './validation';

/**
 * Passkeys (WebAuthn) as a second factor (docs/access.md): registered in Mijn instellingen (open while the
 * person must still set up a second factor: a passkey is one), used at the login's second step instead of a
 * code. The browser's part is @simplewebauthn/browser; the checks are PasskeyService's.
 */
@ApiTags('auth')
@Controller()
export class PasskeysController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passkeys: PasskeyService,
    private readonly users: UserService,
  ) {}

  /** My passkeys: name, when added and last used (never a key). */
  @OpenWhileEnrolling()
  @Get('me/passkeys')
  list(@CurrentActor() actor: Actor) {
    return this.passkeys.list(actor);
  }

  /** Starts "Passkey toevoegen": the options for navigator.credentials.create() (valid five minutes). */
  @OpenWhileEnrolling()
  @Post('me/passkeys/options')
  @HttpCode(200)
  registrationOptions(@CurrentActor() actor: Actor, @Req() request: Request) {
    return this.passkeys.registrationOptions(actor, relyingPartyOf(this.config, request));
  }

  /** Stores the new passkey after checking what the authenticator made. */
  @OpenWhileEnrolling()
  @Post('me/passkeys')
  add(@CurrentActor() actor: Actor, @Body() body: AddPasskeyDto, @Req() request: Request) {
    return this.passkeys.add(actor, body.name, body.response, relyingPartyOf(this.config, request));
  }

  @OpenWhileEnrolling()
  @Delete('me/passkeys/:id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    await this.passkeys.remove(actor, id);
  }

  /** The login's second step with a passkey: the options for navigator.credentials.get(). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/mfa/passkey/options')
  @HttpCode(200)
  loginOptions(@Body() body: PasskeyOptionsDto, @Req() request: Request) {
    return this.passkeys.loginOptions(body.challenge, relyingPartyOf(this.config, request), request.ip ?? null);
  }

  /** Completes the login with what the passkey signed; a failure counts toward the lock like a wrong code. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/mfa/passkey')
  @HttpCode(200)
  async login(@Body() body: PasskeyLoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const tokens = await this.passkeys.completeLogin(
      body.challenge,
      body.response,
      relyingPartyOf(this.config, request),
      clientOf(request),
    );
    return issueSession(this.config, this.users, tokens, response);
  }
}
