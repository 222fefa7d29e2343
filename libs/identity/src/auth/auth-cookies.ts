import type { CookieOptions } from 'express';
import type { AuthConfig } from '@koers/core';

export const ACCESS_COOKIE = 'koers_access';
export const REFRESH_COOKIE = 'koers_refresh';

/** httpOnly and SameSite=Strict: scripts cannot read them and other sites cannot send them. */
export function accessCookieOptions(config: AuthConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: '/',
    maxAge: config.accessTokenTtlSeconds * 1000,
  };
}

/** The refresh cookie only travels to the auth routes. */
export function refreshCookieOptions(config: AuthConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: '/api/auth',
    maxAge: config.sessionTtlSeconds * 1000,
  };
}
