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

/**
 * Forms that never lose what people typed (issue #12), in a real Chromium against the real API: two pages
 * (two browser contexts) save the region's default composition rules, a werkgroep's composition rules, the
 * region's words and a session from stale pages. Changes to different fields are combined without asking; a
 * change both made is asked about in the conflict dialog; unsaved seats and a planned session survive a reload.
 */

const SECRETARIAAT = 'secretariaat@demo.koers.nl';
const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const WORKGROUP = 'Bestuurlijke werkgroep Ondermijning';
const CONFLICT = 'Iemand anders heeft dit intussen gewijzigd';
const RESTORED = 'Uw niet-opgeslagen invoer van een eerder bezoek is teruggezet.';

describeWithBrowser('test/browser/stale-pages.spec.ts')('forms saved from two stale pages', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let token: string;
  let workgroupId: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    token = await t.login(SECRETARIAAT);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`);
    workgroupId = (workgroups.body as Array<{ id: string; name: string }>).find((w) => w.name === WORKGROUP)!.id;
  }, 120_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  const read = async (path: string) =>
    (await t.http().get(path).set('Authorization', `Bearer ${token}`).expect(200)).body as Record<string, unknown>;
  const conflictOf = (page: Page) => page.getByRole('dialog', { name: CONFLICT });
  const seatName = (form: ReturnType<Page['locator']>, n: number) =>
    form.getByRole('group', { name: `Zetel ${n}` }).getByLabel(/^Naam van de zetel/);

  /** Reloads the page; the browser's own "leave?" question comes first and is accepted. */
  async function reloadAsked(page: Page) {
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toEqual(['beforeunload']);
  }

  async function twoSecretariatPages() {
    const a = await pages.newPage();
    const b = await pages.newPage();
    await pages.login(a.page, SECRETARIAAT);
    await pages.login(b.page, SECRETARIAAT);
    return { a, b };
  }

  it("saves the region's default seats and words from two stale pages: asked where both changed, combined elsewhere", async () => {
    const { a, b } = await twoSecretariatPages();
    const rules = (page: Page) => page.getByRole('form', { name: 'Standaardeisen' });
    const words = (page: Page) => page.getByRole('form', { name: 'Woorden van de regio' });
    for (const page of [a.page, b.page]) {
      await page.goto(`${t.url}/beheer/regio`);
      await seatName(rules(page), 1).waitFor();
      await words(page)
        .getByLabel(/^Naam van het bureau/)
        .waitFor();
    }
    const before = await read('/api/region/composition-rules');

    // The first page renames seat 1 and saves.
    await seatName(rules(a.page), 1).fill('Burgemeester (eerste pagina)');
    await rules(a.page).getByRole('button', { name: 'Eisen opslaan' }).click();
    await rules(a.page).getByRole('status').filter({ hasText: 'De eisen zijn opgeslagen (3 zetels).' }).waitFor();

    // The second page, stale, renames the same seat; a reload first keeps it as a draft.
    await seatName(rules(b.page), 1).fill('Burgemeester (tweede pagina)');
    await reloadAsked(b.page);
    await rules(b.page).getByText(RESTORED).waitFor();
    expect(await seatName(rules(b.page), 1).inputValue()).toBe('Burgemeester (tweede pagina)');
    // The reloaded page read the first page's save, but the restored draft started before it: saving it is
    // based on the version it started from, so the first page's change is asked about, not overwritten unseen.
    await rules(b.page).getByRole('button', { name: 'Eisen opslaan' }).click();
    const restoredConflict = conflictOf(b.page);
    await restoredConflict.getByText(/Burgemeester \(eerste pagina\)/).waitFor();
    await restoredConflict.getByText(/Burgemeester \(tweede pagina\)/).waitFor();
    await restoredConflict.getByRole('button', { name: 'Mijn versie houden' }).click();
    await restoredConflict.waitFor({ state: 'detached' });
    await rules(b.page).getByRole('status').filter({ hasText: 'De eisen zijn opgeslagen (3 zetels).' }).waitFor();

    // Stale again: the first page (reloaded: it has no unsaved input) changes seat 2, the second page too.
    await a.page.reload();
    await rules(a.page).getByRole('button', { name: 'Eisen opslaan' }).waitFor();
    expect(await seatName(rules(a.page), 1).inputValue()).toBe('Burgemeester (tweede pagina)');
    await seatName(rules(a.page), 2).fill('Officier van justitie (eerste pagina)');
    await rules(a.page).getByRole('button', { name: 'Eisen opslaan' }).click();
    await rules(a.page).getByRole('status').filter({ hasText: 'De eisen zijn opgeslagen (3 zetels).' }).waitFor();
    await seatName(rules(b.page), 2).fill('Officier van justitie (tweede pagina)');
    await rules(b.page).getByRole('button', { name: 'Eisen opslaan' }).click();
    const dialog = conflictOf(b.page);
    await dialog.getByText(/Officier van justitie \(eerste pagina\)/).waitFor();
    await dialog.getByText(/Officier van justitie \(tweede pagina\)/).waitFor();
    await expectAccessible(b.page, 'conflict over de standaardeisen');
    await screenshot(b.page, '72-standaardeisen-conflict');
    await dialog.getByRole('button', { name: 'Mijn versie houden' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rules(b.page).getByRole('status').filter({ hasText: 'De eisen zijn opgeslagen (3 zetels).' }).waitFor();
    const stored = await read('/api/region/composition-rules');
    expect((stored.compositionRules as Array<{ label: string }>).map((s) => s.label).slice(0, 2)).toEqual([
      'Burgemeester (tweede pagina)',
      'Officier van justitie (tweede pagina)',
    ]);
    expect(stored.version).toBe((before.version as number) + 4);

    // Words: each page changes another field; the stale save goes on top without asking.
    const wordsBefore = await read('/api/region');
    await words(a.page)
      .getByLabel(/^Naam van het bureau/)
      .fill('Bureau van de eerste');
    await words(a.page).getByRole('button', { name: 'Woorden opslaan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'De woorden van de regio zijn opgeslagen.' }).waitFor();
    await words(b.page)
      .getByLabel(/^Naam van de strategie/)
      .fill('Regionaal Beleidsplan Veiligheid');
    await words(b.page).getByRole('button', { name: 'Woorden opslaan' }).click();
    await b.page.getByRole('status').filter({ hasText: 'De woorden van de regio zijn opgeslagen.' }).waitFor();
    expect(await conflictOf(b.page).count()).toBe(0);
    expect(await read('/api/region')).toMatchObject({
      bureauName: 'Bureau van de eerste',
      strategyName: 'Regionaal Beleidsplan Veiligheid',
      version: (wordsBefore.version as number) + 2,
    });
    // The composition rules' version did not move with the words.
    expect((await read('/api/region/composition-rules')).version).toBe(stored.version);

    // Saved: leaving is not asked.
    await b.page.getByRole('link', { name: 'Gebruikers' }).first().click();
    await b.page.waitForURL('**/beheer/gebruikers');
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 180_000);

  it("saves a werkgroep's seats from two stale pages: the other's version can be taken, nothing is lost unseen", async () => {
    const { a, b } = await twoSecretariatPages();
    const editor = (page: Page) => page.getByRole('form', { name: 'Eisen aan de samenstelling' });
    for (const page of [a.page, b.page]) {
      await page.goto(`${t.url}/werkgroepen/${workgroupId}`);
      await page.getByRole('button', { name: 'Eisen aan de samenstelling bewerken' }).click();
      await seatName(editor(page), 1).waitFor();
    }
    const before = await read(`/api/workgroups/${workgroupId}`);
    const seats = (before.compositionRules as unknown[]).length;

    // The first page adds a seat.
    await editor(a.page).getByRole('button', { name: 'Zetel toevoegen' }).click();
    await seatName(editor(a.page), seats + 1).fill('Jongerenwerker');
    await editor(a.page).getByRole('button', { name: 'Eisen opslaan' }).click();
    await editor(a.page)
      .getByRole('status')
      .filter({ hasText: `De eisen zijn opgeslagen (${seats + 1} zetels).` })
      .waitFor();

    // The second page, stale, removes seat 1: asked, and takes the other's list.
    await editor(b.page).getByRole('button', { name: 'Zetel 1 verwijderen' }).click();
    await editor(b.page).getByRole('button', { name: 'Eisen opslaan' }).click();
    const dialog = conflictOf(b.page);
    await dialog.getByText(/Jongerenwerker/).waitFor();
    await dialog.getByRole('button', { name: 'Hun versie nemen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await seatName(editor(b.page), seats + 1).waitFor();
    expect(await seatName(editor(b.page), seats + 1).inputValue()).toBe('Jongerenwerker');
    const stored = await read(`/api/workgroups/${workgroupId}`);
    expect((stored.compositionRules as Array<{ label: string }>).map((s) => s.label)).toContain('Jongerenwerker');
    expect(stored.compositionRules).toHaveLength(seats + 1);

    // What the form shows is what is stored: leaving is not asked.
    await b.page.getByRole('link', { name: 'Acties' }).first().click();
    await b.page.waitForURL(`**/werkgroepen/${workgroupId}/acties`);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 180_000);

  it('saves a session from two stale pages, and keeps a planned session across a reload', async () => {
    const a = await pages.newPage();
    const b = await pages.newPage();
    await pages.login(a.page, AANJAGER);
    await pages.login(b.page, SECRETARIAAT);
    const sessions = `${t.url}/werkgroepen/${workgroupId}/sessies`;

    // Planning a session: the typed title and text survive a reload, with a notice.
    await a.page.goto(sessions);
    await a.page.getByRole('button', { name: 'Sessie plannen' }).click();
    const plan = a.page.getByRole('form', { name: 'Sessie plannen' });
    await plan.getByLabel(/^Titel/).fill('Werksessie tweeluik');
    await plan.getByLabel('Toelichting').fill('Twee pagina’s, één sessie.');
    await reloadAsked(a.page);
    await a.page.getByRole('button', { name: 'Sessie plannen' }).click();
    await plan.getByText(RESTORED).waitFor();
    expect(await plan.getByLabel(/^Titel/).inputValue()).toBe('Werksessie tweeluik');
    await plan.getByLabel('Datum').fill('2030-04-02');
    // The API's Dutch message shows next to the field it names.
    await plan.getByRole('button', { name: 'Sessie opslaan' }).click();
    await plan.getByText('Een geagendeerde sessie heeft een locatie of een online link.').waitFor();
    await plan.getByLabel('Locatie').fill('Stadhuis Nieuwegein');
    await plan.getByRole('button', { name: 'Sessie opslaan' }).click();
    await a.page.waitForURL(/\/sessies\/[0-9a-f-]{36}$/);
    const address = a.page.url();
    const sessionId = address.split('/').pop()!;
    expect(
      await a.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('koers.concept.'))),
    ).toEqual([]);

    // Both open "Sessie bewerken"; the first saves a location, the second (stale) changes the same field.
    const form = (page: Page) => page.getByRole('form', { name: 'Sessie bewerken' });
    await b.page.goto(address);
    for (const page of [a.page, b.page]) {
      await page.getByRole('button', { name: 'Sessie bewerken' }).click();
      await form(page)
        .getByLabel(/^Titel/)
        .waitFor();
    }
    const before = await read(`/api/sessions/${sessionId}`);
    await form(a.page).getByLabel('Locatie').fill('Stadhuis Utrecht');
    await form(a.page).getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'De sessie is opgeslagen.' }).waitFor();
    await form(b.page).getByLabel('Locatie').fill('Provinciehuis');
    await form(b.page).getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const dialog = conflictOf(b.page);
    await dialog.getByText('Stadhuis Utrecht').waitFor();
    await dialog.getByText('Provinciehuis').waitFor();
    await dialog.getByRole('button', { name: 'Mijn versie houden' }).click();
    await b.page.getByRole('status').filter({ hasText: 'De sessie is opgeslagen.' }).waitFor();
    expect(await read(`/api/sessions/${sessionId}`)).toMatchObject({
      location: 'Provinciehuis',
      version: (before.version as number) + 2,
    });
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 180_000);
});
