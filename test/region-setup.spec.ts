import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loginAndEnrol } from './support/mfa';
import { createTestApp, TestApp } from './support/test-app';
import { Api, DEMO, expectStatus } from './support/api-helpers';

/** The text of a PDF (unpdf, an independent parser). */
async function pdfText(pdf: Buffer): Promise<string> {
  // unpdf is an ES module; Jest's CommonJS transform loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { extractText, getDocumentProxy } = require('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text as string;
}

/** A new region sets itself up: its words, districts, organisation types and functions (issue #14). */
describe('a new region sets itself up', () => {
  let t: TestApp;
  let token: string;
  const email = 'bureau@noord.example.nl';
  const password = 'een-lang-eerste-wachtwoord';

  const as = (method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) => {
    const req: request.Test = t.http()[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body);
  };
  const fieldsOf = (body: { error: { fields?: Array<{ field: string }> } }) =>
    (body.error.fields ?? []).map((f) => f.field).sort();

  beforeAll(async () => {
    t = await createTestApp({
      KOERS_DEMO: 'false',
      KOERS_ADMIN_EMAIL: email,
      KOERS_ADMIN_PASSWORD: password,
      KOERS_REGION_NAME: 'Noord-Nederland',
    });
    // Outside the demo the secretariat must set up a second factor before anything else (test/mfa.spec.ts).
    token = (await loginAndEnrol(t, email, password)).token;
  });
  afterAll(() => t.close());

  describe('the region and its words', () => {
    it('starts with the default words and is not the demo region, also before login', async () => {
      const pub = expectStatus(await t.http().get('/api/region/public'), 200).body;
      expect(pub).toMatchObject({ regionName: 'Noord-Nederland', demo: false, strategyAbbreviation: 'RVS' });
      expect((await t.http().get('/api/region')).status).toBe(401);
    });

    it('takes Noord-Nederland words and everyone reads them', async () => {
      const patched = expectStatus(
        await as('patch', '/api/region', {
          strategyName: 'Regionaal Beleidsplan Veiligheid',
          strategyAbbreviation: 'RBP',
          boardName: 'Regionaal Veiligheidsoverleg',
          boardAbbreviation: 'RVO',
          bureauName: 'Bureau Regionaal Beleidsplan',
          themeSingular: 'thema',
          themePlural: "thema's",
        }),
        200,
      ).body;
      expect(patched).toMatchObject({
        regionName: 'Noord-Nederland',
        strategyAbbreviation: 'RBP',
        themePlural: "thema's",
      });
      const read = expectStatus(await as('get', '/api/region'), 200).body;
      expect(read).toEqual(patched);
      const pub = expectStatus(await t.http().get('/api/region/public'), 200).body;
      expect(pub).toMatchObject({ strategyName: 'Regionaal Beleidsplan Veiligheid', boardAbbreviation: 'RVO' });
      const audit = expectStatus(await as('get', '/api/audit?action=region.update'), 200).body;
      expect(audit.items[0].summary.changes.strategyAbbreviation).toEqual({ from: 'RVS', to: 'RBP' });
    });

    it('refuses bad words with a field error and changes nothing', async () => {
      const response = await as('patch', '/api/region', { strategyName: '', themeSingular: 5, regionName: 'Noord' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['strategyName', 'themeSingular']);
      expect(expectStatus(await as('get', '/api/region'), 200).body.regionName).toBe('Noord-Nederland');
    });
  });

  describe("the bundle PDF speaks the region's words", () => {
    it("names Noord-Nederland's board and themes, not the RVC", async () => {
      const strategy = expectStatus(
        await as('post', '/api/strategies', {
          title: 'Regionaal Beleidsplan Veiligheid Noord-Nederland 2024-2027',
          periodStart: '2024-01-01',
          periodEnd: '2027-12-31',
        }),
        201,
      ).body;
      const cycle = expectStatus(
        await as('post', '/api/reporting-cycles', {
          strategyId: strategy.id,
          title: 'RVO-vergadering juni 2026',
          meetingDate: '2026-06-20',
          reportDeadline: '2026-06-01',
        }),
        201,
      ).body;
      const response = await as('get', `/api/reporting-cycles/${cycle.id}/bundle.pdf`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      const text = (await pdfText(response.body as Buffer)).replace(/\s+/g, ' ');
      expect(text).toContain('voor het Regionaal Veiligheidsoverleg (RVO)');
      expect(text).toContain('Vergadering RVO');
      expect(text).toContain('RVO-bundel');
      expect(text).not.toMatch(/RVC|Veiligheidscollege/);
    });
  });

  describe('strategies side by side', () => {
    const list = async () =>
      expectStatus(await as('get', '/api/strategies'), 200).body as Array<{
        id: string;
        title: string;
        current: boolean;
      }>;
    let running: string;
    let next: string;

    it('a concept for the next period does not push the running plan aside', async () => {
      // Periods around today, so that the test does not depend on the year it runs in.
      const year = new Date().getFullYear();
      running = expectStatus(
        await as('post', '/api/strategies', {
          title: `Regionaal Beleidsplan Veiligheid lopend ${year - 1}-${year + 2}`,
          periodStart: `${year - 1}-01-01`,
          periodEnd: `${year + 2}-12-31`,
        }),
        201,
      ).body.id;
      next = expectStatus(
        await as('post', '/api/strategies', {
          title: `Regionaal Beleidsplan Veiligheid volgend ${year + 3}-${year + 6}`,
          periodStart: `${year + 3}-01-01`,
          periodEnd: `${year + 6}-12-31`,
          status: 'consultatie',
          trends: 'Krimpregio: leefbaarheid staat onder druk\nDigitale veiligheid onder druk',
          principles: "Focus: beperkt aantal thema's",
          selectionCriteria: 'vragen om een regionale aanpak',
        }),
        201,
      ).body.id;
      const strategies = await list();
      expect(strategies[0]).toMatchObject({ id: running, current: true });
      expect(strategies.find((s) => s.id === next)).toMatchObject({ current: false });
      const detail = expectStatus(await as('get', `/api/strategies/${next}`), 200).body;
      expect(detail).toMatchObject({
        status: 'consultatie',
        current: false,
        trends: 'Krimpregio: leefbaarheid staat onder druk\nDigitale veiligheid onder druk',
        principles: "Focus: beperkt aantal thema's",
        selectionCriteria: 'vragen om een regionale aanpak',
      });
    });

    it('the secretariat marks one current; an adopted plan whose period contains today wins', async () => {
      const marked = expectStatus(await as('post', `/api/strategies/${next}/current`), 200).body;
      expect(marked[0]).toMatchObject({ id: next, current: true });
      const adopted = expectStatus(
        await as('patch', `/api/strategies/${running}`, {
          status: 'vastgesteld',
          adoptedOn: '2023-11-01',
          adoptedBy: 'Regionaal Veiligheidsoverleg Noord-Nederland',
        }),
        200,
      ).body;
      expect(adopted).toMatchObject({ adoptedBy: 'Regionaal Veiligheidsoverleg Noord-Nederland' });
      expect((await list())[0]).toMatchObject({ id: running, current: true });
      expect((await as('post', `/api/strategies/${randomUUID()}/current`)).status).toBe(404);
    });

    it('refuses a bad strategy with field errors', async () => {
      const response = await as('patch', `/api/strategies/${next}`, {
        trends: 'x'.repeat(20001),
        status: 'ontwerp',
        adoptedBy: 7,
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['adoptedBy', 'status', 'trends']);
    });

    it('archives a focus area or theme that actions refer to, and deletes one nothing refers to', async () => {
      const theme = expectStatus(
        await as('post', `/api/strategies/${running}/themes`, { title: 'Cyberveiligheid' }),
        201,
      ).body.id;
      const used = expectStatus(
        await as('post', `/api/themes/${theme}/focus-areas`, {
          title: 'Getraind en voorbereid zijn op een cybercrisis',
        }),
        201,
      ).body.id;
      const unused = expectStatus(
        await as('post', `/api/themes/${theme}/focus-areas`, { title: 'Permanente bestuurlijke aandacht' }),
        201,
      ).body.id;
      const workgroup = expectStatus(
        await as('post', '/api/workgroups', { themeId: theme, name: 'Werkgroep Cyberveiligheid Noord' }),
        201,
      ).body.id;
      expectStatus(
        await as('post', `/api/workgroups/${workgroup}/actions`, { title: 'Cybercrisisoefening', focusAreaId: used }),
        201,
      );
      expectStatus(await as('delete', `/api/focus-areas/${used}`), 204);
      expectStatus(await as('delete', `/api/focus-areas/${unused}`), 204);
      expectStatus(await as('delete', `/api/themes/${theme}`), 204);
      const detail = expectStatus(await as('get', `/api/strategies/${running}`), 200).body;
      const kept = detail.themes.find((t: { id: string }) => t.id === theme);
      expect(kept.archivedAt).toEqual(expect.any(String));
      expect(kept.focusAreas).toEqual([expect.objectContaining({ id: used, archivedAt: expect.any(String) })]);
      const audit = expectStatus(await as('get', '/api/audit?action=focus_area.archive'), 200).body;
      expect(audit.items[0].summary).toMatchObject({ usedBy: ['1 actie'] });
      expect(expectStatus(await as('get', '/api/audit?action=theme.archive'), 200).body.total).toBe(1);
    });
  });

  describe('districts', () => {
    let groningen: string;
    let drenthe: string;
    let gemeente: string;

    it('are created, listed with their gemeenten, renamed', async () => {
      expect(expectStatus(await as('get', '/api/districts'), 200).body).toEqual([]);
      groningen = expectStatus(await as('post', '/api/districts', { name: 'District Groningen' }), 201).body.id;
      drenthe = expectStatus(await as('post', '/api/districts', { name: 'District Drenthe' }), 201).body.id;
      gemeente = expectStatus(
        await as('post', '/api/organisations', { name: 'Gemeente Súdwest-Fryslân', type: 'gemeente' }),
        201,
      ).body.id;
      expectStatus(await as('patch', `/api/organisations/${gemeente}`, { districtId: groningen }), 200);
      const listed = expectStatus(await as('get', '/api/districts'), 200).body;
      expect(listed).toEqual([
        { id: drenthe, name: 'District Drenthe', organisations: [] },
        {
          id: groningen,
          name: 'District Groningen',
          organisations: [{ id: gemeente, name: 'Gemeente Súdwest-Fryslân', type: 'gemeente' }],
        },
      ]);
      expectStatus(await as('patch', `/api/districts/${drenthe}`, { name: 'District Drenthe-Zuid' }), 200);
      expect(expectStatus(await as('get', '/api/districts'), 200).body[0].name).toBe('District Drenthe-Zuid');
    });

    it('refuses an empty name (400 with the field), a duplicate (409 naming it) and unknown ids (404)', async () => {
      const empty = await as('post', '/api/districts', { name: '' });
      expect(empty.status).toBe(400);
      expect(fieldsOf(empty.body)).toEqual(['name']);
      const duplicate = await as('post', '/api/districts', { name: 'district groningen' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toContain('district groningen');
      const renamedOnto = await as('patch', `/api/districts/${drenthe}`, { name: 'District Groningen' });
      expect(renamedOnto.status).toBe(409);
      expect((await as('patch', `/api/districts/${randomUUID()}`, { name: 'Nergens' })).status).toBe(404);
      expect((await as('delete', `/api/districts/${randomUUID()}`)).status).toBe(404);
      expect((await as('delete', '/api/districts/abc')).status).toBe(404);
      const unknownDistrict = await as('patch', `/api/organisations/${gemeente}`, { districtId: randomUUID() });
      expect(unknownDistrict.status).toBe(400);
      expect(fieldsOf(unknownDistrict.body)).toEqual(['districtId']);
    });

    it('a district in use is not deleted: the 409 says by what', async () => {
      const refused = await as('delete', `/api/districts/${groningen}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('Gemeente Súdwest-Fryslân');
      expectStatus(await as('patch', `/api/organisations/${gemeente}`, { districtId: null }), 200);
      expectStatus(await as('delete', `/api/districts/${groningen}`), 204);
      const audit = expectStatus(await as('get', '/api/audit?entityType=district'), 200).body;
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['district.create', 'district.update', 'district.delete']),
      );
    });
  });

  describe('composition rules per werkgroep', () => {
    let workgroup: string;

    it('a werkgroep in a region without a default says "geen eisen ingesteld", never complete', async () => {
      const strategy = (expectStatus(await as('get', '/api/strategies'), 200).body as Array<{ id: string }>)[0].id;
      const theme = expectStatus(
        await as('post', `/api/strategies/${strategy}/themes`, { title: 'Veiligheid en Zorg' }),
        201,
      ).body.id;
      workgroup = expectStatus(
        await as('post', '/api/workgroups', { themeId: theme, name: 'Werkgroep Veiligheid en Zorg' }),
        201,
      ).body.id;
      const detail = expectStatus(await as('get', `/api/workgroups/${workgroup}`), 200).body;
      expect(detail.compositionRules).toEqual([]);
      expect(detail.composition).toMatchObject({ status: 'geen_eisen', complete: false, missing: [] });
    });

    it("refuses bad seats with field errors and takes the werkgroep's own seats", async () => {
      const bad = await as('patch', `/api/workgroups/${workgroup}`, {
        compositionRules: [{ label: '', role: 'koning', perDistrict: 'ja' }],
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/compositionRules.*label/),
          expect.stringMatching(/compositionRules.*role/),
          expect.stringMatching(/compositionRules.*perDistrict/),
        ]),
      );
      const seats = [
        { label: 'Voorzitter uit de GGD', organisationType: 'ggd', role: 'aanjager' },
        { label: 'Burgemeester', function: 'burgemeester', perDistrict: true },
      ];
      const saved = expectStatus(await as('patch', `/api/workgroups/${workgroup}`, { compositionRules: seats }), 200);
      expect(saved.body.compositionRules).toEqual(seats);
      const detail = expectStatus(await as('get', `/api/workgroups/${workgroup}`), 200).body;
      expect(detail.composition.status).toBe('onvolledig');
      const districts = (expectStatus(await as('get', '/api/districts'), 200).body as Array<{ name: string }>).map(
        (d) => d.name,
      );
      expect(detail.composition.missing).toEqual([
        'Voorzitter uit de GGD',
        ...districts.map((name) => `Burgemeester uit ${name}`),
      ]);
    });
  });

  describe("the region's default composition rules", () => {
    it('start empty, refuse bad seats, and are where a new werkgroep starts from', async () => {
      expect(expectStatus(await as('get', '/api/region/composition-rules'), 200).body).toEqual({
        compositionRules: [],
      });
      const bad = await t
        .http()
        .put('/api/region/composition-rules')
        .set('Authorization', `Bearer ${token}`)
        .send({ compositionRules: [{ label: 'x', function: 'Burgemeester!', perDistrict: 'ja' }] });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/compositionRules.*label/),
          expect.stringMatching(/compositionRules.*function/),
          expect.stringMatching(/compositionRules.*perDistrict/),
        ]),
      );
      const missing = await t
        .http()
        .put('/api/region/composition-rules')
        .set('Authorization', `Bearer ${token}`)
        .send({});
      expect(missing.status).toBe(400);
      expect(fieldsOf(missing.body)).toEqual(['compositionRules']);
      const seats = [
        { label: 'Burgemeester als voorzitter', function: 'burgemeester', role: 'aanjager', perDistrict: false },
        { label: 'Officier van justitie', organisationType: 'openbaar_ministerie' },
      ];
      const saved = await t
        .http()
        .put('/api/region/composition-rules')
        .set('Authorization', `Bearer ${token}`)
        .send({ compositionRules: seats });
      expect(expectStatus(saved, 200).body).toEqual({ compositionRules: seats });
      const created = expectStatus(
        await as('post', '/api/workgroups', { kind: 'overleg', name: 'Overleg Zorg en Veiligheid' }),
        201,
      ).body.id;
      const detail = expectStatus(await as('get', `/api/workgroups/${created}`), 200).body;
      expect(detail.compositionRules).toEqual(seats);
      expect(detail.composition.status).toBe('onvolledig');
      const audit = expectStatus(await as('get', '/api/audit?action=region.composition.update'), 200).body;
      expect(audit.items[0].summary).toEqual({ changes: { defaultCompositionRules: { from: 0, to: 2 } } });
      // Back to none, so that later werkgroepen in this spec start without seats.
      expectStatus(
        await t
          .http()
          .put('/api/region/composition-rules')
          .set('Authorization', `Bearer ${token}`)
          .send({ compositionRules: [] }),
        200,
      );
    });
  });

  describe('werkgroepen of any shape', () => {
    let theme: string;

    it('several per theme, and a stuurgroep without a theme', async () => {
      const strategy = (expectStatus(await as('get', '/api/strategies'), 200).body as Array<{ id: string }>)[0].id;
      theme = expectStatus(await as('post', `/api/strategies/${strategy}/themes`, { title: 'Ondermijning' }), 201).body
        .id;
      const first = expectStatus(
        await as('post', '/api/workgroups', { themeId: theme, name: 'Werkgroep Ondermijning Noord' }),
        201,
      ).body;
      expect(first).toMatchObject({ kind: 'werkgroep', themeId: theme });
      expectStatus(
        await as('post', '/api/workgroups', { themeId: theme, kind: 'taskforce', name: 'Taskforce Drugslabs' }),
        201,
      );
      const bbg = expectStatus(
        await as('post', '/api/workgroups', { kind: 'stuurgroep', name: 'Bestuurlijke Begeleidingsgroep' }),
        201,
      ).body.id;
      const detail = expectStatus(await as('get', `/api/workgroups/${bbg}`), 200).body;
      expect(detail).toMatchObject({ kind: 'stuurgroep', themeId: null, theme: null });
      expect(detail.composition.status).toBe('geen_eisen');
      const listed = expectStatus(await as('get', '/api/workgroups'), 200).body as Array<Record<string, unknown>>;
      expect(listed.find((w) => w.id === bbg)).toMatchObject({ kind: 'stuurgroep', themeId: null, themeTitle: null });
      expect(listed.filter((w) => w.themeId === theme).map((w) => w.name)).toEqual([
        'Taskforce Drugslabs',
        'Werkgroep Ondermijning Noord',
      ]);
      // The kind changes; the audit says so.
      expectStatus(await as('patch', `/api/workgroups/${bbg}`, { kind: 'overleg' }), 200);
      expect(expectStatus(await as('get', `/api/workgroups/${bbg}`), 200).body.kind).toBe('overleg');
      const audit = expectStatus(await as('get', `/api/audit?entityType=workgroup&entityId=${bbg}`), 200).body;
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['workgroup.update', 'workgroup.create']);
    });

    it('refuses a duplicate name (saying which), a bad kind or theme, and unknown ids', async () => {
      const duplicate = await as('post', '/api/workgroups', { kind: 'overleg', name: 'taskforce drugslabs' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toBe('Er bestaat al een werkgroep met de naam "Taskforce Drugslabs".');
      const bad = await as('post', '/api/workgroups', { kind: 'commissie', themeId: 'thema-1', name: 'Ab' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['kind', 'name', 'themeId']);
      const unknownTheme = await as('post', '/api/workgroups', { themeId: randomUUID(), name: 'Werkgroep Nergens' });
      expect(unknownTheme.status).toBe(400);
      expect(fieldsOf(unknownTheme.body)).toEqual(['themeId']);
      const workgroups = expectStatus(await as('get', '/api/workgroups'), 200).body as Array<{
        id: string;
        name: string;
      }>;
      const taskforce = workgroups.find((w) => w.name === 'Taskforce Drugslabs')!.id;
      const renamedOnto = await as('patch', `/api/workgroups/${taskforce}`, { name: 'Werkgroep Ondermijning Noord' });
      expect(renamedOnto.status).toBe(409);
      expect((await as('patch', `/api/workgroups/${taskforce}`, { kind: 'club' })).status).toBe(400);
      expect((await as('patch', `/api/workgroups/${randomUUID()}`, { kind: 'overleg' })).status).toBe(404);
    });
  });

  describe('organisation types and functions', () => {
    it('knows the organisation types real regions have', async () => {
      for (const type of ['riec', 'zorg_en_veiligheidshuis', 'ggd', 'provincie', 'rijk']) {
        expectStatus(await as('post', '/api/organisations', { name: `Organisatie ${type}`, type }), 201);
      }
      const bad = await as('post', '/api/organisations', { name: 'Kerkgenootschap', type: 'kerk' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['type']);
    });

    it('lists functions; the secretariat adds one and gives it to a user', async () => {
      const before = expectStatus(await as('get', '/api/functions'), 200).body as Array<{ code: string }>;
      expect(before.map((f) => f.code)).toEqual(
        expect.arrayContaining([
          'burgemeester',
          'officier_van_justitie',
          'hoofdofficier',
          'districtschef',
          'politiechef',
        ]),
      );
      const created = expectStatus(
        await as('post', '/api/functions', { label: 'Directeur Zorg- en Veiligheidshuis' }),
        201,
      ).body;
      expect(created).toMatchObject({
        code: 'directeur_zorg_en_veiligheidshuis',
        label: 'Directeur Zorg- en Veiligheidshuis',
      });
      const duplicate = await as('post', '/api/functions', { label: 'directeur zorg- en veiligheidshuis' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toContain('Directeur Zorg- en Veiligheidshuis');
      expect(fieldsOf((await as('post', '/api/functions', { label: '' })).body)).toEqual(['label']);

      const organisation = expectStatus(
        await as('post', '/api/organisations', {
          name: 'Zorg- en Veiligheidshuis Groningen',
          type: 'zorg_en_veiligheidshuis',
        }),
        201,
      ).body.id;
      const user = {
        email: 'directeur@zvh.example.nl',
        displayName: 'Directeur ZVH',
        organisationId: organisation,
      };
      const unknown = await as('post', '/api/users', { ...user, function: 'tovenaar' });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown.body)).toEqual(['function']);
      const made = expectStatus(await as('post', '/api/users', { ...user, function: created.code }), 201).body;
      expect(made.function).toBe('directeur_zorg_en_veiligheidshuis');
    });
  });

  describe('the demo region', () => {
    let demo: TestApp;
    beforeAll(async () => {
      demo = await createTestApp();
    });
    afterAll(() => demo.close());

    it('is marked as the demo and speaks Midden-Nederland words', async () => {
      const pub = expectStatus(await demo.http().get('/api/region/public'), 200).body;
      expect(pub).toMatchObject({
        regionName: 'Midden-Nederland',
        demo: true,
        strategyName: 'Regionale Veiligheidsstrategie',
        strategyAbbreviation: 'RVS',
        boardName: 'Regionaal Veiligheidscollege',
        boardAbbreviation: 'RVC',
        bureauName: 'Bureau RVS',
        themeSingular: 'prioriteit',
        themePlural: 'prioriteiten',
      });
    });

    it('only the secretariat changes the words', async () => {
      const api = new Api(demo);
      expect((await api.patch(DEMO.aanjagerOndermijning, '/api/region', { boardAbbreviation: 'X' })).status).toBe(403);
      expect((await api.post(DEMO.rvc, '/api/districts', { name: 'District X' })).status).toBe(403);
      expect((await api.post(DEMO.rvc, '/api/functions', { label: 'Tovenaar' })).status).toBe(403);
      expect(expectStatus(await api.get(DEMO.rvc, '/api/region'), 200).body.boardAbbreviation).toBe('RVC');
    });
  });
});
