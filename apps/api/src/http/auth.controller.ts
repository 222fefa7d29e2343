import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Actor } from '@koers/access';
import type { LogoutResult } from '@koers/contracts';
import { APP_CONFIG, AppConfig } from '@koers/core';
import {
  ACCESS_COOKIE,
  accessCookieOptions,
  AuthService,
  CurrentActor,
  IssuedTokens,
  LoginDto,
  LoginThrottleService,
  MfaLoginDto,
  OpenWhileEnrolling,
  PasswordResetRequestDto,
  PasswordService,
  Public,
  REFRESH_COOKIE,
  refreshCookieOptions,
  RelyingParty,
  SetPasswordWithTokenDto,
  SsoService,
  toUserDto,
  UnlockDto,
  UserService,
} from '@koers/identity';

const PASSWORD_RESET_ACCEPTED =
  'Als dit e-mailadres bij Koers bekend is, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw wachtwoord te kiezen.';

/** Koers's own address as the browser reaches it: KOERS_PUBLIC_URL when set, else the request's (trusted proxies apply). */
export function publicBaseUrl(config: AppConfig, request: Request): string {
  return config.mail?.publicUrl || `${request.protocol}://${request.get('host')}`;
}

export function clientOf(request: Request) {
  return { ip: request.ip ?? null, userAgent: request.get('user-agent') ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly sso: SsoService,
  ) {}

  /** Rate-limited per client address; repeated failures lock this source out of the account (login-throttle). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const result = await this.auth.login(body.email, body.password, clientOf(request));
    // With a second factor the password step gives no tokens, only the challenge for POST /api/auth/mfa.
    if ('mfaRequired' in result) return result;
    return this.issue(result, response);
  }

  /** The second login step: a code from the authenticator app or a recovery code; counts toward the lock. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('mfa')
  @HttpCode(200)
  async mfa(@Body() body: MfaLoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.issue(await this.auth.completeMfa(body.challenge, body.code, clientOf(request)), response);
  }

  /** Exchanges the refresh cookie for a new access token (and a new refresh cookie). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const tokens = await this.auth.refresh(request.cookies?.[REFRESH_COOKIE] as string | undefined, request.ip ?? null);
    return this.issue(tokens, response);
  }

  /**
   * "Wachtwoord vergeten": always 202 with the same body, answered before the address is even looked up,
   * so neither the answer nor its timing tells whether an account exists. The mail holds a link valid 1 hour.
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset')
  @HttpCode(202)
  requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() request: Request) {
    this.passwords.requestReset(body.email, request.ip ?? null);
    return { message: PASSWORD_RESET_ACCEPTED };
  }

  /** Sets a new password with the mailed link; every session of the account ends. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('password-reset/confirm')
  @HttpCode(200)
  confirmPasswordReset(@Body() body: SetPasswordWithTokenDto, @Req() request: Request) {
    return this.passwords.confirmReset(body.token, body.password, request.ip ?? null);
  }

  /** Lifts every login lock on the account with the mailed one-time link (a lock holds only one source). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('unlock')
  @HttpCode(200)
  unlock(@Body() body: UnlockDto, @Req() request: Request) {
    return this.throttle.unlock(body.token, request.ip ?? null);
  }

  /**
   * Ends the session. For a session that began with single sign-on at a provider that offers RP-initiated
   * logout, `endSessionUrl` is the provider's address where the browser ends that session too (else null).
   */
  @OpenWhileEnrolling()
  @Post('logout')
  @HttpCode(200)
  async logout(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LogoutResult> {
    const atProvider = await this.sso.endSessionUrl(actor, `${publicBaseUrl(this.config, request)}/inloggen`);
    await this.auth.logout(actor, atProvider ? { sso: atProvider.organisationId, providerLogout: true } : undefined);
    response.clearCookie(ACCESS_COOKIE, { ...accessCookieOptions(this.config.auth), maxAge: undefined });
    response.clearCookie(REFRESH_COOKIE, { ...refreshCookieOptions(this.config.auth), maxAge: undefined });
    return { endSessionUrl: atProvider?.url ?? null };
  }

  private issue(tokens: IssuedTokens, response: Response) {
    return issueSession(this.config, this.users, tokens, response);
  }
}

/** A completed login: the session's cookies, and the access token with the account for the client. */
export async function issueSession(config: AppConfig, users: UserService, tokens: IssuedTokens, response: Response) {
  response.cookie(ACCESS_COOKIE, tokens.accessToken, accessCookieOptions(config.auth));
  response.cookie(REFRESH_COOKIE, tokens.refreshToken, refreshCookieOptions(config.auth));
  const user = await users.account(tokens.userId);
  return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user: toUserDto(user) };
}

/** The WebAuthn relying party: the host where people open Koers, and its origin (passkeys are bound to it). */
export function relyingPartyOf(config: AppConfig, request: Request): RelyingParty {
  const base = new URL(publicBaseUrl(config, request));
  return { id: base.hostname, origin: base.origin };
}
