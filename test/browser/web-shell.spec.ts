import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/**
 * The web client in a real (headless) Chromium against the real API: login through the form, the home,
 * strategy, werkgroep and audit pages, each checked with axe-core; and a member of another werkgroep who
 * must not see the ondermijning werkgroep. Screenshots go to test-artifacts/browser/.
 */

describeWithBrowser('test/browser/web-shell.spec.ts')('web client in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1024, height: 800 });
    if (!t.config.http.webDistDir)
      throw new Error('The API does not serve the web client (config.http.webDistDir is empty).');
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('lets the secretariat log in and walk through strategy, werkgroep and audit log', async () => {
    const { page, context, pageErrors } = await pages.newPage();

    // Inloggen: an unknown user is sent to the login page; a wrong password gives a Dutch error.
    await page.goto(t.url + '/');
    await page.waitForURL('**/inloggen');
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Koers' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByLabel('E-mailadres').fill('secretariaat@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Inloggen is niet gelukt/);
    await screenshot(page, '01-inloggen-fout');
    await expectAccessible(page, 'login');

    await page.getByLabel('E-mailadres').fill('secretariaat@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('koers-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Home: greeting, the werkgroepen, the way to the strategy; Beheer in the navigation.
    await page.getByRole('heading', { level: 1, name: /Secretaris Bureau RVS/ }).waitFor();
    await page.getByRole('link', { name: 'Bestuurlijke werkgroep Maatschappelijke onrust' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link', { name: 'Beheer' }).count()).toBe(1);
    await screenshot(page, '02-home');
    await expectAccessible(page, 'home');

    // Strategie: the three priorities in order, with their onderdelen.
    await nav.getByRole('link', { name: 'Strategie', exact: true }).click();
    await page.waitForURL(/\/strategie\/[0-9a-f-]{36}$/);
    await page
      .getByRole('heading', { level: 1, name: 'Regionale Veiligheidsstrategie Midden-Nederland 2023-2026' })
      .waitFor();
    const priorities = page.locator('ol.priorities > li');
    await priorities.nth(2).waitFor();
    expect(await priorities.count()).toBe(3);
    const priorityHeadings = await priorities.locator('h3').allTextContents();
    expect(priorityHeadings[0]).toMatch(/Georganiseerde ondermijnende \(drugs\)criminaliteit/);
    expect(priorityHeadings[1]).toMatch(/Digitale veiligheid en cybercriminaliteit/);
    expect(priorityHeadings[2]).toMatch(/Maatschappelijke onrust/);
    expect(await priorities.nth(0).locator('ol.focus-areas > li').allTextContents()).toContain(
      'Verstoren en terugdringen criminele geldstromen',
    );
    expect(await page.locator('main').textContent()).toMatch(/1 januari 2023 tot en met 31 december 2026/);
    await screenshot(page, '03-strategie');
    await expectAccessible(page, 'strategy');

    // Werkgroep: members and the composition check naming what is missing.
    await page.getByRole('link', { name: 'Bestuurlijke werkgroep Maatschappelijke onrust' }).click();
    await page.waitForURL(/\/werkgroepen\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Bestuurlijke werkgroep Maatschappelijke onrust' }).waitFor();
    const membersTable = page.getByRole('table').first();
    await membersTable.waitFor();
    expect(await membersTable.textContent()).toMatch(/Burgemeester Lelystad \(demo\)/);
    // What is missing is named once, in the list of requirements (not again in a list of its own).
    expect(await page.locator('.requirements').textContent()).toMatch(
      /Ontbreekt:\s*Burgemeester als bestuurlijk aanjager uit District Gooi en Vechtstreek/,
    );
    expect(await page.getByText('Burgemeester als bestuurlijk aanjager uit District Gooi en Vechtstreek').count()).toBe(
      1,
    );
    await page.getByRole('heading', { level: 2, name: 'Lid toevoegen' }).waitFor();
    await screenshot(page, '04-werkgroep');
    await expectAccessible(page, 'werkgroep');

    // Auditlog (Beheer): the login above is there.
    await nav.getByRole('link', { name: 'Beheer' }).click();
    await page.waitForURL('**/beheer/gebruikers');
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Auditlog' }).click();
    await page.waitForURL('**/beheer/auditlog');
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    const auditTable = page.getByRole('table');
    await auditTable.waitFor();
    // In Dutch sentences, not codes or JSON.
    const logins = auditTable.locator('tbody tr').filter({ has: page.getByText('Inloggen', { exact: true }) });
    const loginRow = logins.filter({ hasText: 'secretariaat@demo.koers.nl' }).filter({ hasText: 'Gelukt' });
    expect(await loginRow.count()).toBeGreaterThanOrEqual(1);
    const failed = logins.filter({ hasText: 'Mislukt' });
    expect(await failed.count()).toBeGreaterThanOrEqual(1);
    expect(await failed.first().textContent()).toContain('Reden: onjuist wachtwoord');
    expect(await auditTable.textContent()).not.toContain('auth.login');
    expect(await auditTable.textContent()).not.toContain('{"');
    await screenshot(page, '05-auditlog');
    await expectAccessible(page, 'audit log');

    // An expired access cookie: the client refreshes the session (refresh cookie) and carries on.
    await context.clearCookies({ name: 'koers_access' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
    await page.getByRole('table').waitFor();
    expect(page.url()).toMatch(/\/beheer\/auditlog$/);

    // Uitloggen: back at the login page, and the API no longer knows us.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/inloggen');
    await page.goto(t.url + '/beheer/auditlog');
    await page.waitForURL('**/inloggen');

    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows a member of another werkgroep "niet gevonden of geen toegang", not the members', async () => {
    const token = await t.login('secretariaat@demo.koers.nl');
    const list = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    const ondermijning = (list.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    );
    expect(ondermijning).toBeDefined();

    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, 'aanjager.cyber@demo.koers.nl');
    // No Beheer for a non-secretariat user.
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).count(),
    ).toBe(0);

    await page.goto(`${t.url}/werkgroepen/${ondermijning!.id}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/niet gevonden of geen toegang/i);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/ondermijning/i);
    expect(await page.getByRole('table').count()).toBe(0);
    await screenshot(page, '06-werkgroep-geen-toegang');

    // The admin pages are not there for this user either.
    await page.goto(`${t.url}/beheer/gebruikers`);
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
