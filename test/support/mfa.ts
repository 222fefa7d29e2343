import * as OTPAuth from 'otpauth';
import type { TestApp } from './test-app';

/** A code as the person's authenticator app shows it (otpauth, independent of the server's check). */
export const totpCode = (secret: string, at = Date.now()) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });

/**
 * Logs in someone of whom the MFA policy requires a second factor (the secretariat outside the demo) and
 * enrols TOTP with that first session, as the screen leads them to; answers the token (now usable everywhere)
 * and the secret for later logins.
 */
export async function loginAndEnrol(t: TestApp, email: string, password: string) {
  const token = await t.login(email, password);
  const auth = { Authorization: `Bearer ${token}` };
  const setup = await t.http().post('/api/me/mfa/setup').set(auth).expect(201);
  const secret = setup.body.secret as string;
  await t
    .http()
    .post('/api/me/mfa/confirm')
    .set(auth)
    .send({ code: totpCode(secret) })
    .expect(200);
  return { token, secret };
}
