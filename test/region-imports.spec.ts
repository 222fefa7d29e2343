import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { loginAndEnrol } from './support/mfa';
import type { ImportReport } from '@koers/contracts';
import { createTestApp, TestApp } from './support/test-app';
import { expectStatus } from './support/api-helpers';

/**
 * CSV import in Beheer (issue #14, docs/region-setup.md "Bulk import"): organisations, users and werkgroep
 * members as `text/csv`, with a dry run, all-or-nothing, Excel's CSV (BOM, semicolons, CRLF) and commas.
 */
const GEMEENTEN = fs.readFileSync(path.join(__dirname, 'fixtures/oost-nederland-78-gemeenten.csv'), 'utf8');
const DISTRICTS = ['IJsselland', 'Twente', 'Noord- en Oost-Gelderland', 'Gelderland-Midden', 'Gelderland-Zuid'];

describe('CSV import of organisations, users and werkgroep members', () => {
  let t: TestApp;
  let token: string;
  const email = 'bureau@oost.example.nl';
  const password = 'een-lang-eerste-wachtwoord';

  const as = (method: 'get' | 'post', url: string, body?: object) => {
    const req: request.Test = t.http()[method](url).set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body);
  };
  const csv = (kind: string, text: string | Buffer, query = '', type = 'text/csv; charset=utf-8') =>
    t
      .http()
      .post(`/api/imports/${kind}${query}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(text);
  const organisationNames = async () =>
    (expectStatus(await as('get', '/api/organisations'), 200).body as Array<{ name: string }>).map((o) => o.name);
  const auditActions = async (entityType: string) =>
    expectStatus(await as('get', `/api/audit?entityType=${entityType}&limit=100`), 200).body.items as Array<{
      action: string;
      summary: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    t = await createTestApp({
      KOERS_DEMO: 'false',
      KOERS_ADMIN_EMAIL: email,
      KOERS_ADMIN_PASSWORD: password,
      KOERS_REGION_NAME: 'Oost-Nederland',
    });
    // Outside the demo the secretariat must set up a second factor before anything else (test/mfa.spec.ts).
    token = (await loginAndEnrol(t, email, password)).token;
    for (const name of DISTRICTS) expectStatus(await as('post', '/api/districts', { name }), 201);
  });
  afterAll(() => t.close());

  describe('organisations: 78 gemeenten from an Excel CSV with one bad row', () => {
    it('the dry run lists every row, marks the bad one and writes nothing', async () => {
      const before = await organisationNames();
      const report = expectStatus(await csv('organisations', GEMEENTEN, '?dryRun=true'), 200).body as ImportReport;
      expect(report).toMatchObject({ kind: 'organisations', dryRun: true, valid: false, created: 0 });
      expect(report.rows).toHaveLength(78);
      const bad = report.rows.filter((r) => r.errors.length > 0);
      expect(bad).toEqual([
        {
          line: 40,
          values: { name: 'Gemeente Lochem', type: 'Gemeente', district: 'Achterhoek' },
          errors: ['Het district "Achterhoek" bestaat niet. Leg het eerst vast onder Beheer › Regio.'],
        },
      ]);
      expect(await organisationNames()).toEqual(before);
    });

    it('the real run with the bad row writes nothing and names the line', async () => {
      const before = await organisationNames();
      const refused = expectStatus(await csv('organisations', GEMEENTEN), 400).body;
      expect(refused.error.code).toBe('VALIDATION_FAILED');
      expect(refused.error.message).toContain('niets ingelezen');
      expect(refused.error.fields).toEqual([{ field: 'regel 40', messages: [expect.stringContaining('Achterhoek')] }]);
      expect(await organisationNames()).toEqual(before);
    });

    it('the corrected file creates all 78 in their districts, audited', async () => {
      const fixed = GEMEENTEN.replace(
        'Gemeente Lochem;Gemeente;Achterhoek',
        'Gemeente Lochem;Gemeente;Noord- en Oost-Gelderland',
      );
      const report = expectStatus(await csv('organisations', fixed), 200).body as ImportReport;
      expect(report).toMatchObject({ dryRun: false, valid: true, created: 78 });
      const districts = expectStatus(await as('get', '/api/districts'), 200).body as Array<{
        name: string;
        organisations: Array<{ name: string }>;
      }>;
      expect(districts.reduce((n, d) => n + d.organisations.length, 0)).toBe(78);
      expect(districts.find((d) => d.name === 'Twente')!.organisations.map((o) => o.name)).toContain(
        'Gemeente Enschede',
      );
      const audit = await auditActions('import');
      expect(audit[0]).toMatchObject({ action: 'import.organisations', summary: { created: 78 } });
      expect((await auditActions('organisation')).filter((e) => e.summary.via === 'import')).toHaveLength(78);
    });

    it('reads commas without BOM, quoted fields and type labels; Súdwest-Fryslân survives', async () => {
      const text =
        'name,type\n"Gemeente Súdwest-Fryslân",gemeente\n"Zorg- en Veiligheidshuis Fryslân, Leeuwarden",Zorg- en Veiligheidshuis\nArrondissementsparket Noord-Nederland,OM\n';
      const report = expectStatus(await csv('organisations', Buffer.from(text, 'utf8')), 200).body as ImportReport;
      expect(report.created).toBe(3);
      const organisations = expectStatus(await as('get', '/api/organisations'), 200).body as Array<{
        name: string;
        type: string;
      }>;
      expect(organisations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Gemeente Súdwest-Fryslân', type: 'gemeente' }),
          expect.objectContaining({
            name: 'Zorg- en Veiligheidshuis Fryslân, Leeuwarden',
            type: 'zorg_en_veiligheidshuis',
          }),
          expect.objectContaining({ name: 'Arrondissementsparket Noord-Nederland', type: 'openbaar_ministerie' }),
        ]),
      );
    });

    it('names duplicates, unknown types and empty names per row', async () => {
      const text =
        'naam;type\nGemeente Enschede;gemeente\nNieuwe partner;stichting\n;gemeente\nDubbel;partner\ndubbel;partner\n';
      const report = expectStatus(await csv('organisations', text, '?dryRun=true'), 200).body as ImportReport;
      expect(report.rows.map((r) => [r.line, r.errors])).toEqual([
        [2, ['Er bestaat al een organisatie "Gemeente Enschede".']],
        [3, [expect.stringContaining('Onbekend type "stichting"')]],
        [4, ['Vul een naam in van 2 tot 200 tekens.']],
        [5, []],
        [6, ['"dubbel" staat al op regel 5.']],
      ]);
    });
  });

  describe('bad input: a clear 400 or 415, never a 500', () => {
    it.each([
      ['an empty file', '', 'Het bestand is leeg.'],
      ['a BOM and nothing else', '\uFEFF\r\n', 'Het bestand is leeg.'],
      ['no header row', 'Ede;Rijssen\n', 'Er ontbreekt: naam, type'],
      ['only a header', 'naam;type;district\n', 'alleen kolomnamen'],
      ['an unclosed quote', 'naam;type\n"Gemeente Ede;gemeente\n', 'geen leesbare CSV'],
    ])('%s', async (_, text, message) => {
      const refused = expectStatus(await csv('organisations', text), 400).body;
      expect(refused.error.fields).toEqual([{ field: 'csv', messages: [expect.stringContaining(message)] }]);
    });

    it('refuses JSON and text/plain bodies, a bad dryRun and an unknown kind', async () => {
      const json = await as('post', '/api/imports/organisations', { naam: 'x' });
      expect(json.status).toBe(415);
      expect(json.body.error.message).toContain('text/csv');
      expect((await csv('organisations', 'naam;type\nA;gemeente\n', '', 'text/plain')).status).toBe(415);
      const dry = expectStatus(await csv('organisations', 'naam;type\nAb;gemeente\n', '?dryRun=misschien'), 400).body;
      expect(dry.error.fields).toEqual([{ field: 'dryRun', messages: ['Gebruik dryRun=true of dryRun=false.'] }]);
      expect((await csv('gemeenten', 'naam;type\nAb;gemeente\n')).status).toBe(404);
    });
  });

  describe('users and werkgroep members', () => {
    it('imports people with their organisation and function, invites them, and refuses bad rows', async () => {
      const bad = [
        'Naam;E-mailadres;Organisatie;Functie',
        'Anna de Vries;anna@enschede.example.nl;Gemeente Enschede;Burgemeester',
        'Bram Jansen;niet-een-adres;Gemeente Enschede;burgemeester',
        'Carla Smit;carla@ede.example.nl;Gemeente Nergenshuizen;ambtenaar',
        'Dirk Bos;ANNA@enschede.example.nl;Gemeente Ede;koffiezetter',
      ].join('\r\n');
      const dry = expectStatus(await csv('users', bad, '?dryRun=true'), 200).body as ImportReport;
      expect(dry.rows.map((r) => [r.line, r.errors])).toEqual([
        [2, []],
        [3, ['"niet-een-adres" is geen geldig e-mailadres.']],
        [4, ['De organisatie "Gemeente Nergenshuizen" bestaat niet. Lees eerst de organisaties in.']],
        [
          5,
          [
            'anna@enschede.example.nl staat al op regel 2.',
            expect.stringContaining('Onbekende functie "koffiezetter"'),
          ],
        ],
      ]);
      expect(
        expectStatus(await csv('users', bad), 400).body.error.fields.map((f: { field: string }) => f.field),
      ).toEqual(['regel 3', 'regel 4', 'regel 5']);
      const good = [
        'Naam;E-mailadres;Organisatie;Functie;Functietitel',
        'Anna de Vries;anna@enschede.example.nl;Gemeente Enschede;Burgemeester;Burgemeester van Enschede',
        'Piet Okkema;piet@om.example.nl;Arrondissementsparket Noord-Nederland;officier_van_justitie;',
        'Sjoukje Hoekstra;sjoukje@sudwest.example.nl;gemeente súdwest-fryslân;Ambtenaar;Beleidsadviseur',
      ].join('\r\n');
      const report = expectStatus(await csv('users', good), 200).body as ImportReport;
      expect(report).toMatchObject({ created: 3, invitations: { mailed: 0, withoutMail: 3, failed: 0 } });
      const users = expectStatus(await as('get', '/api/users?q=sjoukje'), 200).body;
      expect(users).toEqual([
        expect.objectContaining({
          displayName: 'Sjoukje Hoekstra',
          function: 'ambtenaar',
          jobTitle: 'Beleidsadviseur',
        }),
      ]);
      expect((await auditActions('import')).map((e) => e.action)).toContain('import.users');
    });

    it('puts people in werkgroepen with their role; unknown people, groups and roles are named', async () => {
      const strategy = expectStatus(
        await as('post', '/api/strategies', {
          title: 'Veiligheidsstrategie Oost-Nederland 2019-2022',
          periodStart: '2019-01-01',
          periodEnd: '2022-12-31',
        }),
        201,
      ).body.id;
      const theme = expectStatus(await as('post', `/api/strategies/${strategy}/themes`, { title: 'Ondermijning' }), 201)
        .body.id;
      const workgroup = expectStatus(
        await as('post', '/api/workgroups', { themeId: theme, name: 'Werkgroep Ondermijning Oost' }),
        201,
      ).body.id;
      const bad =
        'e-mail;werkgroep;rol\nanna@enschede.example.nl;Werkgroep Ondermijning Oost;voorzitter\nonbekend@example.nl;Werkgroep Ondermijning Oost;lid\npiet@om.example.nl;Werkgroep Cyber;lid\n';
      const dry = expectStatus(await csv('members', bad, '?dryRun=true'), 200).body as ImportReport;
      expect(dry.rows.map((r) => r.errors)).toEqual([
        [expect.stringContaining('Onbekende rol "voorzitter"')],
        ['Er is geen gebruiker met e-mailadres onbekend@example.nl. Lees eerst de gebruikers in.'],
        ['De werkgroep "Werkgroep Cyber" bestaat niet.'],
      ]);
      const good =
        'e-mail;werkgroep;rol\nanna@enschede.example.nl;werkgroep ondermijning oost;Aanjager\npiet@om.example.nl;Werkgroep Ondermijning Oost;\n';
      expect((expectStatus(await csv('members', good), 200).body as ImportReport).created).toBe(2);
      const detail = expectStatus(await as('get', `/api/workgroups/${workgroup}`), 200).body;
      expect(detail.members.map((m: { displayName: string; role: string }) => [m.displayName, m.role])).toEqual([
        ['Anna de Vries', 'aanjager'],
        ['Piet Okkema', 'lid'],
      ]);
      const again = expectStatus(await csv('members', good, '?dryRun=true'), 200).body as ImportReport;
      expect(again.rows[0].errors).toEqual(['anna@enschede.example.nl is al lid van Werkgroep Ondermijning Oost.']);
    });
  });
});
