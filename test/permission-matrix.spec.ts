import { randomUUID } from 'node:crypto';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import {
  Caller,
  CALLER_KINDS,
  CALLERS,
  createMatrixWorkgroup,
  deniedCount,
  expectDenialAudited,
  expectOutcome,
  Outcome,
  READ,
  routesOf,
  SECRETARIAT,
  WORKGROUP_MANAGE,
  WORKGROUP_VIEW,
} from './support/permission-matrix';
import { AuditController } from '../apps/api/src/http/audit.controller';
import { AuthController } from '../apps/api/src/http/auth.controller';
import { HealthController } from '../apps/api/src/http/health.controller';
import { InvitationsController } from '../apps/api/src/http/invitations.controller';
import { MfaPolicyController } from '../apps/api/src/http/mfa-policy.controller';
import { PasskeysController } from '../apps/api/src/http/passkeys.controller';
import { SsoController } from '../apps/api/src/http/sso.controller';
import { MeController } from '../apps/api/src/http/me.controller';
import { OrganisationsController } from '../apps/api/src/http/organisations.controller';
import { ImportsController } from '../apps/api/src/http/imports.controller';
import { RegionCompositionController } from '../apps/api/src/http/region-composition.controller';
import { RegionController } from '../apps/api/src/http/region.controller';
import { StrategiesController } from '../apps/api/src/http/strategies.controller';
import { UsersController } from '../apps/api/src/http/users.controller';
import { WorkgroupsController } from '../apps/api/src/http/workgroups.controller';
import { createTestApp, TestApp } from './support/test-app';
import { MIDDEN_NEDERLAND_SEATS } from '../libs/workgroups/src/composition';

/**
 * Every route of apps/api/src/http/*.controller.ts against every kind of caller. The target werkgroep is a
 * fresh one ("matrix werkgroep") with one demo person in each membership role; mutations run against fresh
 * entities so that a 2xx is really possible for the caller who is allowed, and nothing else breaks.
 */
interface Fixtures {
  strategyId: string;
  organisationId: string;
  userId: string;
  themeId: string;
  focusAreaId: string;
  workgroupId: string;
  workgroupName: string;
  memberNames: string[];
  /** Demo users moved in and out of the matrix werkgroep by the member routes. */
  joiningUserId: string;
  leavingUserId: string;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Route pattern as in the controller, for the test name. */
  pattern: string;
  expected: Record<Caller, Outcome>;
  /** Builds the concrete path (and fresh targets) for one caller. */
  path: (f: Fixtures, caller: Caller) => Promise<string> | string;
  body?: (f: Fixtures) => object;
  /** Sent as a `text/csv` body instead of JSON (the CSV imports). */
  csv?: (f: Fixtures) => Promise<string> | string;
}

