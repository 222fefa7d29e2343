import { createHash, randomBytes } from 'node:crypto';

/** Where the web client takes a one-time link; the token travels in the fragment, so it never reaches logs or a Referer. */
export const LINK_PATHS = {
  invitation: '/uitnodiging',
  password_reset: '/wachtwoord-herstellen',
  unlock: '/ontgrendelen',
} as const;

export const INVITATION_TTL_MS = 72 * 3600_000;
export const PASSWORD_RESET_TTL_MS = 3600_000;
export const UNLOCK_TTL_MS = 24 * 3600_000;

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The link path with its token, e.g. /uitnodiging#token=...; prefixed by KOERS_PUBLIC_URL in a mail. */
export function linkPath(purpose: keyof typeof LINK_PATHS, token: string): string {
  return `${LINK_PATHS[purpose]}#token=${token}`;
}
