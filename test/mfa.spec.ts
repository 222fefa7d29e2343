import * as OTPAuth from 'otpauth';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@koers/demo';
import { MfaRepository } from '@koers/identity';
import { EncryptTotpSecrets1765120000000 } from '../libs/core/src/database/migrations/1765120000000-encrypt-totp-secrets';
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
      passkeys: 0,
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
    expect(first.body).toEqual({
      mfaRequired: true,
      challenge: expect.stringMatching(/^[\w-]{43}$/),
      methods: ['totp'],
    });
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
      passkeys: 0,
    });
  });

  it('TOTP secrets are stored only encrypted (AES-256-GCM); the migration seals existing plain ones', async () => {
    const { secret } = await enrol(DEMO.ovjOnrust);
    const id = await api.userId(DEMO.ovjOnrust);
    const stored = async () =>
      (await db.query('SELECT mfa_secret AS secret FROM users WHERE id = $1', [id]))[0].secret as string;
    const sealed = await stored();
    expect(sealed).toMatch(/^koers-aes-gcm:v1:[0-9a-f]{12}:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed.split(':').pop()!, 'base64url').toString('latin1')).not.toContain(secret);
    // The column refuses a plain secret, and no row holds one.
    await expect(db.query('UPDATE users SET mfa_secret = $2 WHERE id = $1', [id, secret])).rejects.toThrow(
      /users_mfa_secret_sealed/,
    );
    const plain: unknown[] = await db.query(
      `SELECT id FROM users WHERE mfa_secret NOT LIKE 'koers-aes-gcm:%' OR mfa_pending_secret NOT LIKE 'koers-aes-gcm:%'`,
    );
    expect(plain).toEqual([]);
    // A sealed secret copied to another person's row does not open there (bound to the user id).
    const other = await api.userId(DEMO.waarnemerOnrust);
    await db.query('UPDATE users SET mfa_secret = $2, mfa_enabled_at = now() WHERE id = $1', [other, sealed]);
    const copied = (await password(DEMO.waarnemerOnrust)).body.challenge as string;
    secrets.add(copied);
    expect((await second(copied, codeOf(secret))).status).toBe(401);
    await db.query('UPDATE users SET mfa_secret = NULL, mfa_enabled_at = NULL WHERE id = $1', [other]);

    // An installation from before: the migration's down step opens the secrets, up seals them again.
    const migration = new EncryptTotpSecrets1765120000000();
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await stored()).toBe(secret);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const resealed = await stored();
    expect(resealed).toMatch(/^koers-aes-gcm:v1:/);
    expect(resealed).not.toBe(sealed);
    // Login still works with the sealed secret.
    const challenge = (await password(DEMO.ovjOnrust)).body.challenge as string;
    secrets.add(challenge);
    expect((await second(challenge, codeOf(secret, Date.now() + 30_000))).status).toBe(200);

    // Key rotation: with the old key as a previous one, start-up seals every secret again with the new key.
    const rotatedConfig = {
      ...t.config,
      auth: {
        ...t.config.auth,
        secretKey: 'een-nieuwe-sleutel-van-minstens-32-tekens',
        previousSecretKeys: [t.config.auth.secretKey],
      },
    };
    const rotated = new MfaRepository(db, rotatedConfig);
    await rotated.onApplicationBootstrap();
    const afterRotation = await stored();
    expect(afterRotation).toMatch(/^koers-aes-gcm:v1:/);
    expect(afterRotation.split(':')[2]).not.toBe(resealed.split(':')[2]);
    expect((await rotated.state(id))?.secret).toBe(secret);
    expect((await new MfaRepository(db, t.config).state(id))?.secret).toBeNull();
    // And back, so the rest of this suite runs with the app's own key.
    await new MfaRepository(db, {
      ...t.config,
      auth: { ...t.config.auth, previousSecretKeys: [rotatedConfig.auth.secretKey] },
    }).onApplicationBootstrap();
    expect((await new MfaRepository(db, t.config).state(id))?.secret).toBe(secret);
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
  const admin = 'beheer@regio.example.nl';
  const adminPassword = 'paarse-olifant-fietst-naar-Zeist';

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
    expect(status.body).toEqual({ enabled: false, required: true, recoveryCodesLeft: 0, passkeys: 0 });
    const policy = await t
      .http()
      .get('/api/mfa-policy')
      .set({ Authorization: `Bearer ${token}` });
    expect(policy.body).toEqual(errorBody('MFA_ENROLMENT_REQUIRED'));
  });

  /** The outcome of a real Socket.IO handshake on a namespace: connected, or the server's refusal. */
  const handshake = (namespace: '/collab' | '/live', token: string) =>
    new Promise<{ connected: boolean; message?: string; data?: { code?: string; message?: string } }>((resolve) => {
      const socket = io(`${t.url}${namespace}`, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
      });
      socket.once('connect', () => {
        socket.close();
        resolve({ connected: true });
      });
      socket.once('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
        socket.close();
        resolve({ connected: false, message: err.message, data: err.data });
      });
    });

  it('refuses the sockets (/collab and /live) of someone who must still enrol, with the Dutch reason', async () => {
    const token = await t.login(admin, adminPassword);
    for (const namespace of ['/collab', '/live'] as const) {
      expect(await handshake(namespace, token)).toEqual({
        connected: false,
        message: 'MFA_ENROLMENT_REQUIRED',
        data: {
          code: 'MFA_ENROLMENT_REQUIRED',
          retryable: false,
          message:
            'Stel eerst een tweede factor in bij Mijn instellingen. Voor uw account is inloggen met een tweede factor verplicht.',
        },
      });
    }
    const denied = (await t.app
      .get(DataSource)
      .query(
        `SELECT summary FROM audit_log WHERE action = 'auth.mfa_enrolment_required' AND outcome = 'denied' AND summary ? 'namespace'`,
      )) as Array<{ summary: { namespace: string } }>;
    expect(denied.map((row) => row.summary.namespace).sort()).toEqual(['/collab', '/live']);
  });

  it('the server itself refuses everything but enrolment, logout and own basics until a second factor is set up', async () => {
    const token = await t.login(admin, adminPassword);
    const as = (method: 'get' | 'post' | 'put' | 'patch', path: string) => {
      const http = t.http();
      return http[method](path).set({ Authorization: `Bearer ${token}` });
    };
    for (const [method, path] of [
      ['get', '/api/organisations'],
      ['get', '/api/users'],
      ['get', '/api/mfa-policy'],
      ['get', '/api/audit'],
      ['get', '/api/me/notifications'],
      ['post', '/api/strategies'],
    ] as const) {
      const refused = await as(method, path);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.body).toEqual(errorBody('MFA_ENROLMENT_REQUIRED'));
      expect(refused.body.error.message).toBe(
        'Stel eerst een tweede factor in bij Mijn instellingen. Voor uw account is inloggen met een tweede factor verplicht.',
      );
    }
    // Open: logout, own profile, settings, sessions, the enrolment itself.
    const other = await t.login(admin, adminPassword);
    expect(
      (
        await t
          .http()
          .post('/api/auth/logout')
          .set({ Authorization: `Bearer ${other}` })
      ).status,
    ).toBe(200);
    expect((await as('get', '/api/me')).status).toBe(200);
    expect((await as('get', '/api/me/preferences')).status).toBe(200);
    expect((await as('get', '/api/me/sessions')).status).toBe(200);
    expect((await as('get', '/api/me/mfa')).body).toMatchObject({ enabled: false, required: true });
    const setup = expectStatus(await as('post', '/api/me/mfa/setup'), 201).body;
    expect(
      expectStatus(await as('post', '/api/me/mfa/confirm').send({ code: codeOf(setup.secret) }), 200).body,
    ).toMatchObject({ recoveryCodes: expect.any(Array) });
    // The same session now reaches everything.
    expect(expectStatus(await as('get', '/api/mfa-policy'), 200).body).toEqual({
      requireAll: false,
      requireSecretariat: true,
      requireRvc: true,
    });
    // And its sockets connect.
    expect(await handshake('/collab', token)).toEqual({ connected: true });
    expect(await handshake('/live', token)).toEqual({ connected: true });
    const denied = await t.app
      .get(DataSource)
      .query(`SELECT summary FROM audit_log WHERE action = 'auth.mfa_enrolment_required' AND outcome = 'denied'`);
    expect(denied.length).toBeGreaterThanOrEqual(6);
    expect(denied.map((row: { summary: { path: string } }) => row.summary.path)).toContain('/api/users');
  });
});