describe('permission matrix', () => {
  let t: TestApp;
  let api: Api;
  let f: Fixtures;
  const asSecretariat = <T = Record<string, unknown>>(
    method: 'POST' | 'PATCH' | 'DELETE' | 'GET',
    path: string,
    body?: object,
    status?: number,
  ) =>
    api
      .request(DEMO.secretariaat, method, path, body)
      .then((r) => expectStatus(r, status ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200)).body as T);

  const newOrganisation = async () =>
    (
      await asSecretariat<{ id: string }>('POST', '/api/organisations', {
        name: unique('Matrix organisatie'),
        type: 'partner',
      })
    ).id;
  const newDistrict = async () =>
    (await asSecretariat<{ id: string }>('POST', '/api/districts', { name: unique('Matrix district') })).id;
  const newStrategy = async () =>
    (
      await asSecretariat<{ id: string }>('POST', '/api/strategies', {
        title: unique('Matrix strategie'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      })
    ).id;
  const newTheme = async () =>
    (
      await asSecretariat<{ id: string }>('POST', `/api/strategies/${f.strategyId}/themes`, {
        title: unique('Matrix thema'),
      })
    ).id;
  const newFocusArea = async () =>
    (
      await asSecretariat<{ id: string }>('POST', `/api/themes/${f.themeId}/focus-areas`, {
        title: unique('Matrix onderdeel'),
      })
    ).id;
  const newWorkgroup = async () =>
    (
      await asSecretariat<{ id: string }>('POST', '/api/workgroups', {
        themeId: await newTheme(),
        name: unique('Wegwerp werkgroep'),
      })
    ).id;
  const memberIds = async () =>
    (
      await asSecretariat<{ members: Array<{ userId: string }> }>('GET', `/api/workgroups/${f.workgroupId}`)
    ).members.map((m) => m.userId);
  const ensureMember = async (userId: string) => {
    if (!(await memberIds()).includes(userId))
      await asSecretariat('POST', `/api/workgroups/${f.workgroupId}/members`, { userId, role: 'lid' });
  };
  const ensureNotMember = async (userId: string) => {
    if ((await memberIds()).includes(userId))
      await asSecretariat('DELETE', `/api/workgroups/${f.workgroupId}/members/${userId}`);
  };
  /** The matrix werkgroep for those who may see or be refused it; a throwaway one for the secretariat. */
  const workgroupTarget = async (caller: Caller) => (caller === 'secretariat' ? newWorkgroup() : f.workgroupId);

  const ROUTES: Route[] = [
    { method: 'GET', pattern: '/api/me', expected: READ, path: () => '/api/me' },
    { method: 'GET', pattern: '/api/me/preferences', expected: READ, path: () => '/api/me/preferences' },
    {
      method: 'PATCH',
      pattern: '/api/me/preferences',
      expected: READ,
      path: () => '/api/me/preferences',
      body: () => ({ weeklyDigest: false }),
    },
    { method: 'GET', pattern: '/api/organisations', expected: READ, path: () => '/api/organisations' },
    {
      method: 'POST',
      pattern: '/api/organisations',
      expected: SECRETARIAT,
      path: () => '/api/organisations',
      body: () => ({ name: unique('Nieuwe partner'), type: 'partner' }),
    },
    {
      method: 'PATCH',
      pattern: '/api/organisations/:id',
      expected: SECRETARIAT,
      path: (x) => `/api/organisations/${x.organisationId}`,
      body: () => ({ name: unique('Hernoemde partner') }),
    },
    {
      method: 'DELETE',
      pattern: '/api/organisations/:id',
      expected: SECRETARIAT,
      path: () => newOrganisation().then((id) => `/api/organisations/${id}`),
    },
    { method: 'GET', pattern: '/api/region', expected: READ, path: () => '/api/region' },
    {
      method: 'PATCH',
      pattern: '/api/region',
      expected: SECRETARIAT,
      path: () => '/api/region',
      body: () => ({ bureauName: 'Bureau RVS' }),
    },
    { method: 'GET', pattern: '/api/districts', expected: READ, path: () => '/api/districts' },
    {
      method: 'POST',
      pattern: '/api/districts',
      expected: SECRETARIAT,
      path: () => '/api/districts',
      body: () => ({ name: unique('District') }),
    },
    {
      method: 'PATCH',
      pattern: '/api/districts/:id',
      expected: SECRETARIAT,
      path: () => newDistrict().then((id) => `/api/districts/${id}`),
      body: () => ({ name: unique('Hernoemd district') }),
    },
    {
      method: 'DELETE',
      pattern: '/api/districts/:id',
      expected: SECRETARIAT,
      path: () => newDistrict().then((id) => `/api/districts/${id}`),
    },
    { method: 'GET', pattern: '/api/functions', expected: READ, path: () => '/api/functions' },
    {
      method: 'GET',
      pattern: '/api/region/composition-rules',
      expected: READ,
      path: () => '/api/region/composition-rules',
    },
    {
      method: 'PUT',
      pattern: '/api/region/composition-rules',
      expected: SECRETARIAT,
      path: () => '/api/region/composition-rules',
      // The demo's own default (Midden-Nederland's rule), so other specs find it unchanged.
      body: () => ({ compositionRules: MIDDEN_NEDERLAND_SEATS }),
    },
    {
      method: 'POST',
      pattern: '/api/imports/organisations',
      expected: SECRETARIAT,
      path: () => '/api/imports/organisations',
      csv: () => `naam;type\n${unique('Geimporteerde partner')};partner\n`,
    },
    {
      method: 'POST',
      pattern: '/api/imports/users',
      expected: SECRETARIAT,
      path: () => '/api/imports/users',
      csv: async (x) => {
        const organisation = (
          await asSecretariat<Array<{ id: string; name: string }>>('GET', '/api/organisations')
        ).find((o) => o.id === x.organisationId)!;
        return `naam;e-mail;organisatie;functie\nGeimporteerd Persoon;import-${randomUUID()}@example.nl;${organisation.name};ambtenaar\n`;
      },
    },
    {
      method: 'POST',
      pattern: '/api/imports/members',
      expected: SECRETARIAT,
      path: () => '/api/imports/members',
      csv: async () => {
        const name = unique('Importwerkgroep');
        await asSecretariat('POST', '/api/workgroups', { themeId: await newTheme(), name });
        return `e-mail;werkgroep;rol\n${DEMO.pvo};${name};lid\n`;
      },
    },
    {
      method: 'POST',
      pattern: '/api/functions',
      expected: SECRETARIAT,
      path: () => '/api/functions',
      body: () => ({ label: unique('Functie') }),
    },
    { method: 'GET', pattern: '/api/users', expected: SECRETARIAT, path: () => '/api/users' },
    { method: 'GET', pattern: '/api/users/:id', expected: SECRETARIAT, path: (x) => `/api/users/${x.userId}` },
    {
      method: 'POST',
      pattern: '/api/users',
      expected: SECRETARIAT,
      path: () => '/api/users',
      body: (x) => ({
        email: `${unique('nieuw').replace(/\W+/g, '-')}@example.nl`,
        displayName: 'Nieuwe gebruiker',
        function: 'ambtenaar',
        organisationId: x.organisationId,
      }),
    },
    { method: 'GET', pattern: '/api/me/mfa', expected: READ, path: () => '/api/me/mfa' },
    { method: 'GET', pattern: '/api/me/sessions', expected: READ, path: () => '/api/me/sessions' },
    { method: 'POST', pattern: '/api/me/mfa/setup', expected: READ, path: () => '/api/me/mfa/setup' },
    { method: 'GET', pattern: '/api/me/passkeys', expected: READ, path: () => '/api/me/passkeys' },
    { method: 'POST', pattern: '/api/me/passkeys/options', expected: READ, path: () => '/api/me/passkeys/options' },
    {
      method: 'POST',
      pattern: '/api/users/:id/mfa/reset',
      expected: SECRETARIAT,
      path: (x) => `/api/users/${x.userId}/mfa/reset`,
    },
    {
      method: 'GET',
      pattern: '/api/organisations/:id/sso',
      expected: SECRETARIAT,
      path: (x) => `/api/organisations/${x.organisationId}/sso`,
    },
    {
      method: 'PUT',
      pattern: '/api/organisations/:id/sso',
      expected: SECRETARIAT,
      path: (x) => `/api/organisations/${x.organisationId}/sso`,
      body: () => ({
        displayName: 'Partner-IdP',
        issuer: 'https://idp.partner.example.nl',
        clientId: 'koers',
        clientSecret: 'geheim-geheim-geheim',
        emailDomains: ['partner.example.nl'],
        allowNewAccounts: false,
        trustProviderMfa: false,
        enabled: false,
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/organisations/:id/sso',
      expected: SECRETARIAT,
      path: (x) => `/api/organisations/${x.organisationId}/sso`,
    },
    { method: 'GET', pattern: '/api/mfa-policy', expected: SECRETARIAT, path: () => '/api/mfa-policy' },
    {
      method: 'PUT',
      pattern: '/api/mfa-policy',
      expected: SECRETARIAT,
      path: () => '/api/mfa-policy',
      body: () => ({ requireAll: false, requireSecretariat: false, requireRvc: false }),
    },
    {
      method: 'POST',
      pattern: '/api/users/:id/invitation',
      expected: SECRETARIAT,
      path: (x) => `/api/users/${x.userId}/invitation`,
    },
    {
      method: 'PATCH',
      pattern: '/api/users/:id',
      expected: SECRETARIAT,
      path: (x) => `/api/users/${x.userId}`,
      body: () => ({ jobTitle: unique('Functie') }),
    },
    { method: 'GET', pattern: '/api/strategies', expected: READ, path: () => '/api/strategies' },
    { method: 'GET', pattern: '/api/strategies/:id', expected: READ, path: (x) => `/api/strategies/${x.strategyId}` },
    {
      method: 'GET',
      pattern: '/api/strategies/:id/export',
      expected: READ,
      path: (x) => `/api/strategies/${x.strategyId}/export?format=docx`,
    },
    {
      method: 'POST',
      pattern: '/api/strategies',
      expected: SECRETARIAT,
      path: () => '/api/strategies',
      body: () => ({ title: unique('Strategie'), periodStart: '2027-01-01', periodEnd: '2030-12-31' }),
    },
    {
      method: 'PATCH',
      pattern: '/api/strategies/:id',
      expected: SECRETARIAT,
      path: () => newStrategy().then((id) => `/api/strategies/${id}`),
      body: () => ({ motto: 'Samen sterker' }),
    },
    {
      method: 'DELETE',
      pattern: '/api/strategies/:id',
      expected: SECRETARIAT,
      path: () => newStrategy().then((id) => `/api/strategies/${id}`),
    },
    {
      method: 'POST',
      pattern: '/api/strategies/:id/current',
      expected: SECRETARIAT,
      path: () => newStrategy().then((id) => `/api/strategies/${id}/current`),
    },
    {
      method: 'POST',
      pattern: '/api/strategies/:id/themes',
      expected: SECRETARIAT,
      path: (x) => `/api/strategies/${x.strategyId}/themes`,
      body: () => ({ title: unique('Nieuw thema') }),
    },
    {
      method: 'PATCH',
      pattern: '/api/themes/:id',
      expected: SECRETARIAT,
      path: (x) => `/api/themes/${x.themeId}`,
      body: () => ({ description: unique('Toelichting') }),
    },
    {
      method: 'DELETE',
      pattern: '/api/themes/:id',
      expected: SECRETARIAT,
      path: () => newTheme().then((id) => `/api/themes/${id}`),
    },
    {
      method: 'POST',
      pattern: '/api/themes/:id/focus-areas',
      expected: SECRETARIAT,
      path: (x) => `/api/themes/${x.themeId}/focus-areas`,
      body: () => ({ title: unique('Nieuw onderdeel') }),
    },
    {
      method: 'PATCH',
      pattern: '/api/focus-areas/:id',
      expected: SECRETARIAT,
      path: (x) => `/api/focus-areas/${x.focusAreaId}`,
      body: () => ({ title: unique('Hernoemd onderdeel') }),
    },
    {
      method: 'DELETE',
      pattern: '/api/focus-areas/:id',
      expected: SECRETARIAT,
      path: () => newFocusArea().then((id) => `/api/focus-areas/${id}`),
    },
    { method: 'GET', pattern: '/api/workgroups', expected: READ, path: () => '/api/workgroups' },
    {
      method: 'POST',
      pattern: '/api/workgroups',
      expected: SECRETARIAT,
      path: () => '/api/workgroups',
      // A theme without a werkgroep per attempt, so the allowed attempt can succeed.
      body: () => ({ themeId: pendingThemeId, name: unique('Nieuwe werkgroep') }),
    },
    {
      method: 'GET',
      pattern: '/api/workgroups/:id',
      expected: WORKGROUP_VIEW,
      path: (x) => `/api/workgroups/${x.workgroupId}`,
    },
    {
      method: 'PATCH',
      pattern: '/api/workgroups/:id',
      expected: WORKGROUP_MANAGE,
      path: (x) => `/api/workgroups/${x.workgroupId}`,
      body: () => ({ description: unique('Omschrijving') }),
    },
    {
      method: 'DELETE',
      pattern: '/api/workgroups/:id',
      expected: WORKGROUP_MANAGE,
      path: (_, caller) => workgroupTarget(caller).then((id) => `/api/workgroups/${id}`),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/members',
      expected: WORKGROUP_MANAGE,
      path: async (x) => {
        await ensureNotMember(x.joiningUserId);
        return `/api/workgroups/${x.workgroupId}/members`;
      },
      body: (x) => ({ userId: x.joiningUserId, role: 'gast' }),
    },
    {
      method: 'PATCH',
      pattern: '/api/workgroups/:id/members/:userId',
      expected: WORKGROUP_MANAGE,
      path: async (x) => {
        await ensureMember(x.leavingUserId);
        return `/api/workgroups/${x.workgroupId}/members/${x.leavingUserId}`;
      },
      body: () => ({ role: 'ambtelijk' }),
    },
    {
      method: 'DELETE',
      pattern: '/api/workgroups/:id/members/:userId',
      expected: WORKGROUP_MANAGE,
      path: async (x) => {
        await ensureMember(x.leavingUserId);
        return `/api/workgroups/${x.workgroupId}/members/${x.leavingUserId}`;
      },
    },
    { method: 'GET', pattern: '/api/audit', expected: SECRETARIAT, path: () => '/api/audit' },
  ];
  let pendingThemeId = '';

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    const strategy = await api.strategy();
    const organisationId = await newOrganisation();
    const user = await asSecretariat<{ id: string }>('POST', '/api/users', {
      email: 'matrix.gebruiker@example.nl',
      displayName: 'Matrix gebruiker',
      function: 'partner',
      organisationId,
    });
    f = { strategyId: strategy.id, organisationId, userId: user.id } as Fixtures;
    f.themeId = await newTheme();
    f.focusAreaId = await newFocusArea();
    f.workgroupName = 'Geheime matrixwerkgroep Zwaluw';
    f.workgroupId = await createMatrixWorkgroup(api, await newTheme(), f.workgroupName);
    f.joiningUserId = await api.userId(DEMO.ovjCyber);
    f.leavingUserId = await api.userId(DEMO.politieCyber);
    await ensureMember(f.leavingUserId);
    const members = (
      await asSecretariat<{ members: Array<{ displayName: string; role: string }> }>(
        'GET',
        `/api/workgroups/${f.workgroupId}`,
      )
    ).members;
    expect(members.map((m) => m.role).sort()).toEqual(['aanjager', 'ambtelijk', 'gast', 'lid', 'lid', 'waarnemer']);
    f.memberNames = members.map((m) => m.displayName);
  });
  afterAll(() => t.close());

  describe.each(ROUTES.map((route) => [`${route.method} ${route.pattern}`, route] as const))('%s', (_, route) => {
    it.each(CALLER_KINDS.map((caller) => [caller, route.expected[caller]] as const))(
      'as %s -> %s',
      async (caller, expected) => {
        const email = CALLERS[caller];
        const path = await route.path(f, caller);
        if (route.pattern === '/api/workgroups' && route.method === 'POST') pendingThemeId = await newTheme();
        const before = email && expected !== 'ok' ? await deniedCount(api, email) : 0;

        const body = route.body?.(f) ?? (route.method === 'POST' || route.method === 'PATCH' ? {} : undefined);
        const csv = await route.csv?.(f);
        const response =
          csv === undefined
            ? await api.request(email, route.method, path, body)
            : await api.requestCsv(email, path, csv);

        expectOutcome(`${route.method} ${path} as ${caller}`, response, expected, [f.workgroupName, ...f.memberNames]);
        if (email && expected !== 'ok') {
          await expectDenialAudited(
            api,
            email,
            before,
            route.pattern.startsWith('/api/workgroups/:id')
              ? { entityType: 'workgroup', workgroupId: f.workgroupId }
              : {},
          );
        }
      },
    );
  });

  describe('the matrix is complete', () => {
    /** Tested below on their own: they need no token, or end the session. */
    const TESTED_APART = [
      'GET /api/health',
      'GET /api/region/public',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/refresh',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      // The mailed unlock link (no token needed; a bogus link is 410): test/login-lockout.spec.ts.
      'POST /api/auth/unlock',
      'POST /api/invitations/accept',
      'POST /api/auth/mfa',
      // Needs a code from the person's own authenticator app: test/mfa.spec.ts, and below for anonymous callers.
      'POST /api/me/mfa/confirm',
      // Changes the caller's own password: below for anonymous callers, and in test/accounts.spec.ts.
      'POST /api/me/password',
      // End the caller's own sessions (the matrix's callers need theirs): below for anonymous callers, and
      // in test/account-sessions.spec.ts (only one's own, 404 for anyone else's).
      'POST /api/me/sessions/end-others',
      'DELETE /api/me/sessions/:id',
      // Single sign-on: browser navigations without a token, tested against a real provider in test/sso.spec.ts.
      'GET /api/auth/oidc/providers',
      'GET /api/auth/oidc/:id/start',
      'GET /api/auth/oidc/callback',
      // Passkeys: adding needs an authenticator (Chromium's virtual one in test/browser/passkeys.spec.ts), removing
      // only one's own (404 for anyone else's), the login step a live challenge: test/passkeys.spec.ts, and below
      // for anonymous callers.
      'POST /api/me/passkeys',
      'DELETE /api/me/passkeys/:id',
      'POST /api/auth/mfa/passkey/options',
      'POST /api/auth/mfa/passkey',
    ];
    const FOUNDATION = [
      HealthController,
      AuthController,
      InvitationsController,
      MfaPolicyController,
      SsoController,
      PasskeysController,
      MeController,
      OrganisationsController,
      RegionController,
      ImportsController,
      RegionCompositionController,
      UsersController,
      StrategiesController,
      WorkgroupsController,
      AuditController,
    ];

    it('lists every route of the foundation controllers (test/permission-matrix-work.spec.ts checks the rest)', () => {
      const inControllers = [...new Set(FOUNDATION.flatMap(routesOf))].sort();
      const inMatrix = [...new Set([...ROUTES.map((r) => `${r.method} ${r.pattern}`), ...TESTED_APART])].sort();
      expect(inMatrix).toEqual(inControllers);
    });
  });

  describe('POST /api/auth/logout', () => {
    it.each(CALLER_KINDS)('as %s', async (caller) => {
      const email = CALLERS[caller];
      if (!email) {
        expect((await t.http().post('/api/auth/logout')).status).toBe(401);
        return;
      }
      const token = await t.login(email);
      expect((await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    });
  });

  describe('public routes', () => {
    it("health, the region's words, login and refresh need no token", async () => {
      expect((await t.http().get('/api/health')).status).toBe(200);
      expect((await t.http().get('/api/region/public')).status).toBe(200);
      expect((await t.http().post('/api/auth/login').send({ email: DEMO.rvc, password: 'koers-demo' })).status).toBe(
        200,
      );
      expect((await t.http().post('/api/auth/refresh')).status).toBe(401);
    });

    it('password reset and invitation acceptance need no token (a bogus link is 410); changing a password does', async () => {
      const reset = await t.http().post('/api/auth/password-reset').send({ email: DEMO.rvc });
      expect(reset.status).toBe(202);
      const link = { token: 'x'.repeat(43), password: 'paarse-olifant-fietst-naar-Zeist' };
      for (const path of ['/api/auth/password-reset/confirm', '/api/invitations/accept']) {
        const response = await t.http().post(path).send(link);
        expect({ path, status: response.status, code: response.body.error?.code }).toEqual({
          path,
          status: 410,
          code: 'LINK_INVALID',
        });
      }
      const mfa = await t
        .http()
        .post('/api/auth/mfa')
        .send({ challenge: 'x'.repeat(43), code: '123456' });
      expect(mfa.status).toBe(401);
      expect((await t.http().post('/api/me/mfa/confirm').send({ code: '123456' })).status).toBe(401);
      const change = await t
        .http()
        .post('/api/me/password')
        .send({ currentPassword: 'koers-demo', newPassword: 'paarse-olifant-fietst-naar-Zeist' });
      expect(change.status).toBe(401);
      expect((await t.http().post('/api/me/sessions/end-others')).status).toBe(401);
      expect((await t.http().delete('/api/me/sessions/00000000-0000-4000-8000-000000000001')).status).toBe(401);
      expect((await t.http().post('/api/me/passkeys').send({ name: 'Laptop', response: {} })).status).toBe(401);
      expect((await t.http().delete('/api/me/passkeys/00000000-0000-4000-8000-000000000001')).status).toBe(401);
      const bogus = { challenge: 'x'.repeat(43) };
      expect((await t.http().post('/api/auth/mfa/passkey/options').send(bogus)).status).toBe(401);
      expect(
        (
          await t
            .http()
            .post('/api/auth/mfa/passkey')
            .send({ ...bogus, response: { id: 'x' } })
        ).status,
      ).toBe(401);
    });
  });

  describe('werkgroepen of others do not leak', () => {
    const MEMBER_ROUTES: Array<[method: 'GET' | 'PATCH' | 'DELETE' | 'POST', suffix: string, body?: object]> = [
      ['GET', ''],
      ['PATCH', '', { description: 'Overgenomen' }],
      ['DELETE', ''],
      ['POST', '/members', { userId: '00000000-0000-4000-8000-000000000001', role: 'lid' }],
      ['PATCH', '/members/00000000-0000-4000-8000-000000000001', { role: 'gast' }],
      ['DELETE', '/members/00000000-0000-4000-8000-000000000001'],
    ];

    it('a member of another werkgroep gets the same 404 for a real id, a random UUID and a non-UUID, and the body names nothing', async () => {
      const ondermijning = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
      const ondermijningMembers = (
        await asSecretariat<{ members: Array<{ displayName: string }> }>('GET', `/api/workgroups/${ondermijning}`)
      ).members.map((m) => m.displayName);
      const targets = [
        f.workgroupId,
        ondermijning,
        randomUUID(),
        'abc',
        '1',
        'null',
        "1' OR '1'='1",
        '%2e%2e',
        f.workgroupId.toUpperCase().replace(/-/g, ''),
      ];
      const forbiddenText = [
        f.workgroupName,
        WORKGROUP_NAMES.ondermijning,
        ...f.memberNames,
        ...ondermijningMembers,
        'Ondermijning',
        'RIEC',
      ];
      const uuidBodies = new Set<string>();
      for (const target of targets) {
        for (const [method, suffix, body] of MEMBER_ROUTES) {
          const path = `/api/workgroups/${encodeURIComponent(target).replace(/%25/g, '%')}${suffix}`;
          const response = await api.request(
            DEMO.aanjagerCyber,
            method,
            path,
            body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
          );
          expect({ path, method, status: response.status }).toEqual({ path, method, status: 404 });
          const text = JSON.stringify(response.body);
          for (const name of forbiddenText) expect(text).not.toContain(name);
          if (/^[0-9a-f-]{36}$/.test(target)) uuidBodies.add(`${method}${suffix} ${text}`);
        }
      }
      // Not only no names: a real id of another werkgroep answers exactly like a made-up one, so ids cannot be probed.
      expect(uuidBodies.size).toBe(MEMBER_ROUTES.length);
    });

    it('the werkgroep list of a member of another werkgroep does not mention the werkgroep', async () => {
      const response = expectStatus(await api.get(DEMO.aanjagerCyber, '/api/workgroups'), 200);
      expect(response.body.map((w: { name: string }) => w.name)).toEqual([WORKGROUP_NAMES.cyber]);
      expect(JSON.stringify(response.body)).not.toContain(f.workgroupName);
    });

    it('non-UUID ids are 404 for every caller, the secretariat included', async () => {
      for (const email of [DEMO.secretariaat, DEMO.rvc, DEMO.aanjagerOnrust]) {
        for (const path of [
          '/api/workgroups/abc',
          '/api/strategies/abc',
          '/api/users/abc',
          '/api/themes/abc',
          '/api/focus-areas/abc',
        ]) {
          const method = path.startsWith('/api/themes') || path.startsWith('/api/focus-areas') ? 'PATCH' : 'GET';
          const response = await api.request(
            email,
            method,
            path,
            method === 'PATCH' ? { title: 'Een titel' } : undefined,
          );
          const expected = path.startsWith('/api/users') && email !== DEMO.secretariaat ? [403, 404] : [404];
          expect(expected).toContain(response.status);
        }
      }
    });

    it('every denial by a signed-in caller is in the audit log as denied', async () => {
      const denied = await api.audit({ outcome: 'denied', limit: 200 });
      expect(denied.total).toBeGreaterThan(100);
      expect(denied.items.every((e) => e.outcome === 'denied')).toBe(true);
      const actors = new Set(denied.items.map((e) => e.actorEmail));
      for (const email of [
        DEMO.aanjagerOnrust,
        DEMO.ovjOnrust,
        DEMO.ambtelijkOnrust,
        DEMO.riec,
        DEMO.waarnemerOnrust,
        DEMO.rvc,
        DEMO.aanjagerCyber,
      ]) {
        expect(actors).toContain(email);
      }
      expect(actors).not.toContain(DEMO.secretariaat);
    });
  });
});
