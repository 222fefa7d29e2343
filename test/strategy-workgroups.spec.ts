import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuditEntry, StrategyDetail } from '@koers/contracts';
import { Api, DEMO, expectStatus, STRATEGY_TITLE, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** The priorities and focus areas of Midden-Nederland 2023-2026, verbatim (shared/domain.md). */
const PRIORITIES = [
  {
    title: 'Georganiseerde ondermijnende (drugs)criminaliteit, inclusief mensenhandel',
    focusAreas: [
      'Voorkomen jonge aanwas en doorgroeiers',
      'Verstoren en terugdringen criminele geldstromen',
      'Aanpakken branches en locaties',
      'Mensenhandel: ontmoedigen en vervolgen daders, hulp slachtoffers',
    ],
  },
  {
    title: 'Digitale veiligheid en cybercriminaliteit',
    focusAreas: [
      'Aanjagen en stimuleren gebruik van beschikbare interventies',
      'Meer inzicht in dader- en slachtofferschap',
      'Vergroten kennis bestuurlijke bevoegdheden',
    ],
  },
  {
    title: 'Maatschappelijke onrust',
    focusAreas: [
      'Verbinding met de samenleving',
      'Versterken online informatiepositie',
      'Duidings- en handelingsperspectief voor (deels online aangejaagde) ordeverstoringen',
      'Inzicht in bronoorzaken van polarisatie en radicalisering',
    ],
  },
];

const S = DEMO.secretariaat;

describe('strategy, werkgroepen and audit', () => {
  let t: TestApp;
  let api: Api;
  let strategy: StrategyDetail;
  let secretariaatId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    strategy = await api.strategy();
    secretariaatId = await api.userId(S);
  });
  afterAll(() => t.close());

  const fieldsOf = (body: { error: { fields?: Array<{ field: string }> } }) =>
    (body.error.fields ?? []).map((f) => f.field).sort();
  const latestAudit = async (query: Record<string, string>): Promise<AuditEntry> => {
    const page = await api.audit({ ...query, limit: 1 });
    expect(page.items).toHaveLength(1);
    return page.items[0];
  };

  describe('the demo strategy', () => {
    it('is Midden-Nederland 2023-2026 with its 3 priorities and 4/3/4 focus areas, verbatim and in order', async () => {
      const response = expectStatus(await api.get(DEMO.waarnemerOnrust, `/api/strategies/${strategy.id}`), 200);
      const body = response.body as StrategyDetail & { status: string; adoptedOn: string };
      expect(body).toMatchObject({
        id: strategy.id,
        title: STRATEGY_TITLE,
        periodStart: '2023-01-01',
        periodEnd: '2026-12-31',
        status: 'vastgesteld',
        adoptedOn: '2023-04-12',
      });
      expect(
        body.themes.map((theme) => ({ title: theme.title, focusAreas: theme.focusAreas.map((f) => f.title) })),
      ).toEqual(PRIORITIES);
      expect(body.themes.map((theme) => theme.focusAreas.length)).toEqual([4, 3, 4]);
      expect(body.themes.map((theme) => theme.position)).toEqual([1, 2, 3]);
      expect(body.themes.map((theme) => theme.requiresTaxAuthority)).toEqual([true, false, false]);
      for (const theme of body.themes)
        expect(theme.focusAreas.map((f) => f.position)).toEqual(theme.focusAreas.map((_, i) => i + 1));
    });

    it('is listed for every signed-in user', async () => {
      const response = expectStatus(await api.get(DEMO.pvo, '/api/strategies'), 200);
      expect(response.body.map((s: { title: string }) => s.title)).toContain(STRATEGY_TITLE);
    });

    it('lists the 5 police districts and the organisations of the region', async () => {
      const districts = expectStatus(await api.get(DEMO.riec, '/api/districts'), 200).body as Array<{ name: string }>;
      expect(districts.map((d) => d.name)).toEqual([
        'District Flevoland',
        'District Gooi en Vechtstreek',
        'District Oost-Utrecht',
        'District Stad-Utrecht',
        'District West-Utrecht',
      ]);
      const gemeenten = expectStatus(await api.get(DEMO.riec, '/api/organisations?type=gemeente'), 200).body as Array<{
        name: string;
        type: string;
      }>;
      expect(gemeenten).toHaveLength(38);
      expect(gemeenten.every((o) => o.type === 'gemeente' && o.name.startsWith('Gemeente '))).toBe(true);
    });
  });

  describe('validation', () => {
    it('reports every missing field of a new strategy', async () => {
      const response = await api.post(S, '/api/strategies', {});
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['periodEnd', 'periodStart', 'title']);
      for (const field of response.body.error.fields) expect(field.messages.length).toBeGreaterThan(0);
    });

    it('reports invalid values per field', async () => {
      const response = await api.post(S, '/api/strategies', {
        title: 'ab',
        periodStart: 'morgen',
        periodEnd: '2027-02-30',
        status: 'weg',
        adoptedOn: 12,
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['adoptedOn', 'periodEnd', 'periodStart', 'status', 'title']);
    });

    it('refuses a date with a time where a calendar day is expected', async () => {
      const response = await api.post(S, '/api/strategies', {
        title: unique('Strategie'),
        periodStart: '2027-01-01T10:00:00Z',
        periodEnd: '2030-12-31',
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['periodStart']);
    });

    it('refuses unknown fields', async () => {
      const response = await api.post(S, '/api/strategies', {
        title: unique('Strategie'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
        regionId: randomUUID(),
      });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ field: 'regionId', messages: [expect.any(String)] }]);
      // The e-mail address is the login name: it is set on creation and never changed.
      const user = await api.patch(S, `/api/users/${secretariaatId}`, {
        passwordHash: 'x',
        failedLoginCount: 0,
        email: 'ander@example.nl',
      });
      expect(user.status).toBe(400);
      expect(fieldsOf(user.body)).toEqual(['email', 'failedLoginCount', 'passwordHash']);
    });

    it('refuses nested objects and arrays where a string is expected', async () => {
      for (const title of [{ $ne: '' }, ['Een', 'lijst'], { toString: 'x' }, 42, true, null]) {
        const response = await api.post(S, `/api/strategies/${strategy.id}/themes`, { title });
        expect({ title, status: response.status, code: response.body.error?.code }).toEqual({
          title,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(fieldsOf(response.body)).toEqual(['title']);
      }
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: { $gt: '' }, password: { $gt: '' } });
      expect(login.status).toBe(400);
      expect(fieldsOf(login.body)).toEqual(['email', 'password']);
    });

    it('refuses a period that ends before it starts, on create and on update', async () => {
      const created = await api.post(S, '/api/strategies', {
        title: unique('Strategie'),
        periodStart: '2030-01-01',
        periodEnd: '2027-12-31',
      });
      expect(created.status).toBe(400);
      expect(fieldsOf(created.body)).toEqual(['periodEnd']);
      const same = await api.post(S, '/api/strategies', {
        title: unique('Strategie'),
        periodStart: '2030-01-01',
        periodEnd: '2030-01-01',
      });
      expect(same.status).toBe(400);

      const updated = await api.patch(S, `/api/strategies/${strategy.id}`, { periodEnd: '2022-12-31' });
      expect(updated.status).toBe(400);
      expect(fieldsOf(updated.body)).toEqual(['periodEnd']);
      const movedStart = await api.patch(S, `/api/strategies/${strategy.id}`, { periodStart: '2027-01-01' });
      expect(movedStart.status).toBe(400);
      expect((await api.strategy()).periodStart).toBe('2023-01-01');
    });

    it('refuses an unknown organisation or district with a field error, not a database error', async () => {
      const user = await api.post(S, '/api/users', {
        email: 'x@example.nl',
        displayName: 'Xx',
        function: 'ambtenaar',
        organisationId: randomUUID(),
      });
      expect(user.status).toBe(400);
      expect(fieldsOf(user.body)).toEqual(['organisationId']);
      const organisation = await api.post(S, '/api/organisations', {
        name: unique('Partner'),
        type: 'partner',
        districtId: randomUUID(),
      });
      expect(organisation.status).toBe(400);
      expect(fieldsOf(organisation.body)).toEqual(['districtId']);
      const workgroup = await api.post(S, '/api/workgroups', { themeId: randomUUID(), name: 'Werkgroep zonder thema' });
      expect(workgroup.status).toBe(400);
      expect(fieldsOf(workgroup.body)).toEqual(['themeId']);
      const member = await api.post(S, `/api/workgroups/${await api.workgroupId(WORKGROUP_NAMES.cyber)}/members`, {
        userId: randomUUID(),
        role: 'lid',
      });
      expect(member.status).toBe(400);
      expect(fieldsOf(member.body)).toEqual(['userId']);
      const role = await api.post(S, `/api/workgroups/${await api.workgroupId(WORKGROUP_NAMES.cyber)}/members`, {
        userId: secretariaatId,
        role: 'voorzitter',
      });
      expect(role.status).toBe(400);
      expect(fieldsOf(role.body)).toEqual(['role']);
    });
  });

  describe('not found', () => {
    it.each([
      ['GET', '/api/strategies/:random'],
      ['PATCH', '/api/strategies/:random'],
      ['DELETE', '/api/strategies/:random'],
      ['POST', '/api/strategies/:random/themes'],
      ['PATCH', '/api/themes/:random'],
      ['DELETE', '/api/themes/:random'],
      ['POST', '/api/themes/:random/focus-areas'],
      ['PATCH', '/api/focus-areas/:random'],
      ['DELETE', '/api/focus-areas/:random'],
      ['PATCH', '/api/organisations/:random'],
      ['DELETE', '/api/organisations/:random'],
      ['GET', '/api/users/:random'],
      ['PATCH', '/api/users/:random'],
      ['GET', '/api/workgroups/:random'],
      ['PATCH', '/api/workgroups/:random'],
      ['DELETE', '/api/workgroups/:random'],
      ['POST', '/api/workgroups/:random/members'],
      ['PATCH', '/api/workgroups/:cyber/members/:random'],
      ['DELETE', '/api/workgroups/:cyber/members/:random'],
    ] as const)('%s %s is 404 NOT_FOUND for the secretariat', async (method, pattern) => {
      const cyber = await api.workgroupId(WORKGROUP_NAMES.cyber);
      const path = pattern.replace(':cyber', cyber).replace(':random', randomUUID());
      const body: Record<string, object> = {
        'POST /api/strategies/:random/themes': { title: 'Een thema' },
        'POST /api/themes/:random/focus-areas': { title: 'Een onderdeel' },
        'POST /api/workgroups/:random/members': { userId: secretariaatId, role: 'lid' },
        'PATCH /api/workgroups/:cyber/members/:random': { role: 'gast' },
      };
      const response = await api.request(
        S,
        method,
        path,
        body[`${method} ${pattern}`] ?? (method === 'PATCH' ? {} : undefined),
      );
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    });
  });

  describe('conflicts', () => {
    it('a theme title is unique within a strategy', async () => {
      const response = await api.post(S, `/api/strategies/${strategy.id}/themes`, { title: 'Maatschappelijke onrust' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ error: { code: 'CONFLICT', message: expect.any(String) } });
      const renamed = await api.patch(S, `/api/themes/${strategy.themes[1].id}`, { title: 'Maatschappelijke onrust' });
      expect(renamed.status).toBe(409);
      // The refused change left no trace but the refusal: no success entry.
      const entries = await api.audit({ entityId: strategy.themes[1].id, outcome: 'success' });
      expect(entries.total).toBe(0);
    });

    it('a user e-mail address is unique regardless of case', async () => {
      const organisationId = await api.organisationId('Gemeente Utrecht');
      const base = { displayName: 'Dubbel', function: 'ambtenaar', organisationId };
      expect((await api.post(S, '/api/users', { ...base, email: 'SECRETARIAAT@demo.koers.nl' })).status).toBe(409);
      expect((await api.post(S, '/api/users', { ...base, email: 'Nieuw.Persoon@Example.nl' })).status).toBe(201);
      const again = await api.post(S, '/api/users', { ...base, email: 'nieuw.persoon@example.nl' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
    });

    it('an organisation with users cannot be deleted', async () => {
      const utrecht = await api.organisationId('Gemeente Utrecht');
      const response = await api.delete(S, `/api/organisations/${utrecht}`);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      expect(await api.organisationId('Gemeente Utrecht')).toBe(utrecht);
    });

    it('a theme with an empty werkgroep cannot be deleted, nor a strategy with themes', async () => {
      // A theme whose werkgroep has actions or reports is archived instead (test/region-setup.spec.ts).
      const theme = expectStatus(
        await api.post(S, `/api/strategies/${strategy.id}/themes`, { title: unique('Thema met lege werkgroep') }),
        201,
      ).body.id;
      const workgroup = expectStatus(
        await api.post(S, '/api/workgroups', { themeId: theme, name: unique('Lege werkgroep') }),
        201,
      ).body.id;
      const response = await api.delete(S, `/api/themes/${theme}`);
      expect(response.status).toBe(409);
      expect((await api.delete(S, `/api/strategies/${strategy.id}`)).status).toBe(409);
      expect((await api.strategy()).themes).toHaveLength(4);
      // Without its werkgroep the theme goes.
      expectStatus(await api.delete(S, `/api/workgroups/${workgroup}`), 204);
      expectStatus(await api.delete(S, `/api/themes/${theme}`), 204);
      expect((await api.strategy()).themes).toHaveLength(3);
    });

    it('a second werkgroep for the same theme is allowed; a duplicate name is refused and named', async () => {
      const created = expectStatus(
        await api.post(S, '/api/workgroups', { themeId: strategy.themes[0].id, name: 'Tweede werkgroep ondermijning' }),
        201,
      ).body;
      // Answered as the list shows a werkgroep (WorkgroupSummary), not as the stored row.
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Tweede werkgroep ondermijning',
        description: '',
        kind: 'werkgroep',
        themeId: strategy.themes[0].id,
        themeTitle: strategy.themes[0].title,
        strategyId: strategy.id,
        memberCount: 0,
        myRole: null,
        version: 1,
      });
      const second = created.id as string;
      // A change answers the whole werkgroep, as GET does.
      const renamed = expectStatus(await api.patch(S, `/api/workgroups/${second}`, { description: 'Tijdelijk' }), 200);
      expect(renamed.body).toMatchObject({
        id: second,
        description: 'Tijdelijk',
        theme: { id: strategy.themes[0].id },
        members: [],
        composition: { complete: false },
      });
      const duplicate = await api.post(S, '/api/workgroups', {
        themeId: strategy.themes[1].id,
        name: WORKGROUP_NAMES.ondermijning.toUpperCase(),
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toBe(
        `Er bestaat al een werkgroep met de naam "${WORKGROUP_NAMES.ondermijning}".`,
      );
      expectStatus(await api.delete(S, `/api/workgroups/${second}`), 204);
    });

    it('adding an existing member is refused', async () => {
      const ondermijning = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
      const response = await api.post(S, `/api/workgroups/${ondermijning}/members`, {
        userId: await api.userId(DEMO.riec),
        role: 'lid',
      });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      const members = expectStatus(await api.get(S, `/api/workgroups/${ondermijning}`), 200).body.members as Array<{
        email: string;
        role: string;
      }>;
      expect(members.find((m) => m.email === DEMO.riec)?.role).toBe('gast');
    });
  });

  describe('werkgroepen and their composition', () => {
    it('the ondermijning werkgroep is complete, Belastingdienst included', async () => {
      const id = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
      const body = expectStatus(await api.get(DEMO.belastingdienstOndermijning, `/api/workgroups/${id}`), 200).body;
      expect(body).toMatchObject({
        id,
        name: WORKGROUP_NAMES.ondermijning,
        myRole: 'lid',
        theme: { title: PRIORITIES[0].title, requiresTaxAuthority: true },
      });
      expect(body.composition.complete).toBe(true);
      expect(body.composition.missing).toEqual([]);
      const labels = body.composition.requirements.map((r: { label: string }) => r.label);
      expect(labels).toEqual(
        expect.arrayContaining(['Officier van justitie', 'Sectorhoofd politie', 'Belastingdienst']),
      );
      expect(labels.filter((l: string) => l.startsWith('Burgemeester als bestuurlijk aanjager uit'))).toHaveLength(5);
      const tax = body.composition.requirements.find((r: { code: string }) => r.code === 'belastingdienst');
      expect(tax.satisfiedBy).toEqual([
        { userId: await api.userId(DEMO.belastingdienstOndermijning), displayName: 'Adviseur Belastingdienst (demo)' },
      ]);
      expect(body.members.map((m: { email: string }) => m.email)).toEqual(
        expect.arrayContaining([DEMO.aanjagerOndermijning, DEMO.ovjOndermijning, DEMO.politieOndermijning, DEMO.riec]),
      );
      for (const member of body.members) {
        expect(member).not.toHaveProperty('passwordHash');
        expect(member).not.toHaveProperty('password_hash');
      }
    });

    it('the onrust werkgroep misses only the mayor from District Gooi en Vechtstreek', async () => {
      const id = await api.workgroupId(WORKGROUP_NAMES.onrust);
      const body = expectStatus(await api.get(DEMO.aanjagerOnrust, `/api/workgroups/${id}`), 200).body;
      expect(body.composition.complete).toBe(false);
      expect(body.composition.missing).toEqual([
        'Burgemeester als bestuurlijk aanjager uit District Gooi en Vechtstreek',
      ]);
      // The cyber werkgroep has all of them and needs no Belastingdienst.
      const cyber = expectStatus(
        await api.get(S, `/api/workgroups/${await api.workgroupId(WORKGROUP_NAMES.cyber)}`),
        200,
      ).body;
      expect(cyber.composition).toMatchObject({ complete: true, missing: [] });
      expect(cyber.composition.requirements.map((r: { code: string }) => r.code)).not.toContain('belastingdienst');
    });

    it('removing the officier van justitie makes that seat missing; adding them back fills it', async () => {
      const id = await api.workgroupId(WORKGROUP_NAMES.onrust);
      const ovj = await api.userId(DEMO.ovjOnrust);
      expect((await api.delete(S, `/api/workgroups/${id}/members/${ovj}`)).status).toBe(204);
      const without = expectStatus(await api.get(S, `/api/workgroups/${id}`), 200).body;
      expect(without.composition.missing).toEqual([
        'Burgemeester als bestuurlijk aanjager uit District Gooi en Vechtstreek',
        'Officier van justitie',
      ]);
      expect(without.members.map((m: { userId: string }) => m.userId)).not.toContain(ovj);
      // The former member no longer sees the werkgroep.
      expect((await api.get(DEMO.ovjOnrust, `/api/workgroups/${id}`)).status).toBe(404);

      const added = await api.post(S, `/api/workgroups/${id}/members`, { userId: ovj, role: 'lid' });
      expect(added.status).toBe(201);
      expect(added.body.composition.missing).toEqual([
        'Burgemeester als bestuurlijk aanjager uit District Gooi en Vechtstreek',
      ]);
      expect((await api.get(DEMO.ovjOnrust, `/api/workgroups/${id}`)).status).toBe(200);
    });

    it('an aanjager demoted to waarnemer no longer fills the seat', async () => {
      const id = await api.workgroupId(WORKGROUP_NAMES.cyber);
      const huizen = await api.userId('burgemeester.huizen@demo.koers.nl');
      const changed = await api.patch(S, `/api/workgroups/${id}/members/${huizen}`, { role: 'waarnemer' });
      expect(changed.status).toBe(200);
      expect(changed.body.composition.missing).toEqual([
        'Burgemeester als bestuurlijk aanjager uit District Gooi en Vechtstreek',
      ]);
      expect(
        (await api.patch(S, `/api/workgroups/${id}/members/${huizen}`, { role: 'aanjager' })).body.composition.complete,
      ).toBe(true);
    });

    it('GET /api/workgroups shows an ordinary member only their own werkgroepen, the secretariat and RVC all', async () => {
      const names = async (email: string) =>
        (expectStatus(await api.get(email, '/api/workgroups'), 200).body as Array<{ name: string }>)
          .map((w) => w.name)
          .sort();
      const all = Object.values(WORKGROUP_NAMES).sort();
      expect(await names(DEMO.ovjCyber)).toEqual([WORKGROUP_NAMES.cyber]);
      expect(await names(DEMO.riec)).toEqual([WORKGROUP_NAMES.ondermijning]);
      expect(await names(DEMO.waarnemerOnrust)).toEqual([WORKGROUP_NAMES.onrust]);
      expect(await names(DEMO.burgemeesterUtrecht)).toEqual(all);
      expect(await names(S)).toEqual(all);
      expect(await names(DEMO.rvc)).toEqual(all);

      const mine = expectStatus(await api.get(DEMO.riec, '/api/workgroups'), 200).body;
      expect(mine).toEqual([
        expect.objectContaining({
          name: WORKGROUP_NAMES.ondermijning,
          myRole: 'gast',
          themeTitle: PRIORITIES[0].title,
          strategyId: strategy.id,
          memberCount: expect.any(Number),
        }),
      ]);
      expect(mine[0].memberCount).toBeGreaterThanOrEqual(10);
      const rvc = expectStatus(await api.get(DEMO.rvc, '/api/workgroups'), 200).body as Array<{
        myRole: string | null;
      }>;
      expect(rvc.every((w) => w.myRole === null)).toBe(true);
    });

    it('a werkgroep says what the caller may do there (permissions), by the authorisation rules', async () => {
      const onrust = await api.workgroupId(WORKGROUP_NAMES.onrust);
      const permissions = async (who: string) =>
        expectStatus(await api.get(who, `/api/workgroups/${onrust}`), 200).body.permissions;
      expect(await permissions(S)).toEqual({
        edit: true,
        delete: true,
        manageMembers: true,
        readContent: true,
        contribute: true,
        manageWork: true,
        // The secretariat may submit on the werkgroep's behalf.
        submitReport: true,
      });
      expect(await permissions(DEMO.aanjagerOnrust)).toEqual({
        edit: false,
        delete: false,
        manageMembers: false,
        readContent: true,
        contribute: true,
        manageWork: true,
        submitReport: true,
      });
      expect(await permissions(DEMO.waarnemerOnrust)).toMatchObject({
        readContent: true,
        contribute: false,
        manageWork: false,
        submitReport: false,
      });
      // An RVC member sees the werkgroep's overview, not its work.
      expect(await permissions(DEMO.rvc)).toMatchObject({ readContent: false, contribute: false, edit: false });
    });

    it("GET /api/me lists the caller's memberships and organisation", async () => {
      const me = expectStatus(await api.get(DEMO.burgemeesterUtrecht, '/api/me'), 200).body;
      expect(me.user).toMatchObject({ email: DEMO.burgemeesterUtrecht, function: 'burgemeester' });
      expect(me.user).not.toHaveProperty('passwordHash');
      expect(me.organisation).toMatchObject({ name: 'Gemeente Utrecht', type: 'gemeente' });
      expect(
        me.memberships.map((m: { workgroupName: string; role: string }) => [m.workgroupName, m.role]).sort(),
      ).toEqual(
        Object.values(WORKGROUP_NAMES)
          .sort()
          .map((name) => [name, 'aanjager']),
      );
      expect(expectStatus(await api.get(DEMO.rvc, '/api/me'), 200).body.memberships).toEqual([]);
      expect(expectStatus(await api.get(DEMO.pvo, '/api/me'), 200).body.memberships).toEqual([
        expect.objectContaining({
          workgroupName: WORKGROUP_NAMES.cyber,
          role: 'gast',
          workgroupId: await api.workgroupId(WORKGROUP_NAMES.cyber),
        }),
      ]);
    });
  });

  describe('every change is audited', () => {
    const success = { outcome: 'success', actorId: expect.any(String), actorEmail: S };

    it('strategies, themes and focus areas', async () => {
      const created = expectStatus(
        await api.post(S, '/api/strategies', {
          title: 'Strategie voor de audit',
          periodStart: '2027-01-01',
          periodEnd: '2030-12-31',
        }),
        201,
      ).body;
      // The running demo strategy stays the current one; the answer says so (the Strategy contract).
      expect(created).toMatchObject({ title: 'Strategie voor de audit', status: 'concept', current: false });
      expect(await latestAudit({ entityId: created.id })).toMatchObject({
        ...success,
        actorId: secretariaatId,
        action: 'strategy.create',
        entityType: 'strategy',
        summary: { title: 'Strategie voor de audit' },
      });

      const updated = expectStatus(
        await api.patch(S, `/api/strategies/${created.id}`, { motto: 'Veilig samen', periodEnd: '2031-12-31' }),
        200,
      ).body;
      expect(updated).toMatchObject({ motto: 'Veilig samen', periodEnd: '2031-12-31', current: false });
      expect(await latestAudit({ entityId: created.id })).toMatchObject({
        ...success,
        action: 'strategy.update',
        summary: {
          changes: { motto: { from: '', to: 'Veilig samen' }, periodEnd: { from: '2030-12-31', to: '2031-12-31' } },
        },
      });

      const theme = expectStatus(
        await api.post(S, `/api/strategies/${created.id}/themes`, { title: 'Thema voor de audit' }),
        201,
      ).body;
      expect(theme).toMatchObject({ position: 1, strategyId: created.id, focusAreas: [] });
      expect(await latestAudit({ entityId: theme.id })).toMatchObject({
        ...success,
        action: 'theme.create',
        entityType: 'theme',
        summary: { title: 'Thema voor de audit', strategyId: created.id },
      });
      expectStatus(await api.patch(S, `/api/themes/${theme.id}`, { requiresTaxAuthority: true }), 200);
      expect(await latestAudit({ entityId: theme.id })).toMatchObject({
        ...success,
        action: 'theme.update',
        summary: { changes: { requiresTaxAuthority: { from: false, to: true } } },
      });

      const focus = expectStatus(
        await api.post(S, `/api/themes/${theme.id}/focus-areas`, { title: 'Onderdeel voor de audit' }),
        201,
      ).body;
      // A changed priority is answered with its focus areas (the Theme contract).
      const retitled = expectStatus(await api.patch(S, `/api/themes/${theme.id}`, { description: 'Uitleg' }), 200);
      expect(retitled.body).toMatchObject({
        // Strategy texts are rich text: plain text is stored as a sanitised paragraph.
        description: '<p>Uitleg</p>',
        focusAreas: [{ id: focus.id, title: 'Onderdeel voor de audit' }],
      });
      expect(await latestAudit({ entityId: focus.id })).toMatchObject({
        ...success,
        action: 'focus_area.create',
        entityType: 'focus_area',
        summary: { title: 'Onderdeel voor de audit', themeId: theme.id },
      });
      expectStatus(await api.patch(S, `/api/focus-areas/${focus.id}`, { title: 'Hernoemd onderdeel' }), 200);
      expect(await latestAudit({ entityId: focus.id })).toMatchObject({
        action: 'focus_area.update',
        summary: { changes: { title: { from: 'Onderdeel voor de audit', to: 'Hernoemd onderdeel' } } },
      });
      expectStatus(await api.delete(S, `/api/focus-areas/${focus.id}`), 204);
      expect(await latestAudit({ entityId: focus.id })).toMatchObject({
        ...success,
        action: 'focus_area.delete',
        summary: { title: 'Hernoemd onderdeel' },
      });
      expectStatus(await api.delete(S, `/api/themes/${theme.id}`), 204);
      expect(await latestAudit({ entityId: theme.id })).toMatchObject({ action: 'theme.delete' });
      expectStatus(await api.delete(S, `/api/strategies/${created.id}`), 204);
      expect(await latestAudit({ entityId: created.id })).toMatchObject({
        ...success,
        action: 'strategy.delete',
        summary: { title: 'Strategie voor de audit' },
      });
      expect((await api.get(S, `/api/strategies/${created.id}`)).status).toBe(404);
    });

    it('organisations and users', async () => {
      const organisation = expectStatus(
        await api.post(S, '/api/organisations', { name: 'Veiligheidsregio Utrecht (test)', type: 'partner' }),
        201,
      ).body;
      expect(await latestAudit({ entityId: organisation.id })).toMatchObject({
        ...success,
        action: 'organisation.create',
        entityType: 'organisation',
        summary: { name: 'Veiligheidsregio Utrecht (test)', type: 'partner' },
      });
      const districts = expectStatus(await api.get(S, '/api/districts'), 200).body as Array<{ id: string }>;
      expectStatus(await api.patch(S, `/api/organisations/${organisation.id}`, { districtId: districts[0].id }), 200);
      expect(await latestAudit({ entityId: organisation.id })).toMatchObject({
        action: 'organisation.update',
        summary: { changes: { districtId: { from: null, to: districts[0].id } } },
      });

      const user = expectStatus(
        await api.post(S, '/api/users', {
          email: 'Audit.Persoon@Example.nl',
          displayName: 'Audit persoon',
          function: 'partner',
          organisationId: organisation.id,
        }),
        201,
      ).body;
      expect(user.email).toBe('audit.persoon@example.nl');
      expect(await latestAudit({ entityId: user.id, action: 'user.create' })).toMatchObject({
        ...success,
        action: 'user.create',
        entityType: 'user',
        summary: { email: 'audit.persoon@example.nl', platformRole: 'gebruiker', rvcMember: false },
      });
      expectStatus(await api.patch(S, `/api/users/${user.id}`, { jobTitle: 'Adviseur', rvcMember: true }), 200);
      const update = await latestAudit({ entityId: user.id });
      expect(update).toMatchObject({
        ...success,
        action: 'user.update',
        summary: { changes: { jobTitle: { from: '', to: 'Adviseur' }, rvcMember: { from: false, to: true } } },
      });
      expect(Object.keys(update.summary.changes as object).sort()).toEqual(['jobTitle', 'rvcMember']);

      // The secretariat never types a password: it sends a new invitation instead (test/accounts.spec.ts).
      const typed = await api.patch(S, `/api/users/${user.id}`, { password: 'nog-een-lang-wachtwoord' });
      expect(typed.status).toBe(400);
      expect(fieldsOf(typed.body)).toEqual(['password']);

      expect((await api.delete(S, `/api/organisations/${organisation.id}`)).status).toBe(409);
    });

    it('werkgroepen and their members', async () => {
      const theme = expectStatus(
        await api.post(S, `/api/strategies/${strategy.id}/themes`, { title: 'Zorg en veiligheid' }),
        201,
      ).body;
      const workgroup = expectStatus(
        await api.post(S, '/api/workgroups', { themeId: theme.id, name: 'Werkgroep zorg en veiligheid' }),
        201,
      ).body;
      expect(await latestAudit({ entityId: workgroup.id })).toMatchObject({
        ...success,
        action: 'workgroup.create',
        entityType: 'workgroup',
        workgroupId: workgroup.id,
        summary: { name: 'Werkgroep zorg en veiligheid', themeId: theme.id },
      });

      expectStatus(
        await api.patch(S, `/api/workgroups/${workgroup.id}`, { description: 'Personen met verward gedrag' }),
        200,
      );
      expect(await latestAudit({ entityId: workgroup.id })).toMatchObject({
        action: 'workgroup.update',
        summary: { changes: { description: { from: '', to: 'Personen met verward gedrag' } } },
      });

      const member = await api.userId(DEMO.ambtelijkCyber);
      expectStatus(
        await api.post(S, `/api/workgroups/${workgroup.id}/members`, { userId: member, role: 'ambtelijk' }),
        201,
      );
      expect(await latestAudit({ workgroupId: workgroup.id })).toMatchObject({
        ...success,
        action: 'workgroup.member.add',
        entityType: 'workgroup_member',
        entityId: member,
        summary: { userId: member, role: 'ambtelijk' },
      });
      expectStatus(await api.patch(S, `/api/workgroups/${workgroup.id}/members/${member}`, { role: 'lid' }), 200);
      expect(await latestAudit({ workgroupId: workgroup.id })).toMatchObject({
        action: 'workgroup.member.update',
        summary: { role: { from: 'ambtelijk', to: 'lid' } },
      });
      expectStatus(await api.delete(S, `/api/workgroups/${workgroup.id}/members/${member}`), 204);
      expect(await latestAudit({ workgroupId: workgroup.id })).toMatchObject({
        action: 'workgroup.member.remove',
        summary: { userId: member, role: 'lid' },
      });

      expectStatus(await api.delete(S, `/api/workgroups/${workgroup.id}`), 204);
      expect(await latestAudit({ entityId: workgroup.id })).toMatchObject({
        ...success,
        action: 'workgroup.delete',
        summary: { name: 'Werkgroep zorg en veiligheid' },
      });
      // With its werkgroep gone the theme can go too.
      expectStatus(await api.delete(S, `/api/themes/${theme.id}`), 204);
      const history = await api.audit({ workgroupId: workgroup.id });
      expect(history.items.map((e) => e.action).reverse()).toEqual([
        'workgroup.create',
        'workgroup.update',
        'workgroup.member.add',
        'workgroup.member.update',
        'workgroup.member.remove',
        'workgroup.delete',
      ]);
    });
  });

  describe('the audit log', () => {
    it("cannot be altered, not even with SQL through the app's own connection", async () => {
      const dataSource = t.app.get(DataSource);
      const before = (await api.audit({ limit: 1 })).total;
      expect(before).toBeGreaterThan(0);
      await expect(dataSource.query(`UPDATE audit_log SET action = 'vervalst'`)).rejects.toThrow(/append-only/);
      await expect(
        dataSource.query(`UPDATE audit_log SET summary = '{}'::jsonb WHERE id = (SELECT max(id) FROM audit_log)`),
      ).rejects.toThrow(/append-only/);
      await expect(dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(dataSource.query(`DELETE FROM audit_log WHERE action = 'auth.login'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      const after = await api.audit({ limit: 200 });
      expect(after.total).toBeGreaterThanOrEqual(before);
      expect(after.items.some((e) => e.action === 'vervalst')).toBe(false);
      // The app still works after the refused statements.
      expectStatus(await api.get(S, '/api/me'), 200);
    });

    it('pages with limit and offset and reports the total, newest first', async () => {
      const all = await api.audit({ limit: 200 });
      expect(all.total).toBeGreaterThan(10);
      const first = await api.audit({ limit: 5, offset: 0 });
      const second = await api.audit({ limit: 5, offset: 5 });
      expect(first).toMatchObject({ limit: 5, offset: 0, total: all.total });
      expect(second).toMatchObject({ limit: 5, offset: 5, total: all.total });
      expect(first.items).toHaveLength(5);
      expect(second.items).toHaveLength(5);
      expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.items.slice(0, 10).map((e) => e.id));
      const ids = all.items.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const beyond = await api.audit({ limit: 5, offset: all.total });
      expect(beyond).toMatchObject({ items: [], total: all.total });
      const defaults = expectStatus(await api.get(S, '/api/audit'), 200).body;
      expect(defaults).toMatchObject({ limit: 50, offset: 0, total: expect.any(Number) });
      expect(defaults.items.length).toBeLessThanOrEqual(50);
    });

    it('filters by action prefix, entity, actor, outcome, werkgroep and time', async () => {
      const updates = await api.audit({ action: 'strategy.' });
      expect(updates.total).toBeGreaterThanOrEqual(3);
      expect(updates.items.every((e) => e.action.startsWith('strategy.'))).toBe(true);
      // The prefix is literal: LIKE wildcards in the filter match nothing special.
      expect((await api.audit({ action: '%' })).total).toBe(0);
      expect((await api.audit({ action: 'strategy_' })).total).toBe(0);

      const users = await api.audit({ entityType: 'user' });
      expect(users.items.every((e) => e.entityType === 'user')).toBe(true);
      const mine = await api.audit({ actorId: secretariaatId });
      expect(mine.total).toBeGreaterThan(0);
      expect(mine.items.every((e) => e.actorId === secretariaatId)).toBe(true);
      const failed = await api.audit({ outcome: 'failed' });
      expect(failed.items.every((e) => e.outcome === 'failed')).toBe(true);

      const cyber = await api.workgroupId(WORKGROUP_NAMES.cyber);
      const inCyber = await api.audit({ workgroupId: cyber });
      expect(inCyber.total).toBeGreaterThan(0);
      expect(inCyber.items.every((e) => e.workgroupId === cyber)).toBe(true);

      const newest = (await api.audit({ limit: 1 })).items[0];
      expect((await api.audit({ from: '2000-01-01T00:00:00Z' })).total).toBe((await api.audit()).total);
      expect((await api.audit({ to: '2000-01-01T00:00:00Z' })).total).toBe(0);
      const upToNewest = await api.audit({ to: new Date(new Date(newest.occurredAt).getTime() + 1).toISOString() });
      expect(upToNewest.items.map((e) => e.id)).toContain(newest.id);
      expect(
        (
          await api.audit({
            from: new Date(new Date(newest.occurredAt).getTime() + 1).toISOString(),
            to: '2100-01-01T00:00:00Z',
          })
        ).items.map((e) => e.id),
      ).not.toContain(newest.id);
    });

    it('refuses invalid paging and filters', async () => {
      for (const query of [
        'limit=0',
        'limit=501',
        'offset=1e21',
        'limit=abc',
        'offset=-1',
        'outcome=gelukt',
        'actorId=abc',
        'from=gisteren',
        'sort=id',
      ]) {
        const response = await api.get(S, `/api/audit?${query}`);
        expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });

    it('is for the secretariat only', async () => {
      for (const email of [DEMO.rvc, DEMO.burgemeesterUtrecht, DEMO.ambtelijkOndermijning]) {
        const response = await api.get(email, '/api/audit');
        expect(response.status).toBe(403);
        expect(response.body).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
      }
      const refusals = await api.audit({ action: 'audit.read', outcome: 'denied' });
      expect(refusals.items.map((e) => e.actorEmail).sort()).toEqual(
        [DEMO.ambtelijkOndermijning, DEMO.burgemeesterUtrecht, DEMO.rvc].sort(),
      );
    });
  });
});
