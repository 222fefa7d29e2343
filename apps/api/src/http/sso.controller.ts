import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@koers/access';
import { APP_CONFIG, AppConfig } from '@koers/core';
import {
  ACCESS_COOKIE,
  accessCookieOptions,
  CurrentActor,
  Public,
  REFRESH_COOKIE,
  refreshCookieOptions,
  SsoProviderDto,
  SsoRefusal,
  SsoService,
} from '@koers/identity';
import { clientOf, publicBaseUrl } from './auth.controller';
import { RouteAccess } from './route-access';
import { UuidParamPipe } from './validation';

/** Ties a login at the provider to the browser that started it (state), for ten minutes. */
const OIDC_COOKIE = 'koers_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

/**
 * Single sign-on with an organisation's OpenID provider (docs/access.md). The start and callback are
 * browser navigations (GET with redirects), not API calls: refusals end on the login page with
 * `?sso-fout=<code>`, which the page shows in Dutch (SSO_ERRORS in @koers/contracts).
 */
@ApiTags('auth')
@Controller()
export class SsoController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sso: SsoService,
  ) {}

  private redirectUri(request: Request): string {
    return `${publicBaseUrl(this.config, request)}/api/auth/oidc/callback`;
  }

  /** The organisations whose people log in with their own provider: the name on the button and the domains. */
  @Public()
  @Get('auth/oidc/providers')
  providers() {
    return this.sso.providers();
  }

  /** Sends the browser to the organisation's provider (authorization code flow with PKCE, state and nonce). */
  @Public()
  @Get('auth/oidc/:id/start')
  async start(
    @Param('id', UuidParamPipe) organisationId: string,
    @Query('returnTo') returnTo: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    try {
      const { url, state } = await this.sso.start(
        organisationId,
        this.redirectUri(request),
        returnTo ?? null,
        request.ip ?? null,
      );
      response.cookie(OIDC_COOKIE, state, {
        httpOnly: true,
        // Lax: the cookie must come along on the provider's top-level redirect back to Koers.
        sameSite: 'lax',
        secure: this.config.auth.cookieSecure,
        path: OIDC_COOKIE_PATH,
        maxAge: 10 * 60_000,
      });
      response.redirect(303, url);
    } catch (err) {
      if (err instanceof SsoRefusal) return response.redirect(303, `/inloggen?sso-fout=${err.code}`);
      throw err;
    }
  }

  /** The provider's answer: a session (or Koers's own second step), or the login page with the reason. */
  @Public()
  @Get('auth/oidc/callback')
  async callback(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const params = Object.fromEntries(
      Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    response.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
    try {
      const result = await this.sso.callback(
        params,
        request.cookies?.[OIDC_COOKIE] as string | undefined,
        this.redirectUri(request),
        clientOf(request),
      );
      if (result.kind === 'mfa')
        // In the fragment: it never reaches a server log or a Referer.
        return response.redirect(
          303,
          `/inloggen#mfa=${encodeURIComponent(result.challenge.challenge)}&methods=${result.challenge.methods.join(',')}`,
        );
      response.cookie(ACCESS_COOKIE, result.tokens.accessToken, accessCookieOptions(this.config.auth));
      response.cookie(REFRESH_COOKIE, result.tokens.refreshToken, refreshCookieOptions(this.config.auth));
      response.redirect(303, result.returnTo ?? '/');
    } catch (err) {
      if (err instanceof SsoRefusal) return response.redirect(303, `/inloggen?sso-fout=${err.code}`);
      throw err;
    }
  }

  /** The organisation's provider as the secretariat set it (never the client secret). */
  @Get('organisations/:id/sso')
  @RouteAccess('users.manage', { attempted: 'sso.read' })
  read(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.sso.read(actor, id);
  }

  @Put('organisations/:id/sso')
  @RouteAccess('users.manage', { attempted: 'sso.update' })
  save(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: SsoProviderDto) {
    return this.sso.save(actor, id, body);
  }

  @Delete('organisations/:id/sso')
  @HttpCode(204)
  @RouteAccess('users.manage', { attempted: 'sso.delete' })
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    await this.sso.remove(actor, id);
  }
}
