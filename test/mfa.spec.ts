import * as OTPAuth from 'otpauth';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@koers/demo';
import { Api, DEMO, errorBody, expectStatus } from './support/api-helpers';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

/** A code as the person's authenticator app shows it (otpauth, independent of the server's check). */
const codeOf = (secret: string, at = Date.now()) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });

describe('TOTP second factor', () => {
  let t: TestApp;
  let api: Api;
  let sink: SmtpSink;
  let db: DataSource;
  const secrets = new Set<string>();

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      KOERS_SMTP_URL: sink.url,
      // The sink offers no STARTTLS: declared a local relay, as test/digest.spec.ts does.
      KOERS_SMTP_LOCAL_RELAY: 'true',
      KOERS_MAIL_FROM: 'Koers <koers@example.nl>',
      KOERS_PUBLIC_URL: 'http://koers.test',
      KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
    });
    api = new Api(t);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const password = (email: string) => t.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  const second = (challenge: string, code: string) => t.http().post('/api/auth/mfa').send({ challenge, code });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Enrols a demo person; answers the secret and the recovery codes. */
  async function enrol(email: string) {
    const token = (await password(email)).body.accessToken as string;
    const setup = expectStatus(await t.http().post('/api/me/mfa/setup').set(bearer(token)), 201).body;
    secrets.add(setup.secret);
    const confirmed = expectStatus(
      await t
        .http()
        .post('/api/me/mfa/confirm')
        .set(bearer(token))
        .send({ code: codeOf(setup.secret) }),
      200,
    ).body;
    for (const code of confirmed.recoveryCodes) secrets.add(code);
    return { secret: setup.secret as string, recoveryCodes: confirmed.recoveryCodes as string[], token };
  }

  it('enrols with a QR code made on the server and a confirming code; ten recovery codes are shown once', async () => {
    const token = (await password(DEMO.ovjCyber)).body.accessToken as string;
    expect(expectStatus(await t.http().get('/api/me/mfa').set(bearer(token)), 200).body).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const setup = expectStatus(await t.http().post('/api/me/mfa/setup').set(bearer(token)), 201).body;
    secrets.add(setup.secret);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toBe(
      `otpauth://totp/Koers:${encodeURIComponent(DEMO.ovjCyber)}?issuer=Koers&secret=${setup.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<path/s);
    expect(setup.qrSvg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

    const wrong = await t.http().post('/api/me/mfa/confirm').set(bearer(token)).send({ code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([{ field: 'code', messages: [expect.any(String)] }]);

    const confirmed = await t
      .http()
      .post('/api/me/mfa/confirm')
      .set(bearer(token))
      .send({ code: codeOf(setup.secret) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    for (const code of confirmed.body.recoveryCodes) {
      expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      secrets.add(code);
    }
    const stored: Array<{ code_hash: string }> = await db.query(
      'SELECT code_hash FROM mfa_recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = $1',
      [DEMO.ovjCyber],
    );
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(confirmed.body.recoveryCodes[0].replace('-', ''));
    expect(expectStatus(await t.http().get('/api/me/mfa').set(bearer(token)), 200).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    expect((await t.http().post('/api/me/mfa/setup').set(bearer(token))).status).toBe(409);
  });

  it('login with MFA: the password step gives a challenge and no tokens; a code gives the session; a replay is refused', async () => {
    const { secret } = await enrol(DEMO.politieCyber);
    const first = await password(DEMO.politieCyber);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, challenge: expect.stringMatching(/^[\w-]{43}$/) });
    expect(first.headers['set-cookie']).toBeUndefined();
    secrets.add(first.body.challenge);

    expect((await second(first.body.challenge, '000000')).body).toEqual(errorBody('INVALID_CREDENTIALS'));
    // The enrolment used the current time step: the next one (the app shows it within 30 s) logs in.
    const next = codeOf(secret, Date.now() + 30_000);
    const done = await second(first.body.challenge, next);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ accessToken: expect.any(String), user: { email: DEMO.politieCyber } });
    expect(String(done.headers['set-cookie'])).toContain('koers_refresh=');
    secrets.add(done.body.accessToken);
    expect((await t.http().get('/api/me').set(bearer(done.body.accessToken))).status).toBe(200);
    // The challenge is used up, and the same code in a new login is a replay.
    expect((await second(first.body.challenge, next)).status).toBe(401);
    const again = (await password(DEMO.politieCyber)).body.challenge as string;
    secrets.add(again);
    const replay = await second(again, next);
    expect(replay.status).toBe(401);

    const failures = (await api.audit({ action: 'auth.mfa', outcome: 'failed' })).items.filter(
      (e) => e.actorEmail === DEMO.politieCyber,
    );
    expect(failures.map((e) => e.summary.reason).sort()).toEqual(['replayed_code', 'wrong_code']);
    const logins = (await api.audit({ action: 'auth.login', outcome: 'success' })).items.filter(
      (e) => e.actorEmail === DEMO.politieCyber,
    );
    expect(logins[0].summary).toEqual({ mfa: 'totp' });
  });

  it('a recovery code logs in once; a challenge expires after five minutes', async () => {
    const { recoveryCodes } = await enrol(DEMO.ambtelijkCyber);
    const challenge = (await password(DEMO.ambtelijkCyber)).body.challenge as string;
    secrets.add(challenge);
    const typed = recoveryCodes[3].toLowerCase().replace('-', ' ');
    expect((await second(challenge, typed)).status).toBe(200);
    const next = (await password(DEMO.ambtelijkCyber)).body.challenge as string;
    secrets.add(next);
    expect((await second(next, recoveryCodes[3])).status).toBe(401);
    expect((await second(next, recoveryCodes[4])).status).toBe(200);

    const late = (await password(DEMO.ambtelijkCyber)).body.challenge as string;
    secrets.add(late);
    await db.query(`UPDATE mfa_challenges SET expires_at = now() - interval '1 second' WHERE expires_at > now()`);
    const expired = await second(late, recoveryCodes[5]);
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain('Log opnieuw in');
  });

  it('wrong codes count toward the lock of their source', async () => {
    await enrol(DEMO.aanjagerCyber);
    let last = null as { status: number; body: { error: { code: string } } } | null;
    for (let attempt = 0; attempt < t.config.auth.loginMaxFailures; attempt++) {
      const challenge = (await password(DEMO.aanjagerCyber)).body.challenge as string;
      secrets.add(challenge);
      last = await second(challenge, '111111');
    }
    expect(last).toMatchObject({ status: 423, body: errorBody('ACCOUNT_LOCKED') });
    expect((await password(DEMO.aanjagerCyber)).status).toBe(423);
    await db.query('DELETE FROM login_failures');
  });

  it('the secretariat resets a second factor (audited, the person is told by mail) and sets the policy', async () => {
    const { token } = await enrol(DEMO.ambtelijkOnrust);
    const id = await api.userId(DEMO.ambtelijkOnrust);
    expect((await api.post(DEMO.secretariaat, `/api/users/${id}/mfa/reset`)).status).toBe(204);
    expect((await password(DEMO.ambtelijkOnrust)).body).toMatchObject({ accessToken: expect.any(String) });
    const mail = sink.mails.filter((m) => recipientOf(m) === DEMO.ambtelijkOnrust);
    expect(mail.map((m) => m.subject)).toEqual(['Uw tweede factor voor Koers is verwijderd']);
    expect((await api.audit({ action: 'mfa.reset' })).items[0]).toMatchObject({ entityId: id, outcome: 'success' });

    // The demo installation requires nothing by default; the secretariat can require it for everyone.
    expect(expectStatus(await api.get(DEMO.secretariaat, '/api/mfa-policy'), 200).body).toEqual({
      requireAll: false,
      requireSecretariat: false,
      requireRvc: false,
    });
    const policy = { requireAll: false, requireSecretariat: false, requireRvc: true };
    expect(expectStatus(await api.request(DEMO.secretariaat, 'PUT', '/api/mfa-policy', policy), 200).body).toEqual(
      policy,
    );
    expect(expectStatus(await t.http().get('/api/me/mfa').set(bearer(token)), 200).body).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
  });

  it('no audit entry holds a TOTP secret, a recovery code or a challenge', async () => {
    const all = await api.audit({ limit: 200 });
    const entries = [...all.items];
    for (let offset = 200; offset < all.total; offset += 200)
      entries.push(...(await api.audit({ limit: 200, offset })).items);
    const text = JSON.stringify(entries);
    expect(secrets.size).toBeGreaterThan(20);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('MFA policy outside demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      KOERS_DEMO: 'false',
      KOERS_ADMIN_EMAIL: 'beheer@regio.example.nl',
      KOERS_ADMIN_PASSWORD: 'paarse-olifant-fietst-naar-Zeist',
    });
  });
  afterAll(() => t?.close());

  it('requires a second factor of the secretariat and the RVC members by default', async () => {
    const token = await t.login('beheer@regio.example.nl', 'paarse-olifant-fietst-naar-Zeist');
    const status = await t
      .http()
      .get('/api/me/mfa')
      .set({ Authorization: `Bearer ${token}` });
    expect(status.body).toEqual({ enabled: false, required: true, recoveryCodesLeft: 0 });
    const policy = await t
      .http()
      .get('/api/mfa-policy')
      .set({ Authorization: `Bearer ${token}` });
    expect(policy.body).toEqual({ requireAll: false, requireSecretariat: true, requireRvc: true });
  });
});
