import * as jwt from 'jsonwebtoken';
import { DEMO_PASSWORD } from '@koers/demo';
import { Api, DEMO, errorBody } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** Every route that needs a login, with a body valid enough to reach the guard's verdict. */
const PROTECTED_ROUTES: Array<[method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string]> = [
  ['GET', '/api/me'],
  ['POST', '/api/auth/logout'],
  ['GET', '/api/organisations'],
  ['POST', '/api/organisations'],
  ['PATCH', '/api/organisations/00000000-0000-4000-8000-000000000001'],
  ['DELETE', '/api/organisations/00000000-0000-4000-8000-000000000001'],
  ['GET', '/api/districts'],
  ['GET', '/api/users'],
  ['GET', '/api/users/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/users'],
  ['PATCH', '/api/users/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/users/00000000-0000-4000-8000-000000000001/invitation'],
  ['POST', '/api/me/password'],
  ['GET', '/api/strategies'],
  ['GET', '/api/strategies/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/strategies'],
  ['PATCH', '/api/strategies/00000000-0000-4000-8000-000000000001'],
  ['DELETE', '/api/strategies/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/strategies/00000000-0000-4000-8000-000000000001/themes'],
  ['PATCH', '/api/themes/00000000-0000-4000-8000-000000000001'],
  ['DELETE', '/api/themes/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/themes/00000000-0000-4000-8000-000000000001/focus-areas'],
  ['PATCH', '/api/focus-areas/00000000-0000-4000-8000-000000000001'],
  ['DELETE', '/api/focus-areas/00000000-0000-4000-8000-000000000001'],
  ['GET', '/api/workgroups'],
  ['GET', '/api/workgroups/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/workgroups'],
  ['PATCH', '/api/workgroups/00000000-0000-4000-8000-000000000001'],
  ['DELETE', '/api/workgroups/00000000-0000-4000-8000-000000000001'],
  ['POST', '/api/workgroups/00000000-0000-4000-8000-000000000001/members'],
  ['PATCH', '/api/workgroups/00000000-0000-4000-8000-000000000001/members/00000000-0000-4000-8000-000000000002'],
  ['DELETE', '/api/workgroups/00000000-0000-4000-8000-000000000001/members/00000000-0000-4000-8000-000000000002'],
  ['GET', '/api/audit'],
];

interface ParsedCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

