import { dictionary } from '@zxcvbn-ts/language-common';
import { validationFailed } from '@koers/core';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * About 49,000 common and breached passwords, bundled with zxcvbn-ts (a maintained package; no network
 * lookup). Lower-cased once at start-up.
 */
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

/**
 * Why a password may not be used, in Dutch, or null when it is acceptable. The rules of the BIO and
 * NIST SP 800-63B: long enough, not the login name, not a known password (also not one with only
 * digits or symbols added, like "wachtwoord2026!").
 */
export function passwordProblem(password: string, email: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  if ([...password].length > MAX_PASSWORD_LENGTH)
    return `Een wachtwoord heeft hoogstens ${MAX_PASSWORD_LENGTH} tekens.`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  if (lower === address || lower.includes(address) || (localPart.length >= 4 && lower.includes(localPart)))
    return 'Een wachtwoord mag uw e-mailadres niet bevatten.';
  const core = lower.replace(/[^\p{L}]+$/u, '').replace(/^[^\p{L}]+/u, '');
  if (COMMON_PASSWORDS.has(lower) || (core.length > 0 && COMMON_PASSWORDS.has(core)))
    return 'Dit wachtwoord is te bekend: het staat op een lijst van veelgebruikte of uitgelekte wachtwoorden. Kies een ander.';
  if (/^(.)\1+$/u.test(password)) return 'Een wachtwoord mag niet uit één herhaald teken bestaan.';
  return null;
}

/** Throws VALIDATION_FAILED on `field` with the reason when the password may not be used. */
export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw validationFailed([{ field, messages: [problem] }], problem);
}
