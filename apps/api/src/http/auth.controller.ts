import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Actor } from '@koers/access';
import { APP_CONFIG, AppConfig } from '@koers/core';
import {
  ACCESS_COOKIE,
  accessCookieOptions,
  AuthService,
  CurrentActor,
  IssuedTokens,
  LoginDto,
  Public,
  REFRESH_COOKIE,
  refreshCookieOptions,
  toUserDto,
  UserService,
} from '@koers/identity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly users: UserService,
  ) {}

  /** Rate-limited per client address; the account itself locks after repeated failures. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const tokens = await this.auth.login(body.email, body.password, request.ip ?? null);
    return this.issue(tokens, response);
  }

  /** Exchanges the refresh cookie for a new access token (and a new refresh cookie). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const tokens = await this.auth.refresh(request.cookies?.[REFRESH_COOKIE] as string | undefined);
    return this.issue(tokens, response);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    await this.auth.logout(actor);
    response.clearCookie(ACCESS_COOKIE, { ...accessCookieOptions(this.config.auth), maxAge: undefined });
    response.clearCookie(REFRESH_COOKIE, { ...refreshCookieOptions(this.config.auth), maxAge: undefined });
  }

  private async issue(tokens: IssuedTokens, response: Response) {
    response.cookie(ACCESS_COOKIE, tokens.accessToken, accessCookieOptions(this.config.auth));
    response.cookie(REFRESH_COOKIE, tokens.refreshToken, refreshCookieOptions(this.config.auth));
    const user = await this.users.account(tokens.userId);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user: toUserDto(user) };
  }
}