function cookiesOf(response: { headers: Record<string, unknown> }): Map<string, ParsedCookie> {
  const raw = (response.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookies = new Map<string, ParsedCookie>();
  for (const line of raw) {
    const [pair, ...rest] = line.split(';').map((part) => part.trim());
    const index = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const eq = attribute.indexOf('=');
      if (eq < 0) attributes[attribute.toLowerCase()] = true;
      else attributes[attribute.slice(0, eq).toLowerCase()] = attribute.slice(eq + 1);
    }
    cookies.set(pair.slice(0, index), {
      name: pair.slice(0, index),
      value: decodeURIComponent(pair.slice(index + 1)),
      attributes,
    });
  }
  return cookies;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('authentication', () => {
  let t: TestApp;
  let api: Api;
  /** Strings that must never appear in the audit log. */
  const secrets = new Set<string>([DEMO_PASSWORD]);

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
  });
  afterAll(() => t.close());

  async function login(email: string, password = DEMO_PASSWORD) {
    const response = await t.http().post('/api/auth/login').send({ email, password });
    if (response.status === 200) {
      secrets.add(response.body.accessToken);
      const refresh = cookiesOf(response).get('koers_refresh');
      if (refresh) secrets.add(refresh.value);
    }
    return response;
  }

  describe('login', () => {
    it('returns an access token and the user without secrets, and sets httpOnly SameSite=Strict cookies', async () => {
      const response = await login(DEMO.secretariaat);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        expiresIn: t.config.auth.accessTokenTtlSeconds,
        user: expect.objectContaining({
          email: DEMO.secretariaat,
          platformRole: 'secretariaat',
          active: true,
          locked: false,
        }),
      });
      const user = response.body.user as Record<string, unknown>;
      for (const hidden of [
        'passwordHash',
        'password_hash',
        'failedLoginCount',
        'failed_login_count',
        'lockedUntil',
        'locked_until',
      ]) {
        expect(user).not.toHaveProperty(hidden);
      }
      expect(JSON.stringify(response.body)).not.toContain('argon2');

      const cookies = cookiesOf(response);
      const access = cookies.get('koers_access');
      const refresh = cookies.get('koers_refresh');
      expect(access).toBeDefined();
      expect(refresh).toBeDefined();
      expect(access?.value).toBe(response.body.accessToken);
      expect(access?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
      expect(refresh?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/auth' });
      expect(refresh?.value).not.toBe(response.body.accessToken);
      expect(refresh?.value.length).toBeGreaterThanOrEqual(32);
    });

    it('accepts the e-mail address in any case', async () => {
      const response = await login(DEMO.secretariaat.toUpperCase());
      expect(response.status).toBe(200);
      expect(response.body.user.email).toBe(DEMO.secretariaat);
    });

    it('refuses a wrong password and an unknown e-mail with the same 401 INVALID_CREDENTIALS', async () => {
      const wrong = await login(DEMO.ovjCyber, 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
      expect(wrong.headers['set-cookie']).toBeUndefined();

      const unknown = await login('niemand@demo.koers.nl', 'not-the-password');
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      secrets.add('not-the-password');
    });

    it('refuses a body that is not a login with 400 VALIDATION_FAILED', async () => {
      const response = await t.http().post('/api/auth/login').send({ email: 'geen-email', password: '' }).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
    });

    it('locks this source out of the account after KOERS_LOGIN_MAX_FAILURES failures, even for the right password', async () => {
      const max = t.config.auth.loginMaxFailures;
      expect(max).toBe(5);
      for (let attempt = 1; attempt < max; attempt++) {
        const response = await login(DEMO.politieCyber, `wrong-password-${attempt}`);
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('INVALID_CREDENTIALS');
        secrets.add(`wrong-password-${attempt}`);
      }
      const last = await login(DEMO.politieCyber, 'wrong-password-last');
      secrets.add('wrong-password-last');
      expect(last.status).toBe(423);
      expect(last.body).toEqual({ error: { code: 'ACCOUNT_LOCKED', message: expect.any(String) } });

      const right = await login(DEMO.politieCyber);
      expect(right.status).toBe(423);
      expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
      expect(right.headers['set-cookie']).toBeUndefined();

      const user = await api
        .get(DEMO.secretariaat, `/api/users/${await api.userId(DEMO.politieCyber)}`)
        .then((r) => r.body);
      expect(user.locked).toBe(true);
    });

    it('a successful login clears earlier failures', async () => {
      for (let attempt = 1; attempt < t.config.auth.loginMaxFailures; attempt++) {
        expect((await login(DEMO.ambtelijkCyber, 'nearly-locked-out')).status).toBe(401);
      }
      secrets.add('nearly-locked-out');
      expect((await login(DEMO.ambtelijkCyber)).status).toBe(200);
      // The counter started again: one more failure does not lock.
      expect((await login(DEMO.ambtelijkCyber, 'nearly-locked-out')).status).toBe(401);
      expect((await login(DEMO.ambtelijkCyber)).status).toBe(200);
    });
  });

  describe('login rate limit per address', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await createTestApp({ KOERS_LOGIN_RATE_LIMIT: '3' });
    });
    afterAll(() => limited.close());

    it('answers 429 RATE_LIMITED after KOERS_LOGIN_RATE_LIMIT attempts in a minute, also for valid logins', async () => {
      expect(limited.config.http.loginRateLimitPerMinute).toBe(3);
      expect(
        (await limited.http().post('/api/auth/login').send({ email: DEMO.secretariaat, password: 'wrong-wrong' }))
          .status,
      ).toBe(401);
      expect(
        (await limited.http().post('/api/auth/login').send({ email: DEMO.rvc, password: 'wrong-wrong' })).status,
      ).toBe(401);
      expect(
        (await limited.http().post('/api/auth/login').send({ email: DEMO.secretariaat, password: DEMO_PASSWORD }))
          .status,
      ).toBe(200);
      const refused = await limited
        .http()
        .post('/api/auth/login')
        .send({ email: DEMO.secretariaat, password: DEMO_PASSWORD });
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
      expect(refused.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('protected routes', () => {
    it.each(PROTECTED_ROUTES)(
      '%s %s without a token is 401 UNAUTHENTICATED in the shared error shape',
      async (method, path) => {
        const response = await api.request(
          null,
          method,
          path,
          method === 'GET' || method === 'DELETE' ? undefined : {},
        );
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      },
    );

    it('a malformed Authorization header is 401', async () => {
      for (const header of [
        'Bearer',
        'Bearer not.a.jwt',
        'Basic c2VjcmV0YXJpYWF0OmtvZXJz',
        `Token ${await api.token(DEMO.rvc)}`,
      ]) {
        const response = await t.http().get('/api/me').set('Authorization', header);
        expect(response.status).toBe(401);
        expect(response.body).toEqual(errorBody('UNAUTHENTICATED'));
      }
    });
  });

  describe('access token checks', () => {
    let claims: { sub: string; sid: string };
    const sign = (payload: object, secret: string, options: jwt.SignOptions) =>
      jwt.sign(payload, secret, { algorithm: 'HS256', ...options });
    const valid = () => ({ issuer: t.config.auth.jwtIssuer, audience: t.config.auth.jwtAudience, expiresIn: 300 });

    beforeAll(async () => {
      const token = await api.token(DEMO.rvc);
      claims = jwt.decode(token) as { sub: string; sid: string };
      expect(claims.sub).toEqual(expect.any(String));
      expect(claims.sid).toEqual(expect.any(String));
    });

    const me = (token: string) => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);

    it('accepts a token with the right secret, algorithm, issuer and audience (control)', async () => {
      const token = sign({ sid: claims.sid }, t.config.auth.jwtSecret, { ...valid(), subject: claims.sub });
      const response = await me(token).expect(200);
      expect(response.body.user.email).toBe(DEMO.rvc);
    });

    it('refuses a token signed with another secret', async () => {
      const token = sign({ sid: claims.sid }, 'another-secret-'.padEnd(48, 'y'), { ...valid(), subject: claims.sub });
      expect((await me(token)).body).toEqual(errorBody('UNAUTHENTICATED'));
      expect((await me(token)).status).toBe(401);
    });

    it('refuses an unsigned token (alg none)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        sid: claims.sid,
        sub: claims.sub,
        iss: t.config.auth.jwtIssuer,
        aud: t.config.auth.jwtAudience,
        iat: now,
        exp: now + 300,
      };
      for (const alg of ['none', 'None', 'NONE']) {
        const token = `${base64url({ alg, typ: 'JWT' })}.${base64url(payload)}.`;
        const response = await me(token);
        expect(response.status).toBe(401);
        expect(response.body).toEqual(errorBody('UNAUTHENTICATED'));
      }
    });

    it('refuses a token signed with another HMAC algorithm', async () => {
      const token = jwt.sign({ sid: claims.sid }, t.config.auth.jwtSecret, {
        algorithm: 'HS512',
        ...valid(),
        subject: claims.sub,
      });
      expect((await me(token)).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = sign(
        {
          sid: claims.sid,
          sub: claims.sub,
          iss: t.config.auth.jwtIssuer,
          aud: t.config.auth.jwtAudience,
          iat: now - 3600,
          exp: now - 60,
        },
        t.config.auth.jwtSecret,
        {},
      );
      const response = await me(token);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('UNAUTHENTICATED'));
    });

    it('refuses a token of another issuer', async () => {
      const token = sign({ sid: claims.sid }, t.config.auth.jwtSecret, {
        ...valid(),
        issuer: 'someone-else',
        subject: claims.sub,
      });
      expect((await me(token)).status).toBe(401);
    });

    it('refuses a token for another audience', async () => {
      const token = sign({ sid: claims.sid }, t.config.auth.jwtSecret, {
        ...valid(),
        audience: 'another-api',
        subject: claims.sub,
      });
      expect((await me(token)).status).toBe(401);
    });

    it('refuses a validly signed token whose session belongs to another user', async () => {
      const other = jwt.decode(await api.token(DEMO.secretariaat)) as { sub: string };
      const token = sign({ sid: claims.sid }, t.config.auth.jwtSecret, { ...valid(), subject: other.sub });
      expect((await me(token)).status).toBe(401);
    });

    it('refuses a validly signed token without session or subject claims', async () => {
      expect((await me(sign({}, t.config.auth.jwtSecret, { ...valid(), subject: claims.sub }))).status).toBe(401);
      expect((await me(sign({ sid: claims.sid }, t.config.auth.jwtSecret, valid()))).status).toBe(401);
      expect(
        (await me(sign({ sid: 'not-a-uuid' }, t.config.auth.jwtSecret, { ...valid(), subject: claims.sub }))).status,
      ).toBe(401);
    });
  });

  describe('cookies, refresh and logout', () => {
    it('the access cookie alone authenticates GET /api/me', async () => {
      const response = await login(DEMO.aanjagerOnrust);
      const access = cookiesOf(response).get('koers_access');
      const me = await t.http().get('/api/me').set('Cookie', `koers_access=${access?.value}`).expect(200);
      expect(me.body.user.email).toBe(DEMO.aanjagerOnrust);
      expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'aanjager' })]);
    });

    it('refresh with the cookie returns a working token and rotates the refresh cookie', async () => {
      const first = await login(DEMO.ovjOnrust);
      const oldRefresh = cookiesOf(first).get('koers_refresh')?.value as string;

      const refreshed = await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${oldRefresh}`);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toEqual({
        accessToken: expect.any(String),
        expiresIn: expect.any(Number),
        user: expect.objectContaining({ email: DEMO.ovjOnrust }),
      });
      secrets.add(refreshed.body.accessToken);
      const newRefresh = cookiesOf(refreshed).get('koers_refresh');
      expect(newRefresh?.value).toEqual(expect.any(String));
      expect(newRefresh?.value).not.toBe(oldRefresh);
      expect(newRefresh?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/auth' });
      secrets.add(newRefresh?.value as string);
      expect(cookiesOf(refreshed).get('koers_access')?.value).toBe(refreshed.body.accessToken);

      await t.http().get('/api/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

      // The old refresh token is spent.
      const replay = await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${oldRefresh}`);
      expect(replay.status).toBe(401);
      expect(replay.body).toEqual(errorBody('UNAUTHENTICATED'));
      // The new one works once more.
      const again = await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${newRefresh?.value}`);
      expect(again.status).toBe(200);
      secrets.add(again.body.accessToken);
      secrets.add(cookiesOf(again).get('koers_refresh')?.value as string);
    });

    it('refresh without or with an unknown cookie is 401', async () => {
      expect((await t.http().post('/api/auth/refresh')).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', 'koers_refresh=made-up')).status).toBe(401);
    });

    it('logout revokes the session: the same access token and refresh cookie stop working', async () => {
      const response = await login(DEMO.politieOnrust);
      const token = response.body.accessToken as string;
      const refresh = cookiesOf(response).get('koers_refresh')?.value as string;
      await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);

      const logout = await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${token}`);
      expect(logout.status).toBe(200);
      // A password session ends at Koers only: there is no provider to send the browser to.
      expect(logout.body).toEqual({ endSessionUrl: null });
      const cleared = cookiesOf(logout);
      expect(cleared.get('koers_access')?.value).toBe('');
      expect(cleared.get('koers_refresh')?.value).toBe('');
      expect(cleared.get('koers_refresh')?.attributes.path).toBe('/api/auth');

      const after = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
      expect(after.status).toBe(401);
      expect(after.body).toEqual(errorBody('UNAUTHENTICATED'));
      expect((await t.http().get('/api/me').set('Cookie', `koers_access=${token}`)).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${refresh}`)).status).toBe(401);
    });

    it("logout ends only that session, not the user's other sessions", async () => {
      const a = (await login(DEMO.ambtelijkOnrust)).body.accessToken as string;
      const b = (await login(DEMO.ambtelijkOnrust)).body.accessToken as string;
      await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${a}`).expect(200);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${a}`)).status).toBe(401);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${b}`)).status).toBe(200);
    });

    it('a deactivated user is logged out at once and cannot log in again', async () => {
      const response = await login(DEMO.pvo);
      const token = response.body.accessToken as string;
      const refresh = cookiesOf(response).get('koers_refresh')?.value as string;
      const userId = response.body.user.id as string;
      await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);

      const patched = await api.patch(DEMO.secretariaat, `/api/users/${userId}`, { active: false });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: userId, active: false });

      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
      expect((await t.http().post('/api/auth/refresh').set('Cookie', `koers_refresh=${refresh}`)).status).toBe(401);
      const again = await login(DEMO.pvo);
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('INVALID_CREDENTIALS');

      // Reactivated, the account can log in again (its old sessions stay ended).
      await api
        .patch(DEMO.secretariaat, `/api/users/${userId}`, { active: true })
        .then((r) => expect(r.status).toBe(200));
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
      expect((await login(DEMO.pvo)).status).toBe(200);
    });
  });

  describe('audit of logins', () => {
    it('records failed and successful logins and denied tokens', async () => {
      const politieCyberId = await api.userId(DEMO.politieCyber);
      const failed = await api.audit({ action: 'auth.login', outcome: 'failed' });
      const wrongPassword = failed.items.filter((e) => e.actorEmail === DEMO.politieCyber);
      expect(wrongPassword.length).toBe(t.config.auth.loginMaxFailures);
      for (const entry of wrongPassword) {
        expect(entry).toMatchObject({
          action: 'auth.login',
          outcome: 'failed',
          entityType: 'user',
          entityId: politieCyberId,
          actorId: politieCyberId,
          summary: expect.objectContaining({ reason: 'wrong_password' }),
        });
        expect(entry.ip).toEqual(expect.any(String));
      }
      expect(wrongPassword.filter((e) => e.summary.locked === true)).toHaveLength(1);
      expect(failed.items.find((e) => e.actorEmail === 'niemand@demo.koers.nl')).toMatchObject({
        actorId: null,
        summary: { reason: 'unknown_email' },
      });

      const locked = await api.audit({ action: 'auth.login', outcome: 'denied' });
      expect(locked.items.find((e) => e.actorEmail === DEMO.politieCyber)).toMatchObject({
        summary: { reason: 'locked' },
      });

      const succeeded = await api.audit({ action: 'auth.login', outcome: 'success' });
      const secretariaatId = await api.userId(DEMO.secretariaat);
      expect(succeeded.items.filter((e) => e.actorId === secretariaatId).length).toBeGreaterThanOrEqual(2);
      expect(succeeded.items.every((e) => e.entityType === 'session' && e.entityId)).toBe(true);

      const logouts = await api.audit({ action: 'auth.logout' });
      expect(logouts.items.map((e) => e.actorEmail).sort()).toEqual([DEMO.ambtelijkOnrust, DEMO.politieOnrust]);
      expect(logouts.items.every((e) => e.outcome === 'success' && e.entityType === 'session')).toBe(true);

      const tokens = await api.audit({ action: 'auth.token', outcome: 'denied' });
      expect(tokens.total).toBeGreaterThan(0);
      expect(tokens.items[0]).toMatchObject({ actorId: null, entityType: 'session', summary: { path: '/api/me' } });
    });

    it('no audit entry contains a password or a token', async () => {
      const all = await api.audit({ limit: 200 });
      expect(all.total).toBeLessThanOrEqual(1000);
      const entries = [...all.items];
      for (let offset = 200; offset < all.total; offset += 200)
        entries.push(...(await api.audit({ limit: 200, offset })).items);
      expect(entries).toHaveLength(all.total);
      const text = JSON.stringify(entries);
      expect(secrets.size).toBeGreaterThan(10);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(5);
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/\$argon2/);
      expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
    });
  });
});
