import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LoopNotifier } from '@koers/notifications';
import { loginAndEnrol } from './support/mfa';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';

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
  let sink: SmtpSink;
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
    sink = await startSmtpSink();
    t = await createTestApp({
      KOERS_DEMO: 'false',
      KOERS_ADMIN_EMAIL: email,
      KOERS_ADMIN_PASSWORD: password,
      KOERS_REGION_NAME: 'Noord-Nederland',
      // A real SMTP server, so that the mails' words are checked as people receive them.
      KOERS_SMTP_URL: sink.url,
      KOERS_SMTP_LOCAL_RELAY: 'true',
      KOERS_MAIL_FROM: 'Koers <koers@noord.example.nl>',
      KOERS_PUBLIC_URL: 'https://koers.noord.example.nl',
      KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
    });
    // Outside the demo the secretariat must set up a second factor before anything else (test/mfa.spec.ts).
    token = (await loginAndEnrol(t, email, password)).token;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

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
      // The bureau made at the first start carries the words, and follows them.
      expect(audit.items[0].summary.renamedOrganisations).toEqual(['Bureau Regionaal Beleidsplan Noord-Nederland']);
      const me = expectStatus(await as('get', '/api/me'), 200).body;
      expect(me.organisation.name).toBe('Bureau Regionaal Beleidsplan Noord-Nederland');
    });

    it("invites people in the region's words (a real mail)", async () => {
      const organisationId = expectStatus(
        await as('post', '/api/organisations', { name: 'Gemeente Assen', type: 'gemeente' }),
        201,
      ).body.id;
      const invited = 'burgemeester@assen.example.nl';
      expectStatus(
        await as('post', '/api/users', {
          email: invited,
          displayName: 'Burgemeester Assen',
          function: 'burgemeester',
          organisationId,
        }),
        201,
      );
      const mail = sink.mails.find((m) => recipientOf(m) === invited);
      expect(mail?.subject).toBe('Uitnodiging voor Koers');
      for (const body of [mail!.text ?? '', String(mail!.html)]) {
        expect(body).toContain('Bureau Regionaal Beleidsplan nodigt u uit');
        expect(body).toContain('de bestuurlijke werkgroepen van de Regionaal Beleidsplan Veiligheid Noord-Nederland.');
        expect(body).not.toMatch(/Veiligheidsstrategie|RVS|Midden-Nederland/);
      }
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
      expect(response.headers['content-disposition']).toBe('attachment; filename="rvo-bundel-2026-06-20.pdf"');
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
      // Plain text (an older client, the API by hand) is stored as rich text: one point per line.
      expect(detail).toMatchObject({
        status: 'consultatie',
        current: false,
        trends:
          '<ul><li><p>Krimpregio: leefbaarheid staat onder druk</p></li><li><p>Digitale veiligheid onder druk</p></li></ul>',
        principles: "<ul><li><p>Focus: beperkt aantal thema's</p></li></ul>",
        selectionCriteria: '<ul><li><p>vragen om een regionale aanpak</p></li></ul>',
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

    it('keeps rich text (bold, italic, lists, links) and takes out anything unsafe', async () => {
      const payload =
        '<p>Samen <strong>sterker</strong> en <em>sneller</em><script>window.__xss = 1</script>' +
        '<img src=x onerror="window.__xss = 2"><a href="javascript:alert(1)">klik</a> ' +
        '<a href="https://www.politie.nl/" onclick="x()" style="color:red">politie</a></p>' +
        '<ul><li><p>Eén</p></li><li><p>Twee</p></li></ul><ol><li><p>Eerst</p></li></ol><iframe src="https://evil.example"></iframe>';
      const patched = expectStatus(
        await as('patch', `/api/strategies/${next}`, { vision: payload, trends: '<p></p>' }),
        200,
      ).body;
      expect(patched.vision).toBe(
        '<p>Samen <strong>sterker</strong> en <em>sneller</em><a>klik</a> <a href="https://www.politie.nl/">politie</a></p>' +
          '<ul><li><p>Eén</p></li><li><p>Twee</p></li></ul><ol><li><p>Eerst</p></li></ol>',
      );
      // An editor's empty paragraph is no text.
      expect(patched.trends).toBe('');
      const theme = expectStatus(
        await as('post', `/api/strategies/${next}/themes`, {
          title: 'Zorg en veiligheid',
          description: '<p onmouseover="x()">Met <b>GGD</b> en <i>ZVH</i><script>alert(1)</script></p>',
        }),
        201,
      ).body;
      expect(theme.description).toBe('<p>Met <strong>GGD</strong> en <em>ZVH</em></p>');
      const area = expectStatus(
        await as('post', `/api/themes/${theme.id}/focus-areas`, {
          title: 'Personen met verward gedrag',
          description: 'Eerste regel\nTweede < derde',
        }),
        201,
      ).body;
      expect(area.description).toBe('<p>Eerste regel</p><p>Tweede &lt; derde</p>');
      const audit = expectStatus(await as('get', `/api/audit?action=strategy.update&entityId=${next}`), 200).body;
      expect(JSON.stringify(audit.items[0].summary)).not.toContain('<script>');
    });

    it('exports the strategy as DOCX and PDF with its rich texts', async () => {
      const download = (format: string) =>
        as('get', `/api/strategies/${next}/export?format=${format}`)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
      const docx = await download('docx');
      expect(docx.status).toBe(200);
      expect(docx.headers['content-disposition']).toContain('attachment');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mammoth = require('mammoth') as typeof import('mammoth');
      const { value: html } = await mammoth.convertToHtml({ buffer: docx.body as Buffer });
      expect(html).toContain('Samen <strong>sterker</strong> en <em>sneller</em>');
      expect(html).toContain('<a href="https://www.politie.nl/">politie</a>');
      expect(html).toMatch(/<li>Eén<\/li><li>Twee<\/li>/);
      expect(html).toContain('Thema 1: Zorg en veiligheid');
      expect(html).toContain('Met <strong>GGD</strong> en <em>ZVH</em>');
      expect(html).toContain('Personen met verward gedrag');
      expect(html).not.toMatch(/script|__xss|javascript:/);
      const pdf = await download('pdf');
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
      expect(text).toContain('Samen sterker en sneller');
      expect(text).toContain('Thema 1: Zorg en veiligheid');
      expect(text).toContain('Eerste regel');
      expect(text).not.toMatch(/__xss|javascript/);
      const bad = await as('get', `/api/strategies/${next}/export?format=exe`);
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['format']);
      expect((await as('get', `/api/strategies/${randomUUID()}/export?format=pdf`)).status).toBe(404);
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
      const regionId = expect.any(String);
      expect(listed).toEqual([
        { id: drenthe, regionId, name: 'District Drenthe', version: 1, organisations: [] },
        {
          id: groningen,
          regionId,
          name: 'District Groningen',
          version: 1,
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
        version: 1,
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
      expect(expectStatus(saved, 200).body).toEqual({ compositionRules: seats, version: expect.any(Number) });
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

    describe('who reports: rapporteurs, the secretariat on behalf, and groups without a theme', () => {
      let api: Api;
      let strategyId: string;
      let themeId: string;
      let cycleId: string;
      let groupName: string;
      let groupId: string;
      let stuurgroepId: string;
      let reportId: string;

      beforeAll(async () => {
        api = new Api(demo);
        const strategy = await api.strategy();
        strategyId = strategy.id;
        themeId = strategy.themes[0].id;
        // A werkgroep without an aanjager: its ovj reports as rapporteur, its sectorhoofd is an ordinary member.
        groupName = unique('Werkgroep zonder aanjager');
        groupId = expectStatus(await api.post(DEMO.secretariaat, '/api/workgroups', { themeId, name: groupName }), 201)
          .body.id;
        for (const [email, role] of [
          [DEMO.ovjOnrust, 'rapporteur'],
          [DEMO.politieOnrust, 'lid'],
        ])
          expectStatus(
            await api.post(DEMO.secretariaat, `/api/workgroups/${groupId}/members`, {
              userId: await api.userId(email),
              role,
            }),
            201,
          );
        stuurgroepId = expectStatus(
          await api.post(DEMO.secretariaat, '/api/workgroups', { kind: 'stuurgroep', name: unique('Stuurgroep') }),
          201,
        ).body.id;
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/workgroups/${stuurgroepId}/members`, {
            userId: await api.userId(DEMO.ovjOnrust),
            role: 'aanjager',
          }),
          201,
        );
        // A cycle whose meeting has passed, so that it can be closed and its bundle sealed.
        cycleId = expectStatus(
          await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
            strategyId,
            title: unique('Vergadering rapporteurs'),
            meetingDate: '2025-06-30',
            reportDeadline: '2025-06-01',
          }),
          201,
        ).body.id;
      });

      it('a rapporteur writes and submits the report as the aanjager would; an ordinary member may not', async () => {
        reportId = expectStatus(
          await api.post(DEMO.ovjOnrust, `/api/workgroups/${groupId}/progress-reports`, { cycleId }),
          201,
        ).body.id;
        expectStatus(
          await api.patch(DEMO.ovjOnrust, `/api/progress-reports/${reportId}`, { summary: 'Door de rapporteur.' }),
          200,
        );
        const denied = (await api.audit({ outcome: 'denied', action: 'progress_report.submit' })).total;
        expectStatus(await api.post(DEMO.politieOnrust, `/api/progress-reports/${reportId}/submit`), 403);
        expect((await api.audit({ outcome: 'denied', action: 'progress_report.submit' })).total).toBe(denied + 1);
        const submitted = expectStatus(
          await api.post(DEMO.ovjOnrust, `/api/progress-reports/${reportId}/submit`),
          200,
        ).body;
        expect(submitted).toMatchObject({ status: 'ingediend', currentVersion: 1 });
        expect(submitted.latestVersion).toMatchObject({
          submittedOnBehalf: false,
          submittedBy: await api.userId(DEMO.ovjOnrust),
        });
        const entry = (await api.audit({ action: 'progress_report.submit', entityId: reportId })).items[0];
        expect(entry.actorEmail).toBe(DEMO.ovjOnrust);
        expect(entry.summary).not.toHaveProperty('onBehalfOf');
        // The rapporteur's role is a membership role like any other: listed on the werkgroep.
        const detail = expectStatus(await api.get(DEMO.secretariaat, `/api/workgroups/${groupId}`), 200).body;
        expect(detail.members.find((m: { email: string }) => m.email === DEMO.ovjOnrust)).toMatchObject({
          role: 'rapporteur',
        });
      });

      it('the secretariat submits on behalf of the werkgroep, recorded and audited as such', async () => {
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/return`, { comment: 'Graag cijfers.' }),
          200,
        );
        const submitted = expectStatus(
          await api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/submit`),
          200,
        ).body;
        expect(submitted.latestVersion).toMatchObject({
          version: 2,
          submittedOnBehalf: true,
          submittedBy: await api.userId(DEMO.secretariaat),
        });
        const versions = expectStatus(await api.get(DEMO.ovjOnrust, `/api/progress-reports/${reportId}/versions`), 200)
          .body as Array<{ version: number; submittedOnBehalf: boolean }>;
        expect(versions.map((v) => [v.version, v.submittedOnBehalf])).toEqual([
          [1, false],
          [2, true],
        ]);
        const entry = (await api.audit({ action: 'progress_report.submit', entityId: reportId })).items[0];
        expect(entry).toMatchObject({ actorEmail: DEMO.secretariaat, summary: { version: 2, onBehalfOf: groupName } });
        // The werkgroep's rapporteur is told that the secretariat submitted for it.
        await demo.app.get(LoopNotifier).settled();
        const notifications = expectStatus(await api.get(DEMO.ovjOnrust, '/api/me/notifications?limit=100'), 200).body
          .items as Array<{ kind: string; entityId: string; title: string }>;
        expect(
          notifications.filter((n) => n.kind === 'rapportage_ingediend' && n.entityId === reportId).map((n) => n.title),
        ).toEqual([expect.stringContaining(`namens ${groupName} ingediend door het secretariaat`)]);
        expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/accept`), 200);
      });

      it('a werkgroep without a theme makes no report: a clear 409, not "does not exist"', async () => {
        const refused = await api.post(DEMO.ovjOnrust, `/api/workgroups/${stuurgroepId}/progress-reports`, { cycleId });
        expect(refused.status).toBe(409);
        expect(refused.body.error.message).toBe(
          'Deze werkgroep rapporteert niet over een prioriteit: zij hoort bij geen prioriteit van de strategie. Alleen werkgroepen met een prioriteit maken een voortgangsrapportage.',
        );
        expect(
          expectStatus(await api.get(DEMO.ovjOnrust, `/api/workgroups/${stuurgroepId}/progress-reports`), 200).body,
        ).toEqual([]);
        // An unknown werkgroep is still "not found".
        expect(
          (await api.post(DEMO.secretariaat, `/api/workgroups/${randomUUID()}/progress-reports`, { cycleId })).status,
        ).toBe(404);
      });

      it('the dashboard and the bundle leave the group without a theme out, through the seal', async () => {
        const dashboard = expectStatus(
          await api.get(DEMO.secretariaat, `/api/dashboard?strategyId=${strategyId}&cycleId=${cycleId}`),
          200,
        ).body;
        const dashboardIds = [
          ...dashboard.matrix.map((m: { workgroupId: string }) => m.workgroupId),
          ...dashboard.submissions.map((s: { workgroupId: string }) => s.workgroupId),
          ...dashboard.overdue.perWorkgroup.map((o: { workgroupId: string }) => o.workgroupId),
        ];
        expect(dashboardIds).toContain(groupId);
        expect(dashboardIds).not.toContain(stuurgroepId);
        expect(dashboard.submissions.find((s: { workgroupId: string }) => s.workgroupId === groupId).status).toBe(
          'geaccepteerd',
        );

        expectStatus(await api.post(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}/close`), 200);
        const bundle = expectStatus(await api.get(DEMO.rvc, `/api/reporting-cycles/${cycleId}/bundle`), 200).body;
        const ids = bundle.workgroups.map((w: { workgroupId: string }) => w.workgroupId);
        expect(ids).toContain(groupId);
        expect(ids).not.toContain(stuurgroepId);
        expect(bundle.workgroups.find((w: { workgroupId: string }) => w.workgroupId === groupId).report).toMatchObject({
          version: 2,
          submittedOnBehalf: true,
          submittedByName: expect.any(String),
        });
        const pdf = await demo
          .http()
          .get(`/api/reporting-cycles/${cycleId}/bundle.pdf`)
          .set('Authorization', `Bearer ${await api.token(DEMO.rvc)}`)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(pdf.status).toBe(200);
        const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
        expect(text).toContain('namens Werkgroep zonder aanjager');
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
