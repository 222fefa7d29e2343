import type { Page } from 'playwright-core';
import { eventually } from '../support/collab-client';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/**
 * A mayor (the aanjager of Ondermijning) on a phone, 390 x 844: the header folds behind "Menu" (Esc closes
 * it, the focus goes back), what needs attention on the home page, the own actions as cards with owner,
 * deadline and status in view, a status changed by touch and by keyboard (arrowing does not save, Enter
 * does), a document read and commented on by keyboard (the toolbar one row with "Meer"), the report
 * submitted. On every page: no sideways scrolling and axe-core clean. Then every other route, also the
 * secretariat's, for sideways scrolling. Screenshots go to test-artifacts/browser/.
 */

const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const SECRETARIAAT = 'secretariaat@demo.koers.nl';
const PHONE = { width: 390, height: 844 };

describeWithBrowser('test/browser/phone.spec.ts')('a mayor on a phone', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let workgroupId: string;
  let documentId: string;
  let aanjagerToken: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, PHONE);
    aanjagerToken = await t.login(AANJAGER);
    const workgroups = await t
      .http()
      .get('/api/workgroups')
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .expect(200);
    workgroupId = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    )!.id;
    const created = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/documents`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .send({ title: 'Aanpak drugslabs in het buitengebied van de regio', kind: 'notitie' })
      .expect(201);
    documentId = created.body.id as string;
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t?.close();
  });

  /** No sideways scrolling: the page is no wider than the screen (names what sticks out when it is). */
  async function expectNoSidewaysScroll(page: Page, what: string) {
    const result = await page.evaluate(() => {
      const width = window.innerWidth;
      const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .filter((element) => !element.closest('.table-scroll:not(:has(> .table-cards))'))
        .slice(0, 5)
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${element.className} (${element.getBoundingClientRect().right})`,
        );
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
    });
    if (result.scrollWidth > result.innerWidth)
      throw new Error(
        `${what} scrolls sideways: ${result.scrollWidth} > ${result.innerWidth} px; sticking out: ${result.wide.join(', ')}`,
      );
  }

  const checkPage = async (page: Page, what: string) => {
    await expectNoSidewaysScroll(page, what);
    await expectAccessible(page, what);
  };

  const inView = async (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return box.left >= 0 && box.right <= window.innerWidth && box.width > 0;
      }),
    );

  it("walks the mayor's flows: attention, my actions, a status, a comment, the report", async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);

    // --- The header: brand, bell and "Menu"; the navigation folds away.
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.isVisible()).toBe(false);
    await screenshot(page, 'phone-00-header');
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThan(80);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Strategie', exact: true }).waitFor();
    await checkPage(page, 'Overzicht met open menu');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await nav.isVisible()).toBe(false);

    // --- Home: what needs attention, my actions as cards.
    await page.getByRole('heading', { name: 'Vraagt uw aandacht' }).waitFor();
    await page.getByRole('table', { name: /Mijn openstaande acties/ }).waitFor();
    await screenshot(page, 'phone-01-home');
    await checkPage(page, 'Overzicht');

    // --- My actions in the werkgroep, filtered through the address (kept on reload): cards, nothing off-screen.
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/acties?toon=mijn`);
    const rows = page.locator('table.actions-table tbody tr');
    await rows.first().waitFor();
    // The filters fold away on a phone; the summary says one is on.
    const filters = page.locator('summary', { hasText: 'Filteren en sorteren' });
    expect(await filters.textContent()).toContain('(1 filter aan)');
    const first = rows.first();
    const title = (await first.locator('th button').textContent())!.trim();
    for (const cell of ['td[data-label="Status"]', 'td[data-label="Eigenaar"]', 'td[data-label="Deadline"]'])
      expect(await inView(page, `table.actions-table tbody tr:first-child ${cell}`)).toEqual([true]);
    await screenshot(page, 'phone-02-acties');
    await checkPage(page, 'Acties');
    await page.reload();
    await rows.first().waitFor();
    await filters.click();
    expect(await page.getByRole('radio', { name: 'Mijn acties' }).isChecked()).toBe(true);

    // --- A status by keyboard: arrowing through the select saves nothing; Enter saves.
    const status = page.getByLabel(`Status: ${title}`);
    const before = await status.inputValue();
    await status.focus();
    await page.keyboard.press(before === 'open' ? 'ArrowDown' : 'ArrowUp');
    const chosen = await status.inputValue();
    expect(chosen).not.toBe(before);
    const saved = await t
      .http()
      .get(`/api/workgroups/${workgroupId}/actions?view=mijn`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .expect(200);
    expect((saved.body.items as Array<{ title: string; status: string }>).find((a) => a.title === title)!.status).toBe(
      before,
    );
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `De status van “${title}” is opgeslagen.` })
      .waitFor();
    await eventually(async () => {
      const after = await t
        .http()
        .get(`/api/workgroups/${workgroupId}/actions?view=mijn`)
        .set('Authorization', `Bearer ${aanjagerToken}`)
        .expect(200);
      expect(
        (after.body.items as Array<{ title: string; status: string }>).find((a) => a.title === title)!.status,
      ).toBe(chosen);
    });

    // --- A document: the toolbar is one row with "Meer"; a comment posted by keyboard keeps the focus.
    await page.goto(`${t.url}/documenten/${documentId}`);
    const toolbar = page.getByRole('toolbar', { name: 'Opmaak' });
    await toolbar.waitFor();
    await page.locator('.editor-content h1').first().waitFor();
    // The placeholder shown while the text loads is as tall as the editor with its panels (no jump).
    const heights = await page.evaluate(() => {
      const placeholder = document.createElement('div');
      placeholder.className = 'editor editor-placeholder';
      document.querySelector('.document-workspace')!.after(placeholder);
      const reserved = placeholder.offsetHeight;
      placeholder.remove();
      return { reserved, real: document.querySelector<HTMLElement>('.document-workspace')!.offsetHeight };
    });
    expect(Math.abs(heights.reserved - heights.real)).toBeLessThan(48);
    const bar = await toolbar.boundingBox();
    expect(bar!.height).toBeLessThan(60);
    const more = toolbar.getByRole('button', { name: 'Meer opmaak' });
    await more.click();
    const extra = page.getByRole('group', { name: 'Meer opmaak' });
    await extra.getByRole('button', { name: 'Kop 1' }).waitFor();
    await expectNoSidewaysScroll(page, 'Document met het menu Meer');
    await page.keyboard.press('Escape');
    expect(await extra.count()).toBe(0);
    expect(await more.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot(page, 'phone-03-document');
    await checkPage(page, 'Document');

    const panel = page.getByRole('region', { name: /^Reacties/ });
    if (!(await panel.getByRole('button', { name: 'Reageren' }).isVisible()))
      await page.getByRole('button', { name: /^Reacties/ }).click();
    await panel.getByRole('button', { name: 'Reageren' }).click();
    const body = panel.getByLabel('Uw reactie');
    await body.waitFor();
    await body.type('Graag bespreken in de volgende sessie.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reactie plaatsen');
    await page.keyboard.press('Enter');
    const thread = panel.getByRole('article', { name: /^Reactie van / });
    await thread.waitFor();
    await eventually(async () =>
      expect(await thread.evaluate((element) => element === document.activeElement)).toBe(true),
    );

    // --- The report: made, saved and submitted on the phone.
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/voortgang`);
    await page.getByRole('heading', { level: 2, name: 'Voortgangsrapportage' }).waitFor();
    await page.getByRole('button', { name: 'Rapportage aanmaken' }).click();
    const form = page.getByRole('form', { name: 'Rapportage bewerken' });
    await form.getByLabel('Samenvatting').fill('Op koers, met aandacht voor de drugslabs.');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();
    await checkPage(page, 'Voortgang');
    await page.getByRole('button', { name: 'Indienen', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Rapportage indienen?' });
    await confirm.getByRole('button', { name: 'Ja, indienen' }).click();
    await page.getByRole('status').filter({ hasText: 'De rapportage is ingediend als versie 1.' }).waitFor();
    await screenshot(page, 'phone-04-ingediend');
    await expectNoSidewaysScroll(page, 'Voortgang na indienen');

    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('scrolls no page sideways, for a member and for the secretariat', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    const sessions = await t
      .http()
      .get(`/api/workgroups/${workgroupId}/sessions`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .expect(200);
    const sessionId = (sessions.body as Array<{ id: string }>)[0].id;
    const memberRoutes: Array<[string, string]> = [
      ['/', 'Overzicht'],
      ['/strategie', 'Strategie'],
      ['/instellingen', 'Mijn instellingen'],
      [`/werkgroepen/${workgroupId}`, 'Werkgroep'],
      [`/werkgroepen/${workgroupId}/acties`, 'Acties'],
      [`/werkgroepen/${workgroupId}/sessies`, 'Sessies'],
      [`/werkgroepen/${workgroupId}/sessies/${sessionId}`, 'Sessie'],
      [`/werkgroepen/${workgroupId}/kennisbank`, 'Kennisbank'],
      [`/werkgroepen/${workgroupId}/voortgang`, 'Voortgang'],
      [`/documenten/${documentId}`, 'Document'],
      ['/bestaat-niet', 'Niet gevonden'],
    ];
    for (const [path, what] of memberRoutes) await visit(page, path, what);

    const secretariat = await pages.newPage();
    await pages.login(secretariat.page, SECRETARIAAT);
    const token = await t.login(SECRETARIAAT);
    const users = await t.http().get('/api/users').set('Authorization', `Bearer ${token}`).expect(200);
    const userId = ((users.body.items ?? users.body) as Array<{ id: string }>)[0].id;
    const secretariatRoutes: Array<[string, string]> = [
      ['/dashboard', 'Dashboard'],
      ['/rvc', 'RVC'],
      ['/cyclus', 'Strategiecyclus'],
      ['/cyclus/inventarisaties', 'Inventarisaties'],
      ['/cyclus/financien', 'Financiën'],
      ['/cyclus/consultaties', 'Consultaties'],
      ['/cyclus/organen', 'Organen'],
      ['/cyclus/kalender', 'Kalender'],
      ['/beheer/gebruikers', 'Gebruikers'],
      [`/beheer/gebruikers/${userId}`, 'Gebruiker'],
      ['/beheer/regio', 'Regio'],
      ['/beheer/organisaties', 'Organisaties'],
      ['/beheer/werkgroepen', 'Werkgroepen'],
      ['/beheer/importeren', 'Importeren'],
      ['/beheer/auditlog', 'Auditlog'],
    ];
    for (const [path, what] of secretariatRoutes) await visit(secretariat.page, path, what);
    expect([...pageErrors, ...secretariat.pageErrors]).toEqual([]);
  }, 120_000);

  /** Opens a page, waits until it has loaded its data (no loading message left), and checks its width. */
  async function visit(page: Page, path: string, what: string) {
    await page.goto(t.url + path);
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('main .loading'));
    await expectNoSidewaysScroll(page, `${what} (${path})`);
  }
});
