import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

// unpdf is an ES module with a CommonJS build; required like this it works under Jest.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extractText, getDocumentProxy } = require('unpdf') as {
  extractText: (pdf: unknown, options: { mergePages: true }) => Promise<{ text: string }>;
  getDocumentProxy: (data: Uint8Array) => Promise<unknown>;
};

/**
 * Reporting upward in a real (headless) Chromium against the real API, demo region: the aanjager writes
 * and submits the report for the open cycle on the Voortgang tab; an RVC member cannot see the concept or
 * the werkgroep's actions; the secretariat accepts the report on the Dashboard; the RVC member downloads
 * the bundle PDF of that cycle (a real PDF naming the werkgroep and carrying the report's words) and
 * opens the print view. axe-core on Voortgang, Dashboard, RVC and the print view.
 */

const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const OVJ = 'ovj.ondermijning@demo.koers.nl';
const SECRETARIAAT = 'secretariaat@demo.koers.nl';
const RVC = 'rvc@demo.koers.nl';
const WORKGROUP = 'Bestuurlijke werkgroep Ondermijning';
const OPEN_CYCLE = 'RVC-vergadering komende periode (demo)';

describeWithBrowser('test/browser/reporting.spec.ts')('reporting upward in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let workgroupId: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    const token = await t.login(SECRETARIAAT);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    workgroupId = (workgroups.body as Array<{ id: string; name: string }>).find((w) => w.name === WORKGROUP)!.id;
    expect(workgroupId).toBeDefined();
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t?.close();
  });

  /** Picks a reporting cycle by its title in the "Rapportagecyclus" select (options also show the meeting date). */
  async function chooseCycle(page: Page, title: string) {
    const select = page.getByLabel('Rapportagecyclus');
    await select.selectOption((await select.locator('option', { hasText: title }).getAttribute('value'))!);
  }

  /** The status an API call from inside the page (with the user's session cookie) answers. */
  async function statusFromPage(page: Page, path: string): Promise<number> {
    return page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).status, path);
  }

  it('keeps both of two stale saves of the report, asks on a clash, warns before leaving and keeps a draft', async () => {
    const secretariat = await t.login(SECRETARIAAT);
    const aanjagerToken = await t.login(AANJAGER);
    const workgroup = await t
      .http()
      .get(`/api/workgroups/${workgroupId}`)
      .set('Authorization', `Bearer ${secretariat}`)
      .expect(200);
    const cycle = await t
      .http()
      .post('/api/reporting-cycles')
      .set('Authorization', `Bearer ${secretariat}`)
      .send({
        strategyId: workgroup.body.theme.strategyId,
        title: `Conflictcyclus ${Date.now()}`,
        meetingDate: '2031-03-20',
        reportDeadline: '2031-03-01',
      })
      .expect(201);
    const report = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/progress-reports`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .send({ cycleId: cycle.body.id })
      .expect(201);
    const address = `${t.url}/werkgroepen/${workgroupId}/voortgang?cyclus=${cycle.body.id}`;

    // Both open the report; each page now holds the same version.
    const a = await pages.newPage();
    const b = await pages.newPage();
    await pages.login(a.page, AANJAGER);
    await pages.login(b.page, OVJ);
    await a.page.goto(address);
    await b.page.goto(address);
    const formA = a.page.getByRole('form', { name: 'Rapportage bewerken' });
    const formB = b.page.getByRole('form', { name: 'Rapportage bewerken' });
    await formA.waitFor();
    await formB.waitFor();

    await formA.getByLabel('Samenvatting').fill('Samenvatting van de aanjager');
    await formA.getByRole('button', { name: 'Opslaan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();

    // The officier's page is stale; a different field: saved without asking, and the summary is kept.
    await formB
      .getByLabel(/^Toelichting: /)
      .first()
      .fill('Toelichting van de officier');
    await formB.getByRole('button', { name: 'Opslaan' }).click();
    await b.page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();
    expect(await formB.getByLabel('Samenvatting').inputValue()).toBe('Samenvatting van de aanjager');

    // Now the aanjager's page is stale and changes the same text: the conflict dialog shows both.
    await formA
      .getByLabel(/^Toelichting: /)
      .first()
      .fill('Toelichting van de aanjager');
    await formA.getByRole('button', { name: 'Opslaan' }).click();
    const conflict = a.page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });
    await conflict.getByText('Toelichting van de officier').waitFor();
    await conflict.getByText('Toelichting van de aanjager').waitFor();
    await screenshot(a.page, '55-voortgang-conflict');
    await conflict.getByRole('button', { name: 'Mijn versie houden' }).click();
    await a.page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();
    const stored = await t
      .http()
      .get(`/api/progress-reports/${report.body.id}`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .expect(200);
    expect(stored.body.content.summary).toBe('Samenvatting van de aanjager');
    expect(stored.body.content.focusAreas[0].narrative).toBe('Toelichting van de aanjager');

    // Unsaved input: a tab inside the app asks first, and staying keeps it.
    await formA.getByLabel('Samenvatting').fill('Nog niet opgeslagen samenvatting');
    await a.page
      .getByRole('navigation', { name: 'Onderdelen van de werkgroep' })
      .getByRole('link', { name: 'Acties' })
      .click();
    const leave = a.page.getByRole('dialog', { name: 'Niet-opgeslagen wijzigingen' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Annuleren' }).click();
    expect(a.page.url()).toContain('/voortgang');
    expect(await formA.getByLabel('Samenvatting').inputValue()).toBe('Nog niet opgeslagen samenvatting');

    // A reload asks the browser's question, and the text comes back as a draft.
    const asked: string[] = [];
    a.page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await a.page.reload();
    expect(asked).toEqual(['beforeunload']);
    await formA.waitFor();
    await a.page.getByText('Uw niet-opgeslagen tekst van een eerder bezoek is teruggezet').waitFor();
    expect(await formA.getByLabel('Samenvatting').inputValue()).toBe('Nog niet opgeslagen samenvatting');

    // Leaving anyway is possible.
    await a.page
      .getByRole('navigation', { name: 'Onderdelen van de werkgroep' })
      .getByRole('link', { name: 'Acties' })
      .click();
    await leave.getByRole('button', { name: 'Weggaan zonder opslaan' }).click();
    await a.page.waitForURL(`**/werkgroepen/${workgroupId}/acties`);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 120_000);

  it('lets the secretariat close a held meeting: the sealed bundle shows its hashes and checks in the browser', async () => {
    const secretariatToken = await t.login(SECRETARIAAT);
    const workgroup = await t
      .http()
      .get(`/api/workgroups/${workgroupId}`)
      .set('Authorization', `Bearer ${secretariatToken}`)
      .expect(200);
    const title = `Gehouden vergadering ${Date.now()}`;
    await t
      .http()
      .post('/api/reporting-cycles')
      .set('Authorization', `Bearer ${secretariatToken}`)
      .send({
        strategyId: workgroup.body.theme.strategyId,
        title,
        meetingDate: '2025-06-30',
        reportDeadline: '2025-06-01',
      })
      .expect(201);
    const s = await pages.newPage();
    await pages.login(s.page, SECRETARIAAT);
    await s.page.goto(`${t.url}/rvc`);
    const card = s.page.getByRole('listitem').filter({ has: s.page.getByRole('heading', { level: 2, name: title }) });
    await card.getByRole('button', { name: /^Cyclus sluiten en bundel verzegelen/ }).click();
    const confirm = s.page.getByRole('dialog', { name: 'Cyclus sluiten en bundel verzegelen?' });
    await confirm.getByRole('button', { name: 'Ja, sluiten en verzegelen' }).click();
    await s.page
      .getByRole('status')
      .filter({ hasText: `“${title}” is gesloten; de bundel is verzegeld.` })
      .waitFor();
    const seal = card.getByRole('group', { name: 'Verzegelde bundel' });
    await seal.getByText('Controle door de server: de bewaarde bundel klopt met deze vingerafdrukken.').waitFor();
    expect(await seal.locator('code.hash').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await card.getByRole('button', { name: /Cyclus sluiten/ }).count()).toBe(0);
    await seal.getByRole('button', { name: 'Controleer de PDF in deze browser' }).click();
    await seal.getByText('De gedownloade PDF is precies de verzegelde bundel.').waitFor();
    await screenshot(s.page, '56-rvc-verzegeld');
    await expectAccessible(s.page, 'RVC (verzegeld)');
    expect(s.pageErrors).toEqual([]);
  }, 90_000);

  it('aanjager submits, the RVC cannot see the concept, the secretariat accepts, the RVC downloads the bundle PDF', async () => {
    const summary = `Koerstoets${Date.now()}: de aanpak van ondermijning ligt op koers.`;
    const marker = summary.split(':')[0];

    // --- The aanjager opens Voortgang through the tab and creates the report for the open cycle.
    const aanjager = await pages.newPage();
    await pages.login(aanjager.page, AANJAGER);
    // Home lists the report waiting to be submitted; its link opens the Voortgang tab at that cycle.
    const toSubmit = aanjager.page.getByRole('listitem').filter({ hasText: `Indienen: ${OPEN_CYCLE}` });
    expect(await toSubmit.getByRole('link', { name: WORKGROUP }).getAttribute('href')).toMatch(
      new RegExp(`^/werkgroepen/${workgroupId}/voortgang\\?cyclus=[0-9a-f-]{36}$`),
    );
    await aanjager.page.goto(`${t.url}/werkgroepen/${workgroupId}`);
    await aanjager.page
      .getByRole('navigation', { name: 'Onderdelen van de werkgroep' })
      .getByRole('link', { name: 'Voortgang' })
      .click();
    await aanjager.page.waitForURL(`**/werkgroepen/${workgroupId}/voortgang`);
    await aanjager.page.getByRole('heading', { level: 2, name: 'Voortgangsrapportage' }).waitFor();
    const cycleSelect = aanjager.page.getByLabel('Rapportagecyclus');
    expect(await cycleSelect.locator('option:checked').textContent()).toContain(OPEN_CYCLE);
    await aanjager.page.getByText('Er is nog geen rapportage van deze werkgroep voor deze cyclus.').waitFor();

    // Indicators: a chart per indicator, the verdict in words, the measurements as a table on request.
    const firstIndicator = aanjager.page.locator('.indicator-card').first();
    await firstIndicator.locator('.indicator-chart svg').first().waitFor();
    expect(await firstIndicator.getByText(/Doel gehaald|Loopt nog|Nog niet gehaald/).count()).toBe(1);
    await firstIndicator.getByText('Metingen als tabel').click();
    expect(await firstIndicator.getByRole('table').locator('tbody tr').count()).toBe(3);

    await aanjager.page.getByRole('button', { name: 'Rapportage aanmaken' }).click();
    const form = aanjager.page.getByRole('form', { name: 'Rapportage bewerken' });
    await form.waitFor();
    expect(await aanjager.page.locator('.report-state').textContent()).toContain('Concept');
    await aanjager.page.getByRole('heading', { name: 'Cijfers (actueel, nog niet bevroren)' }).waitFor();
    // The report's collaborative narrative document is one link away.
    expect(await aanjager.page.getByRole('link', { name: 'Toelichting samen schrijven' }).getAttribute('href')).toMatch(
      /^\/documenten\/[0-9a-f-]{36}$/,
    );
    await form.getByLabel('Samenvatting').fill(summary);
    const statuses = form.getByLabel(/^Status: /);
    expect(await statuses.count()).toBeGreaterThanOrEqual(2);
    await statuses.nth(0).selectOption({ label: 'Op koers' });
    await statuses.nth(1).selectOption({ label: 'Aandacht nodig' });
    await form
      .getByLabel(/^Toelichting: /)
      .first()
      .fill('Zes integrale controles uitgevoerd.');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await aanjager.page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();
    await screenshot(aanjager.page, '50-voortgang-concept');
    await expectAccessible(aanjager.page, 'Voortgang');

    const aanjagerToken = await t.login(AANJAGER);
    const reports = await t
      .http()
      .get(`/api/workgroups/${workgroupId}/progress-reports`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .expect(200);
    const report = (reports.body as Array<{ id: string; cycleTitle: string; status: string }>).find(
      (r) => r.cycleTitle === OPEN_CYCLE,
    )!;
    expect(report.status).toBe('concept');

    // --- The RVC member cannot open the concept report, nor the werkgroep's actions (UI and API).
    const rvc = await pages.newPage();
    await pages.login(rvc.page, RVC);
    await rvc.page.goto(`${t.url}/rapportages/${report.id}`);
    await rvc.page.getByRole('heading', { level: 1, name: 'Geen toegang tot deze rapportage' }).waitFor();
    expect(await rvc.page.locator('main').textContent()).not.toContain(marker);
    expect(await statusFromPage(rvc.page, `/api/progress-reports/${report.id}`)).toBe(403);
    await rvc.page.goto(`${t.url}/werkgroepen/${workgroupId}/acties`);
    await rvc.page.getByText(/U heeft geen toegang tot de acties van deze werkgroep/).waitFor();
    expect(await statusFromPage(rvc.page, `/api/workgroups/${workgroupId}/actions`)).toBe(403);
    await rvc.page.goto(`${t.url}/werkgroepen/${workgroupId}/voortgang`);
    await rvc.page
      .getByText(/Als lid van het RVC ziet u een rapportage zodra de werkgroep haar heeft ingediend/)
      .waitFor();
    expect(await rvc.page.getByRole('button', { name: 'Rapportage aanmaken' }).count()).toBe(0);

    // --- The aanjager submits (confirm dialog: the version is frozen).
    await aanjager.page.getByRole('button', { name: 'Indienen', exact: true }).click();
    const confirm = aanjager.page.getByRole('dialog', { name: 'Rapportage indienen?' });
    await confirm.getByText(/deze versie bevroren/).waitFor();
    await confirm.getByRole('button', { name: 'Ja, indienen' }).click();
    await aanjager.page.getByRole('status').filter({ hasText: 'De rapportage is ingediend als versie 1.' }).waitFor();
    expect(await aanjager.page.locator('.report-state').textContent()).toContain('Ingediend');
    expect(await aanjager.page.getByRole('form', { name: 'Rapportage bewerken' }).count()).toBe(0);
    expect(await aanjager.page.getByRole('button', { name: 'Indienen', exact: true }).count()).toBe(0);
    await aanjager.page.getByRole('heading', { name: 'Cijfers bij indiening (versie 1)' }).waitFor();
    await screenshot(aanjager.page, '51-voortgang-ingediend');

    // --- The secretariat sees it submitted on the Dashboard and accepts it.
    const secretariat = await pages.newPage();
    await pages.login(secretariat.page, SECRETARIAAT);
    await secretariat.page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await secretariat.page.waitForURL('**/dashboard');
    const submissions = secretariat.page.getByRole('table', { name: /Stand van de rapportages voor/ });
    const row = submissions
      .getByRole('row')
      .filter({ has: secretariat.page.getByRole('link', { name: WORKGROUP, exact: true }) });
    await row.getByText('Ingediend').waitFor();
    expect(await secretariat.page.getByRole('heading', { level: 2, name: `Indieningen: ${OPEN_CYCLE}` }).count()).toBe(
      1,
    );
    // The werkgroepen that have not submitted are listed; Ondermijning no longer is.
    const notYet = secretariat.page.getByRole('list', { name: /Nog niet ingediend/ });
    expect(await notYet.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await notYet.getByText(WORKGROUP, { exact: true }).count()).toBe(0);
    await secretariat.page.getByRole('table', { name: 'Status per werkgroep en onderdeel' }).waitFor();
    await screenshot(secretariat.page, '52-dashboard');
    await expectAccessible(secretariat.page, 'Dashboard');
    await row.getByRole('button', { name: `Accepteren rapportage ${WORKGROUP}` }).click();
    const accept = secretariat.page.getByRole('dialog', { name: `Rapportage van ${WORKGROUP} accepteren?` });
    await accept.getByRole('button', { name: 'Accepteren' }).click();
    await secretariat.page
      .getByRole('status')
      .filter({ hasText: `De rapportage van ${WORKGROUP} is geaccepteerd.` })
      .waitFor();
    await row.getByText('Geaccepteerd').waitFor();
    expect(await row.getByRole('button', { name: /Accepteren/ }).count()).toBe(0);

    // --- The RVC member opens the RVC page and downloads the bundle PDF of that cycle.
    await rvc.page.goto(t.url + '/');
    await rvc.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'RVC' }).click();
    await rvc.page.waitForURL('**/rvc');
    const cycleCard = rvc.page.getByRole('listitem').filter({
      has: rvc.page.getByRole('heading', { level: 2, name: new RegExp(OPEN_CYCLE.replace(/[()]/g, '\\$&')) }),
    });
    await cycleCard.waitFor();
    expect(await rvc.page.getByRole('button', { name: 'Nieuwe rapportagecyclus' }).count()).toBe(0);
    await screenshot(rvc.page, '53-rvc');
    await expectAccessible(rvc.page, 'RVC');
    const [download] = await Promise.all([
      rvc.page.waitForEvent('download'),
      cycleCard.getByRole('link', { name: /^PDF downloaden/ }).click(),
    ]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('Ondermijning');
    expect(text).toContain(marker);

    // --- The print view: one document, the accepted report in it; on paper without the site navigation.
    await cycleCard.getByRole('link', { name: /^Afdrukweergave/ }).click();
    await rvc.page.waitForURL(/\/rvc\/bundel\/[0-9a-f-]{36}$/);
    const section = rvc.page.getByRole('region', { name: WORKGROUP, exact: true });
    await section.getByText(summary).waitFor();
    expect(await section.textContent()).toContain('Op koers');
    await rvc.page.getByRole('button', { name: 'Afdrukken' }).waitFor();
    await screenshot(rvc.page, '54-bundel-afdrukweergave');
    await expectAccessible(rvc.page, 'Afdrukweergave bundel');
    await rvc.page.emulateMedia({ media: 'print' });
    expect(await rvc.page.locator('.site-header').isHidden()).toBe(true);
    expect(await rvc.page.getByRole('button', { name: 'Afdrukken' }).isHidden()).toBe(true);
    expect(await section.evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    await rvc.page.emulateMedia({ media: 'screen' });

    // Now that it went upward, the RVC member can read the report (the accepted version only).
    await rvc.page.goto(`${t.url}/rapportages/${report.id}`);
    await rvc.page.getByRole('heading', { level: 1, name: `Voortgangsrapportage: ${WORKGROUP}` }).waitFor();
    await rvc.page.getByText(summary).waitFor();

    expect(aanjager.pageErrors).toEqual([]);
    expect(secretariat.pageErrors).toEqual([]);
    expect(rvc.pageErrors).toEqual([]);
  }, 180_000);

  it('secretariat plans a cycle and returns a report with a comment; the aanjager sees why, measures and adds an indicator', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const cycleTitle = `RVC-vergadering test ${Date.now()}`;

    // --- The secretariat plans a new cycle on the RVC page; the form checks the deadline lies before the meeting.
    const secretariat = await pages.newPage();
    await pages.login(secretariat.page, SECRETARIAAT);
    await secretariat.page.goto(t.url + '/rvc');
    await secretariat.page.getByRole('button', { name: 'Nieuwe rapportagecyclus' }).click();
    const cycleForm = secretariat.page.getByRole('form', { name: 'Nieuwe rapportagecyclus' });
    await cycleForm.getByLabel('Titel').fill(cycleTitle);
    await cycleForm.getByLabel('Datum vergadering').fill(day(200));
    await cycleForm.getByLabel('Deadline werkgroepen').fill(day(210));
    await cycleForm.getByRole('button', { name: 'Cyclus aanmaken' }).click();
    await cycleForm.getByText('De deadline voor de werkgroepen ligt vóór de vergadering van het RVC.').waitFor();
    expect(await cycleForm.getByLabel('Deadline werkgroepen').getAttribute('aria-invalid')).toBe('true');
    await cycleForm.getByLabel('Deadline werkgroepen').fill(day(180));
    await cycleForm.getByRole('button', { name: 'Cyclus aanmaken' }).click();
    await secretariat.page
      .getByRole('status')
      .filter({ hasText: `Rapportagecyclus “${cycleTitle}” is aangemaakt.` })
      .waitFor();
    await secretariat.page.getByRole('heading', { level: 2, name: cycleTitle }).waitFor();

    // --- The aanjager writes and submits a report for that cycle.
    const aanjager = await pages.newPage();
    await pages.login(aanjager.page, AANJAGER);
    await aanjager.page.goto(`${t.url}/werkgroepen/${workgroupId}/voortgang`);
    await chooseCycle(aanjager.page, cycleTitle);
    await aanjager.page.getByRole('button', { name: 'Rapportage aanmaken' }).click();
    const form = aanjager.page.getByRole('form', { name: 'Rapportage bewerken' });
    await form.getByLabel('Samenvatting').fill('Eerste versie voor de testcyclus.');
    // Submitting with unsaved edits saves them first.
    await aanjager.page.getByRole('button', { name: 'Indienen', exact: true }).click();
    const confirm = aanjager.page.getByRole('dialog', { name: 'Rapportage indienen?' });
    // Unsaved edits are saved before the question, so the check names what is stored.
    await aanjager.page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();
    await confirm.getByText(/deze versie bevroren/).waitFor();
    await confirm.getByRole('button', { name: 'Ja, indienen' }).click();
    await aanjager.page.getByRole('status').filter({ hasText: 'De rapportage is ingediend als versie 1.' }).waitFor();

    // --- The secretariat chooses that cycle on the Dashboard and returns the report; a comment is required.
    await secretariat.page.goto(t.url + '/dashboard');
    await chooseCycle(secretariat.page, cycleTitle);
    await secretariat.page.getByRole('heading', { level: 2, name: `Indieningen: ${cycleTitle}` }).waitFor();
    const row = secretariat.page
      .getByRole('table', { name: /Stand van de rapportages voor/ })
      .getByRole('row')
      .filter({ has: secretariat.page.getByRole('link', { name: WORKGROUP, exact: true }) });
    await row.getByRole('button', { name: `Terugsturen rapportage ${WORKGROUP}` }).click();
    const dialog = secretariat.page.getByRole('dialog', { name: `Rapportage van ${WORKGROUP} terugsturen?` });
    await dialog.getByRole('button', { name: 'Terugsturen' }).click();
    await dialog.getByText('Geef aan waarom de rapportage wordt teruggestuurd.').first().waitFor();
    await dialog.getByLabel('Toelichting voor de werkgroep').fill('Graag de cijfers over witwassen toelichten.');
    await dialog.getByRole('button', { name: 'Terugsturen' }).click();
    await secretariat.page
      .getByRole('status')
      .filter({ hasText: `De rapportage van ${WORKGROUP} is teruggestuurd.` })
      .waitFor();
    await row.getByText('Teruggestuurd').waitFor();

    // --- The aanjager sees the comment, can edit again, and the returned version stays in the history.
    await aanjager.page.reload();
    await chooseCycle(aanjager.page, cycleTitle);
    await aanjager.page.getByRole('note').filter({ hasText: 'Graag de cijfers over witwassen toelichten.' }).waitFor();
    await aanjager.page.getByRole('form', { name: 'Rapportage bewerken' }).waitFor();
    expect(await aanjager.page.getByRole('button', { name: 'Indienen', exact: true }).count()).toBe(1);
    await aanjager.page
      .locator('.version-list')
      .getByText(/Versie 1, ingediend op/)
      .waitFor();
    expect(await aanjager.page.locator('.version-list').textContent()).toContain('Teruggestuurd');

    // --- A measurement and a new indicator.
    const card = aanjager.page.locator('.indicator-card').first();
    const indicatorTitle = (await card.getByRole('heading', { level: 4 }).textContent())!;
    await card.getByRole('button', { name: `Meting toevoegen voor ${indicatorTitle}` }).click();
    await card.getByLabel(/^Waarde/).fill('-5');
    await card.getByRole('button', { name: 'Meting opslaan' }).click();
    await card.getByText('Een waarde kan niet negatief zijn.').waitFor();
    await card.getByLabel(/^Waarde/).fill('512');
    await card.getByLabel('Bron').fill('Opgave gemeenten (test)');
    await card.getByRole('button', { name: 'Meting opslaan' }).click();
    await aanjager.page
      .getByRole('status')
      .filter({ hasText: `Meting voor “${indicatorTitle}” is toegevoegd.` })
      .waitFor();
    await card.getByText('Metingen als tabel').click();
    expect(await card.getByRole('table').locator('tbody tr').count()).toBe(4);
    expect(await card.locator('.indicator-facts').textContent()).toContain('512');

    await aanjager.page.getByRole('button', { name: 'Indicator toevoegen' }).click();
    const indicatorForm = aanjager.page.getByRole('form', { name: 'Indicator toevoegen' });
    await indicatorForm.getByLabel('Onderdeel').selectOption({ index: 1 });
    await indicatorForm.getByLabel('Titel').fill('Afgepakt crimineel vermogen');
    await indicatorForm.getByLabel('Eenheid').selectOption({ label: 'Euro' });
    await indicatorForm.getByLabel('Nulmeting').fill('100000');
    await indicatorForm.getByLabel('Doel').fill('250000');
    await indicatorForm.getByRole('button', { name: 'Indicator opslaan' }).click();
    await aanjager.page
      .getByRole('status')
      .filter({ hasText: 'Indicator “Afgepakt crimineel vermogen” is toegevoegd.' })
      .waitFor();
    const created = aanjager.page
      .locator('.indicator-card')
      .filter({ has: aanjager.page.getByRole('heading', { level: 4, name: 'Afgepakt crimineel vermogen' }) });
    expect(await created.locator('.indicator-facts').textContent()).toContain('€ 250.000');
    await created.getByText('Nog geen metingen.').waitFor();

    expect(aanjager.pageErrors).toEqual([]);
    expect(secretariat.pageErrors).toEqual([]);
  }, 180_000);
});
