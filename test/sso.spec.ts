import { DataSource } from 'typeorm';
import { SSO_ERRORS } from '@koers/contracts';
import { Api, DEMO, errorBody, expectStatus } from './support/api-helpers';
import { totpCode } from './support/mfa';
import { browseSso, CookieJar, endSessionAtProvider, RunningProvider, startOidcProvider } from './support/oidc';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Single sign-on against a REAL OpenID provider (oidc-provider, certified) started by the test in a child
 * process; the API does discovery, the code flow with PKCE/state/nonce and the ID token checks through
 * openid-client. The "browser" follows redirects with a cookie jar and signs in on the provider's form.
 */
describe('OIDC single sign-on per organisation', () => {
  let t: TestApp;
  let api: Api;
  let db: DataSource;
  let provider: RunningProvider;
  let omId: string;
  const clientSecret = 'een-client-secret-van-de-provider-1234';

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    db = t.app.get(DataSource);
    provider = await startOidcProvider({
      accounts: {
        'ovj-123': {
          email: DEMO.ovjOndermijning,
          email_verified: true,
          name: 'OvJ',
          acr: 'http://eidas.europa.eu/LoA/substantial',
        },
        'ovj-cyber-9': { email: DEMO.ovjCyber, email_verified: true, amr: ['pwd', 'otp'] },
        'nieuw-1': { email: 'nieuwe.officier@demo.koers.nl', email_verified: true, name: 'Nieuwe Officier' },
        'onbevestigd-1': { email: 'iemand@demo.koers.nl', email_verified: false },
        'politie-7': { email: DEMO.politieOndermijning, email_verified: true },
      },
      client: {
        client_id: 'koers',
        client_secret: clientSecret,
        redirect_uris: [`${t.url}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${t.url}/inloggen`],
      },
    });
    omId = (await db.query('SELECT organisation_id FROM users WHERE email = $1', [DEMO.ovjOndermijning]))[0]
      .organisation_id as string;
  }, 120_000);
  afterAll(async () => {
    await provider?.stop();
    await t?.close();
  });

  const settings = (overrides: object = {}) => ({
    displayName: 'Openbaar Ministerie',
    issuer: provider.issuer,
    clientId: 'koers',
    clientSecret,
    emailDomains: ['demo.koers.nl'],
    allowNewAccounts: false,
    trustProviderMfa: false,
    enabled: true,
    ...overrides,
  });
  const login = (who: string, jar?: CookieJar) =>
    browseSso(`${t.url}/api/auth/oidc/${omId}/start?returnTo=/dashboard`, who, t.url, jar);
  const withCookies = (cookies: Map<string, string>) => ({
    Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  });
  const ssoAudit = async () => (await api.audit({ action: 'auth.sso' })).items;

  it('the secretariat sets up the provider; the secret is stored sealed and never shown', async () => {
    expect((await api.request(DEMO.ovjOndermijning, 'PUT', `/api/organisations/${omId}/sso`, settings())).status).toBe(
      403,
    );
    const bad = await api.request(DEMO.secretariaat, 'PUT', `/api/organisations/${omId}/sso`, {
      ...settings(),
      issuer: 'ftp://x',
      emailDomains: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['emailDomains', 'issuer']);
    const saved = expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/organisations/${omId}/sso`, settings()),
      200,
    ).body;
    expect(saved).toMatchObject({ displayName: 'Openbaar Ministerie', clientSecretSet: true });
    expect(JSON.stringify(saved)).not.toContain(clientSecret);
    const stored = (await db.query('SELECT client_secret FROM oidc_providers WHERE organisation_id = $1', [omId]))[0];
    expect(stored.client_secret).toMatch(/^koers-aes-gcm:v1:/);
    expect(expectStatus(await t.http().get('/api/auth/oidc/providers'), 200).body).toEqual([
      { organisationId: omId, displayName: 'Openbaar Ministerie', emailDomains: ['demo.koers.nl'] },
    ]);
  });

  it('an invited person logs in through the provider: linked by verified e-mail first, by subject after', async () => {
    const first = await login('ovj-123');
    expect(first.location).toBe('/dashboard');
    const me = expectStatus(await t.http().get('/api/me').set(withCookies(first.cookies)), 200).body;
    expect(me.user.email).toBe(DEMO.ovjOndermijning);
    const links = await db.query('SELECT issuer, subject FROM oidc_identities');
    expect(links).toEqual([{ issuer: provider.issuer, subject: 'ovj-123' }]);

    const second = await login('ovj-123');
    expect(second.location).toBe('/dashboard');
    const logins = (await api.audit({ action: 'auth.login' })).items.filter(
      (e) => e.actorEmail === DEMO.ovjOndermijning,
    );
    expect(logins.slice(0, 2).map((e) => e.summary)).toEqual([
      { sso: omId, linked: 'subject', providerMfa: false },
      { sso: omId, linked: 'email', providerMfa: false },
    ]);
  });

  it('someone who was not invited is refused with a Dutch message, and so is an unverified address', async () => {
    const stranger = await login('nieuw-1');
    expect(stranger.location).toBe('/inloggen?sso-fout=not_invited');
    expect(stranger.cookies.has('koers_access')).toBe(false);
    expect(SSO_ERRORS.not_invited).toContain('Vraag het secretariaat om u uit te nodigen');
    expect((await login('onbevestigd-1')).location).toBe('/inloggen?sso-fout=email_unverified');
    // An account of another organisation (the police) is not taken over by the OM's provider.
    expect((await login('politie-7')).location).toBe('/inloggen?sso-fout=not_invited');
    const refusals = await ssoAudit();
    expect(refusals.map((e) => [e.outcome, e.summary.reason])).toEqual(
      expect.arrayContaining([
        ['failed', 'not_invited'],
        ['failed', 'email_unverified'],
      ]),
    );
    expect(await db.query('SELECT id FROM users WHERE email = $1', ['nieuwe.officier@demo.koers.nl'])).toEqual([]);
  });

  it('a returning person whose address left the SSO domains, or who moved to another organisation, is refused', async () => {
    // ovj-123 is linked by subject (above). The OM no longer lists the demo domain: the link alone is not enough.
    await api.request(
      DEMO.secretariaat,
      'PUT',
      `/api/organisations/${omId}/sso`,
      settings({ emailDomains: ['om.example.nl'] }),
    );
    const outsideDomains = await login('ovj-123');
    expect(outsideDomains.location).toBe('/inloggen?sso-fout=no_longer_linked');
    expect(outsideDomains.cookies.has('koers_access')).toBe(false);
    await api.request(DEMO.secretariaat, 'PUT', `/api/organisations/${omId}/sso`, settings());

    // The officer moves to the police (the secretariat changes the account's organisation).
    const [ovj] = (await db.query('SELECT id FROM users WHERE email = $1', [DEMO.ovjOndermijning])) as Array<{
      id: string;
    }>;
    const [police] = (await db.query('SELECT organisation_id FROM users WHERE email = $1', [
      DEMO.politieOndermijning,
    ])) as Array<{ organisation_id: string }>;
    const move = (organisationId: string) =>
      api.request(DEMO.secretariaat, 'PATCH', `/api/users/${ovj.id}`, { organisationId });
    expectStatus(await move(police.organisation_id), 200);
    expect((await login('ovj-123')).location).toBe('/inloggen?sso-fout=no_longer_linked');
    expectStatus(await move(omId), 200);
    expect((await login('ovj-123')).location).toBe('/dashboard');

    const refusals = (await ssoAudit()).filter((e) => e.summary.reason === 'no_longer_linked');
    expect(refusals.map((e) => [e.outcome, e.actorEmail, e.summary.detail])).toEqual([
      ['failed', DEMO.ovjOndermijning, 'organisation'],
      ['failed', DEMO.ovjOndermijning, 'domain'],
    ]);
    expect(SSO_ERRORS.no_longer_linked).toContain('U kunt niet meer inloggen via deze organisatie');
  });

  it('logging out of Koers ends the session at the provider too (RP-initiated logout)', async () => {
    const jar: CookieJar = new Map();
    expect((await login('ovj-123', jar)).prompts).toContain('login');
    // The provider keeps its own session: a second sign-in through it asks nothing.
    const again = await login('ovj-123', jar);
    expect(again).toMatchObject({ location: '/dashboard', prompts: [] });
    const token = again.cookies.get('koers_access')!;

    const out = await t
      .http()
      .post('/api/auth/logout')
      .set({ Authorization: `Bearer ${token}` });
    expect(out.status).toBe(200);
    const endSession = new URL(out.body.endSessionUrl as string);
    expect(endSession.origin + endSession.pathname).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${t.url}/inloggen`);
    expect(endSession.searchParams.get('client_id')).toBe('koers');
    const hint = endSession.searchParams.get('id_token_hint')!;
    expect(JSON.parse(Buffer.from(hint.split('.')[1], 'base64url').toString())).toMatchObject({
      iss: provider.issuer,
      sub: 'ovj-123',
      aud: 'koers',
    });
    expect(
      (
        await t
          .http()
          .get('/api/me')
          .set({ Authorization: `Bearer ${token}` })
      ).status,
    ).toBe(401);
    // The ID token is kept sealed, and only until it is used.
    expect(await db.query('SELECT id_token FROM oidc_sessions WHERE id_token LIKE $1', ['eyJ%'])).toEqual([]);

    // The browser follows it: the provider ends its session and sends it back to Koers's login page.
    expect(await endSessionAtProvider(endSession.toString(), t.url, jar)).toEqual({ location: '/inloggen' });
    expect((await login('ovj-123', jar)).prompts).toContain('login');

    const logout = (await api.audit({ action: 'auth.logout' })).items.find(
      (e) => e.actorEmail === DEMO.ovjOndermijning,
    );
    expect(logout?.summary).toEqual({ sso: omId, providerLogout: true });
    // A session that began with a password logs out as before, without the provider.
    const own = await t.login(DEMO.ovjOndermijning);
    const ownOut = await t
      .http()
      .post('/api/auth/logout')
      .set({ Authorization: `Bearer ${own}` });
    expect(ownOut.status).toBe(200);
    expect(ownOut.body).toEqual({ endSessionUrl: null });
  });

  it('a callback without the browser that started it, or used twice, is refused', async () => {
    const start = await fetch(`${t.url}/api/auth/oidc/${omId}/start`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state');
    const forged = await fetch(`${t.url}/api/auth/oidc/callback?code=abc&state=${state}`, { redirect: 'manual' });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/inloggen?sso-fout=expired');
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
  });

  it('Koers asks its own second factor after the provider, unless the organisation is trusted to say it did MFA', async () => {
    // OvJ Cyber enrols TOTP in Koers, then logs in through the provider (which reports amr otp).
    const token = await t.login(DEMO.ovjCyber);
    const auth = { Authorization: `Bearer ${token}` };
    const setup = expectStatus(await t.http().post('/api/me/mfa/setup').set(auth), 201).body;
    await t
      .http()
      .post('/api/me/mfa/confirm')
      .set(auth)
      .send({ code: totpCode(setup.secret) })
      .expect(200);
    const asked = await login('ovj-cyber-9');
    const challenge = /^\/inloggen#mfa=([\w-]+)&methods=totp$/.exec(asked.location)?.[1];
    expect(challenge).toBeDefined();
    expect(asked.cookies.has('koers_access')).toBe(false);
    const done = await t
      .http()
      .post('/api/auth/mfa')
      .send({ challenge: decodeURIComponent(challenge!), code: totpCode(setup.secret, Date.now() + 30_000) });
    expect(done.status).toBe(200);
    // The provider's ID token waited on the challenge and went with the session: logout ends it there too.
    const ended = await t
      .http()
      .post('/api/auth/logout')
      .set({ Authorization: `Bearer ${done.body.accessToken}` });
    expect(ended.status).toBe(200);
    expect(ended.body.endSessionUrl).toContain(`${provider.issuer}/session/end?`);

    const asking = (await api.audit({ action: 'auth.mfa_challenge' })).items.find(
      (e) => e.actorEmail === DEMO.ovjCyber,
    );
    expect(asking?.summary).toMatchObject({ sso: omId, linked: 'email' });

    // Trusted to say it did MFA (amr otp): Koers's own factor is skipped.
    await api.request(DEMO.secretariaat, 'PUT', `/api/organisations/${omId}/sso`, settings({ trustProviderMfa: true }));
    const trusted = await login('ovj-cyber-9');
    expect(trusted.location).toBe('/dashboard');
    const last = (await api.audit({ action: 'auth.login' })).items.find((e) => e.actorEmail === DEMO.ovjCyber);
    expect(last?.summary).toMatchObject({ sso: omId, mfa: 'provider', providerMfa: true });

    // An `acr` of a multi-factor class (eIDAS substantial) counts as well, without `amr`.
    const ovjToken = await t.login(DEMO.ovjOndermijning);
    const ovjAuth = { Authorization: `Bearer ${ovjToken}` };
    const ovjSetup = expectStatus(await t.http().post('/api/me/mfa/setup').set(ovjAuth), 201).body;
    await t
      .http()
      .post('/api/me/mfa/confirm')
      .set(ovjAuth)
      .send({ code: totpCode(ovjSetup.secret) })
      .expect(200);
    expect((await login('ovj-123')).location).toBe('/dashboard');
    const byAcr = (await api.audit({ action: 'auth.login' })).items.find((e) => e.actorEmail === DEMO.ovjOndermijning);
    expect(byAcr?.summary).toMatchObject({ sso: omId, mfa: 'provider', providerMfa: true });
    await api.request(DEMO.secretariaat, 'PUT', `/api/organisations/${omId}/sso`, settings());
  });

  it('with new accounts allowed, an unknown person of the organisation gets one without memberships', async () => {
    await api.request(DEMO.secretariaat, 'PUT', `/api/organisations/${omId}/sso`, settings({ allowNewAccounts: true }));
    const created = await login('nieuw-1');
    expect(created.location).toBe('/dashboard');
    const me = expectStatus(await t.http().get('/api/me').set(withCookies(created.cookies)), 200).body;
    expect(me).toMatchObject({
      user: { email: 'nieuwe.officier@demo.koers.nl', displayName: 'Nieuwe Officier', platformRole: 'gebruiker' },
      memberships: [],
    });
    expect((await api.audit({ action: 'user.create' })).items[0].summary).toEqual({ via: 'sso', organisationId: omId });
  });

  it('no audit entry holds the client secret, a code or a token', async () => {
    const text = JSON.stringify((await api.audit({ limit: 200 })).items);
    expect(text).not.toContain(clientSecret);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect((await api.request(DEMO.aanjagerCyber, 'DELETE', `/api/organisations/${omId}/sso`)).body).toEqual(
      errorBody('FORBIDDEN'),
    );
  });
});
