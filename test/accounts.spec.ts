import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@koers/demo';
import { PasswordService } from '@koers/identity';
import { Api, DEMO, errorBody, expectStatus, unique } from './support/api-helpers';
import { liveSocket } from './support/live-client';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'http://koers.test';
const GOOD_PASSWORD = 'paarse-olifant-fietst-naar-Zeist';
const OTHER_PASSWORD = 'groene-reiger-zwemt-in-de-Vecht';

/** The one-time token in a mail's link (the fragment after #token=). */
function tokenIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`${PUBLIC_URL}${path}#token=([\\w-]+)`).exec(mail.text ?? '');
  if (!match) throw new Error(`No ${path} link in: ${mail.text}`);
  expect(mail.html).toContain(`href="${PUBLIC_URL}${path}#token=${match[1]}"`);
  return match[1];
}

function refreshCookieOf(response: { headers: Record<string, unknown> }): string {
  const line = ((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) =>
    c.startsWith('koers_refresh='),
  );
  if (!line) throw new Error('No refresh cookie');
  return line.split(';')[0].slice('koers_refresh='.length);
}

describe('accounts: invitations and passwords (with SMTP)', () => {
  let t: TestApp;
  let api: Api;
  let sink: SmtpSink;
  let db: DataSource;
  let organisationId: string;
  /** Strings that must never appear in the audit log. */
  const secrets = new Set<string>([GOOD_PASSWORD, OTHER_PASSWORD]);

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      KOERS_SMTP_URL: sink.url,
      // The sink offers no STARTTLS: declared a local relay, as test/digest.spec.ts does.
      KOERS_SMTP_LOCAL_RELAY: 'true',
      KOERS_MAIL_FROM: 'Koers <koers@example.nl>',
      KOERS_PUBLIC_URL: PUBLIC_URL,
      KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
    });
    api = new Api(t);
    db = t.app.get(DataSource);
    organisationId = await api.organisationId('Gemeente Utrecht');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const mailsTo = (address: string) => sink.mails.filter((m) => recipientOf(m) === address);
  const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

  async function invite(local: string) {
    const email = `${unique(local).replace(/\W+/g, '-').toLowerCase()}@example.nl`;
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/users', {
        email,
        displayName: 'Nieuwe Collega',
        function: 'ambtenaar',
        organisationId,
      }),
      201,
    ).body;
    return { id: created.id as string, email, created };
  }

  describe('invitation', () => {
    it('creating a user mails a one-time link (stored only as a hash); the person sets a password with it once', async () => {
      const { id, email, created } = await invite('uitgenodigd');
      expect(created).toMatchObject({ email, invitationPending: true, invitation: { delivery: 'mail' } });
      expect(created.invitation).not.toHaveProperty('link');
      const expiresIn = Date.parse(created.invitation.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(71 * 3600_000);
      expect(expiresIn).toBeLessThanOrEqual(72 * 3600_000);

      const [mail] = mailsTo(email);
      expect(mail.subject).toBe('Uitnodiging voor Koers');
      expect(mail.text).toContain('Beste Nieuwe Collega,');
      const token = tokenIn(mail, '/uitnodiging');
      secrets.add(token);
      const stored: Array<{ token_hash: string }> = await db.query(
        'SELECT token_hash FROM account_tokens WHERE user_id = $1',
        [id],
      );
      expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

      // No password yet: no login, with the same answer as a wrong password.
      const early = await login(email, GOOD_PASSWORD);
      expect(early.status).toBe(401);
      expect(early.body).toEqual(errorBody('INVALID_CREDENTIALS'));

      const weak = await t.http().post('/api/invitations/accept').send({ token, password: 'qwerty123456' });
      expect(weak.status).toBe(400);
      expect(weak.body.error.fields).toEqual([{ field: 'password', messages: [expect.stringContaining('te bekend')] }]);
      const own = await t
        .http()
        .post('/api/invitations/accept')
        .send({ token, password: `${email}!` });
      expect(own.body.error.fields[0].messages[0]).toContain('e-mailadres');
      const short = await t.http().post('/api/invitations/accept').send({ token, password: 'kort' });
      expect(short.status).toBe(400);
      expect(short.body.error.fields[0]).toMatchObject({ field: 'password' });

      const accepted = await t.http().post('/api/invitations/accept').send({ token, password: GOOD_PASSWORD });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ email });
      expect((await login(email, GOOD_PASSWORD)).status).toBe(200);
      expect(expectStatus(await api.get(DEMO.secretariaat, `/api/users/${id}`), 200).body.invitationPending).toBe(
        false,
      );

      const again = await t.http().post('/api/invitations/accept').send({ token, password: OTHER_PASSWORD });
      expect(again.status).toBe(410);
      expect(again.body).toEqual(errorBody('LINK_INVALID'));
      expect(again.body.error.message).toContain('al gebruikt of verlopen');
      expect((await login(email, OTHER_PASSWORD)).status).toBe(401);

      const audit = await api.audit({ entityId: id });
      expect(audit.items.map((e) => `${e.action}:${e.outcome}`)).toEqual(
        expect.arrayContaining(['user.create:success', 'user.invite:success', 'user.invitation_accept:success']),
      );
    });

    it('the secretariat resends an invitation; the earlier link stops working; an expired link is refused', async () => {
      const { id, email } = await invite('opnieuw');
      const first = tokenIn(mailsTo(email)[0], '/uitnodiging');
      const resent = expectStatus(await api.post(DEMO.secretariaat, `/api/users/${id}/invitation`), 201).body;
      expect(resent).toMatchObject({ delivery: 'mail', expiresAt: expect.any(String) });
      expect(mailsTo(email)).toHaveLength(2);
      const second = tokenIn(mailsTo(email)[1], '/uitnodiging');
      secrets.add(first).add(second);
      expect(second).not.toBe(first);

      expect(
        (await t.http().post('/api/invitations/accept').send({ token: first, password: GOOD_PASSWORD })).status,
      ).toBe(410);
      await db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [id]);
      const expired = await t.http().post('/api/invitations/accept').send({ token: second, password: GOOD_PASSWORD });
      expect(expired.status).toBe(410);

      const third = expectStatus(await api.post(DEMO.secretariaat, `/api/users/${id}/invitation`), 201);
      expect(third.body.delivery).toBe('mail');
      const token = tokenIn(mailsTo(email)[2], '/uitnodiging');
      secrets.add(token);
      expectStatus(await t.http().post('/api/invitations/accept').send({ token, password: GOOD_PASSWORD }), 200);

      const refused = await api.audit({ action: 'user.invitation_accept', outcome: 'failed' });
      expect(refused.items.length).toBeGreaterThanOrEqual(2);
      expect(refused.items[0]).toMatchObject({ summary: { reason: 'invalid_link' } });
    });

    it('a deactivated account is not invited again, and its pending link stops working', async () => {
      const { id, email } = await invite('gedeactiveerd');
      const token = tokenIn(mailsTo(email)[0], '/uitnodiging');
      secrets.add(token);
      expectStatus(await api.patch(DEMO.secretariaat, `/api/users/${id}`, { active: false }), 200);
      expect((await api.post(DEMO.secretariaat, `/api/users/${id}/invitation`)).status).toBe(409);
      expect((await t.http().post('/api/invitations/accept').send({ token, password: GOOD_PASSWORD })).status).toBe(
        410,
      );
    });

    it('a mail the SMTP server refuses is reported, and can be resent', async () => {
      const email = `${unique('geweigerd').replace(/\W+/g, '-').toLowerCase()}@example.nl`;
      sink.refuse.add(email);
      const created = expectStatus(
        await api.post(DEMO.secretariaat, '/api/users', {
          email,
          displayName: 'Geweigerd',
          function: 'partner',
          organisationId,
        }),
        201,
      ).body;
      expect(created.invitation).toEqual({ delivery: 'mail_failed', expiresAt: expect.any(String) });
      sink.refuse.delete(email);
      const resent = expectStatus(await api.post(DEMO.secretariaat, `/api/users/${created.id}/invitation`), 201);
      expect(resent.body.delivery).toBe('mail');
      expect(mailsTo(email)).toHaveLength(1);
    });
  });

  describe('wachtwoord vergeten', () => {
    const settled = () => t.app.get(PasswordService).settled();

    it('answers 202 with the same body for a known and an unknown address, and mails only the known one', async () => {
      const known = await t.http().post('/api/auth/password-reset').send({ email: DEMO.ovjCyber.toUpperCase() });
      const unknown = await t.http().post('/api/auth/password-reset').send({ email: 'niemand@example.nl' });
      await settled();
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      expect(known.body.message).toContain('Als dit e-mailadres bij Koers bekend is');
      expect(mailsTo('niemand@example.nl')).toHaveLength(0);
      const [mail] = mailsTo(DEMO.ovjCyber);
      expect(mail.subject).toBe('Nieuw wachtwoord voor Koers');
      secrets.add(tokenIn(mail, '/wachtwoord-herstellen'));

      const requests = await api.audit({ action: 'auth.password_reset_request' });
      expect(requests.items.find((e) => e.actorEmail === 'niemand@example.nl')).toMatchObject({
        outcome: 'failed',
        summary: { reason: 'unknown_email' },
      });
      expect(requests.items.find((e) => e.outcome === 'success')).toMatchObject({
        entityId: await api.userId(DEMO.ovjCyber),
      });
    });

    it('the link sets a new password once, ends every session of the account, and expires after an hour', async () => {
      const email = DEMO.politieCyber;
      const before = await login(email, DEMO_PASSWORD);
      const access = before.body.accessToken as string;
      const refresh = refreshCookieOf(before);
      secrets.add(access).add(refresh);

      await t.http().post('/api/auth/password-reset').send({ email });
      await settled();
      const token = tokenIn(mailsTo(email).at(-1)!, '/wachtwoord-herstellen');
      secrets.add(token);
      const [{ expires_in: expiresIn }] = await db.query(
        `SELECT extract(epoch FROM expires_at - now()) AS expires_in FROM account_tokens
          WHERE token_hash = $1 AND purpose = 'password_reset'`,
        [createHash('sha256').update(token).digest('hex')],
      );
      expect(Number(expiresIn)).toBeGreaterThan(3500);
      expect(Number(expiresIn)).toBeLessThanOrEqual(3600);

      const weak = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'welkom123456' });
      expect(weak.status).toBe(400);
      const done = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: GOOD_PASSWORD });
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ email });

      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${refresh}`)).status).toBe(401);
      expect((await login(email, DEMO_PASSWORD)).status).toBe(401);
      expect((await login(email, GOOD_PASSWORD)).status).toBe(200);

      const used = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: OTHER_PASSWORD });
      expect(used.status).toBe(410);
      expect(used.body.error.message).toContain('Vraag hieronder een nieuwe aan');

      await t.http().post('/api/auth/password-reset').send({ email });
      await settled();
      const late = tokenIn(mailsTo(email).at(-1)!, '/wachtwoord-herstellen');
      secrets.add(late);
      await db.query(
        `UPDATE account_tokens SET created_at = now() - interval '61 minutes', expires_at = now() - interval '1 minute'
          WHERE token_hash = $1`,
        [createHash('sha256').update(late).digest('hex')],
      );
      expect(
        (await t.http().post('/api/auth/password-reset/confirm').send({ token: late, password: OTHER_PASSWORD }))
          .status,
      ).toBe(410);

      // The audit filter matches action prefixes (auth.password_reset_request too).
      const audit = (await api.audit({ action: 'auth.password_reset' })).items.filter(
        (e) => e.action === 'auth.password_reset',
      );
      expect(audit.filter((e) => e.outcome === 'success' && e.actorEmail === email)).toHaveLength(1);
      expect(audit.filter((e) => e.outcome === 'failed').length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('changing my own password', () => {
    it('checks the current password and the rules, ends my other sessions, keeps this one and mails a notice', async () => {
      const email = DEMO.ambtelijkCyber;
      const here = (await login(email, DEMO_PASSWORD)).body.accessToken as string;
      const elsewhere = (await login(email, DEMO_PASSWORD)).body.accessToken as string;
      secrets.add(here).add(elsewhere);
      const change = (body: object) =>
        t.http().post('/api/me/password').set('Authorization', `Bearer ${here}`).send(body);

      const wrong = await change({ currentPassword: 'niet-mijn-wachtwoord', newPassword: GOOD_PASSWORD });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fields).toEqual([{ field: 'currentPassword', messages: [expect.any(String)] }]);
      secrets.add('niet-mijn-wachtwoord');
      const common = await change({ currentPassword: DEMO_PASSWORD, newPassword: 'Password2026!!' });
      expect(common.status).toBe(400);
      expect(common.body.error.fields).toEqual([
        { field: 'newPassword', messages: [expect.stringContaining('bekend')] },
      ]);

      expect((await change({ currentPassword: DEMO_PASSWORD, newPassword: GOOD_PASSWORD })).status).toBe(204);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${here}`)).status).toBe(200);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${elsewhere}`)).status).toBe(401);
      expect((await login(email, DEMO_PASSWORD)).status).toBe(401);
      expect((await login(email, GOOD_PASSWORD)).status).toBe(200);
      expect(mailsTo(email).map((m) => m.subject)).toEqual(['Uw wachtwoord voor Koers is gewijzigd']);

      const audit = await api.audit({ action: 'auth.password_change' });
      expect(audit.items.map((e) => `${e.actorEmail}:${e.outcome}`).sort()).toEqual([
        `${email}:failed`,
        `${email}:success`,
      ]);
    });
  });

  describe('open sockets follow the password', () => {
    const endedWith = (socket: Awaited<ReturnType<typeof liveSocket>>['socket']) =>
      new Promise<string>((resolve) => socket.once('session-ended', (e: { reason: string }) => resolve(e.reason)));

    it('a changed password closes the sockets of my other sessions, not this one; a reset closes them all', async () => {
      const email = DEMO.ambtelijkOnrust;
      const here = (await login(email, DEMO_PASSWORD)).body.accessToken as string;
      const elsewhere = (await login(email, DEMO_PASSWORD)).body.accessToken as string;
      secrets.add(here).add(elsewhere);
      const mine = await liveSocket(t.url, here);
      const other = await liveSocket(t.url, elsewhere);
      try {
        const otherEnded = endedWith(other.socket);
        await t
          .http()
          .post('/api/me/password')
          .set('Authorization', `Bearer ${here}`)
          .send({ currentPassword: DEMO_PASSWORD, newPassword: GOOD_PASSWORD })
          .expect(204);
        expect(await otherEnded).toBe('password');
        expect(mine.socket.connected).toBe(true);

        const mineEnded = endedWith(mine.socket);
        await t.http().post('/api/auth/password-reset').send({ email });
        await t.app.get(PasswordService).settled();
        const token = tokenIn(mailsTo(email).at(-1)!, '/wachtwoord-herstellen');
        secrets.add(token);
        await t.http().post('/api/auth/password-reset/confirm').send({ token, password: OTHER_PASSWORD }).expect(200);
        expect(await mineEnded).toBe('password');
      } finally {
        mine.socket.close();
        other.socket.close();
      }
    });
  });

  describe('refresh tokens and idle sessions', () => {
    it('a spent refresh token presented again ends the whole session (after a short grace for parallel tabs)', async () => {
      const first = await login(DEMO.aanjagerCyber, DEMO_PASSWORD);
      const access = first.body.accessToken as string;
      const r1 = refreshCookieOf(first);
      const rotated = await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${r1}`);
      expect(rotated.status).toBe(200);
      const r2 = refreshCookieOf(rotated);
      secrets.add(access).add(r1).add(r2).add(rotated.body.accessToken);

      // A second tab that sent the old token a moment later: refused, but the session lives on.
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${r1}`)).status).toBe(401);
      const stillLive = await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${r2}`);
      expect(stillLive.status).toBe(200);
      const r3 = refreshCookieOf(stillLive);
      secrets.add(r3).add(stillLive.body.accessToken);

      // Later the old token comes back: it was copied. The session ends for everyone holding it.
      await db.query(`UPDATE spent_refresh_tokens SET spent_at = now() - interval '1 minute'`);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${r1}`)).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${r3}`)).status).toBe(401);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).status).toBe(401);

      const reuse = await api.audit({ action: 'auth.refresh_reuse' });
      expect(reuse.items.map((e) => e.summary.sessionEnded)).toEqual([true, false]);
      expect(reuse.items[0]).toMatchObject({ outcome: 'denied', entityType: 'session' });
    });

    it('a session unused for longer than the idle timeout has ended', async () => {
      const response = await login(DEMO.aanjagerOnrust, DEMO_PASSWORD);
      const access = response.body.accessToken as string;
      const refresh = refreshCookieOf(response);
      secrets.add(access).add(refresh);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).status).toBe(200);
      expect(t.config.auth.sessionIdleTimeoutSeconds).toBe(1800);

      const sessionId = JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()).sid as string;
      await db.query(`UPDATE auth_sessions SET last_used_at = now() - interval '29 minutes' WHERE id = $1`, [
        sessionId,
      ]);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).status).toBe(200);
      await db.query(`UPDATE auth_sessions SET last_used_at = now() - interval '31 minutes' WHERE id = $1`, [
        sessionId,
      ]);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${refresh}`)).status).toBe(401);
    });
  });

  it('no audit entry contains a password or a token', async () => {
    const all = await api.audit({ limit: 200 });
    const entries = [...all.items];
    for (let offset = 200; offset < all.total; offset += 200)
      entries.push(...(await api.audit({ limit: 200, offset })).items);
    const text = JSON.stringify(entries);
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\$argon2/);
  });
});

describe('accounts without SMTP (the embedded default)', () => {
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
  });
  afterAll(() => t?.close());

  it('the secretariat gets the invitation link to hand over, and the person sets a password with it', async () => {
    const email = `${unique('zonder-mail').replace(/\W+/g, '-').toLowerCase()}@example.nl`;
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/users', {
        email,
        displayName: 'Zonder Mail',
        function: 'partner',
        organisationId: await api.organisationId('Gemeente Utrecht'),
      }),
      201,
    ).body;
    expect(created.invitation).toEqual({
      delivery: 'link',
      expiresAt: expect.any(String),
      link: expect.stringMatching(/^\/uitnodiging#token=[\w-]{43}$/),
    });
    const token = (created.invitation.link as string).split('#token=')[1];
    expectStatus(await t.http().post('/api/invitations/accept').send({ token, password: GOOD_PASSWORD }), 200);
    expect((await t.http().post('/api/auth/login').send({ email, password: GOOD_PASSWORD })).status).toBe(200);
    expect(JSON.stringify((await api.audit({ entityId: created.id })).items)).not.toContain(token);
  });

  it('a reset request still answers 202, and is recorded as undeliverable', async () => {
    const response = await t.http().post('/api/auth/password-reset').send({ email: DEMO.rvc });
    expect(response.status).toBe(202);
    await t.app.get(PasswordService).settled();
    const audit = await api.audit({ action: 'auth.password_reset_request' });
    expect(audit.items[0]).toMatchObject({ outcome: 'failed', summary: { reason: 'no_mail_configured' } });
  });
});
