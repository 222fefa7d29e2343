import * as OTPAuth from 'otpauth';
import { toString as qrSvg } from 'qrcode';

/** RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 seconds. */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, account: string) {
  return new OTPAuth.TOTP({
    issuer: 'Koers',
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI and a QR code of it as SVG, made here (nothing is sent to a third party). */
export async function enrolmentOf(secret: string, account: string): Promise<{ otpauthUri: string; qrSvg: string }> {
  const otpauthUri = totp(secret, account).toString();
  return { otpauthUri, qrSvg: await qrSvg(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}

/**
 * The time step of a valid code (one step of clock drift either way), or null. The caller accepts a step
 * only once: a step not above the last one used is a replay.
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret, '').validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}
