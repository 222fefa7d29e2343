import type { Page } from 'playwright-core';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeWithBrowser, launchChromium, screenshot } from './support/browser-harness';

/**
 * Forms that never lose what people typed (issue #12), in a real Chromium against the real API: a kennisbank
 * item saved from two stale pages (two browser contexts) keeps both changes and asks only about the field both
 * changed; a werkgroep and a user saved from two stale pages show the same conflict dialog; the kennisbank, action, strategy and werkgroep forms ask before leaving and keep their input in the
 * browser across a reload; the user and organisation forms ask before leaving.
 */

const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const SECRETARIAAT = 'secretariaat@demo.koers.nl';
const WORKGROUP = 'Bestuurlijke werkgroep Ondermijning';
const LEAVE_DIALOG = 'Niet-opgeslagen wijzigingen';
const RESTORED = 'Uw niet-opgeslagen invoer van een eerder bezoek is teruggezet.';

describeWithBrowser('test/browser/forms.spec.ts')('forms that never lose what people typed', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let workgroupId: string;
  let themeId: string;
  let secretariatToken: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    secretariatToken = await t.login(SECRETARIAAT);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${secretariatToken}`);
    const workgroup = (workgroups.body as Array<{ id: string; name: string; themeId: string }>).find(
      (w) => w.name === WORKGROUP,
    )!;
    workgroupId = workgroup.id;
    themeId = workgroup.themeId;
  }, 120_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  /** Clicks a link and expects the leave dialog; `stay` cancels it, otherwise the person leaves. */
  async function leaveBy(page: Page, click: () => Promise<void>, choice: 'stay' | 'leave') {
    await click();
    const dialog = page.getByRole('dialog', { name: LEAVE_DIALOG });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: choice === 'stay' ? 'Annuleren' : 'Weggaan zonder opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** The Bewerken button of a kennisbank item in the results. */
  const editButton = (page: Page, title: string) =>
    page
      .locator('ul.search-results > li')
      .filter({ hasText: title })
      .getByRole('button', { name: /^Bewerken/ });

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

  it('saves a kennisbank item from two stale pages without losing either, asks before leaving and keeps a draft', async () => {
    const created = await t
      .http()
      .post(`/api/themes/${themeId}/knowledge`)
      .set('Authorization', `Bearer ${secretariatToken}`)
      .send({ title: 'Formulierentest wijkaanpak', description: 'Eerste omschrijving.' })
      .expect(201);
    const title = created.body.title as string;
    const address = `${t.url}/werkgroepen/${workgroupId}/kennisbank?zoek=Formulierentest`;
    const a = await pages.newPage();
    const b = await pages.newPage();
    await pages.login(a.page, AANJAGER);
    await pages.login(b.page, SECRETARIAAT);
    const forms: Record<'a' | 'b', ReturnType<Page['locator']>> = {} as never;
    for (const [name, page] of [
      ['a', a.page],
      ['b', b.page],
    ] as const) {
      await page.goto(address);
      await page.getByRole('status').filter({ hasText: '1 resultaat voor “Formulierentest”' }).waitFor();
      await editButton(page, title).click();
      forms[name] = page.locator('form', { has: page.getByRole('heading', { name: `Bewerken: ${title}` }) });
      await forms[name].getByLabel('Omschrijving').waitFor();
    }

    // The aanjager saves a new description.
    await forms.a.getByLabel('Omschrijving').fill('Omschrijving van de aanjager.');
    await forms.a.getByRole('button', { name: 'Opslaan' }).click();
    await a.page
      .getByRole('status')
      .filter({ hasText: `“${title}” is opgeslagen.` })
      .waitFor();

    // The secretariat's form is stale: its tags go through unasked, its description clashes and is asked about.
    await forms.b.getByLabel('Trefwoorden').fill('wijk, preventie');
    await forms.b.getByLabel('Omschrijving').fill('Omschrijving van het secretariaat.');
    await forms.b.getByRole('button', { name: 'Opslaan' }).click();
    const conflict = b.page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });
    await conflict.getByText('Omschrijving van de aanjager.').waitFor();
    await conflict.getByText('Omschrijving van het secretariaat.').waitFor();
    await screenshot(b.page, '70-kennisbank-conflict');
    await conflict.getByRole('button', { name: 'Hun versie nemen' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `“${title}” is opgeslagen.` })
      .waitFor();
    const stored = await t
      .http()
      .get(`/api/knowledge/${created.body.id}`)
      .set('Authorization', `Bearer ${secretariatToken}`)
      .expect(200);
    expect(stored.body).toMatchObject({ description: 'Omschrijving van de aanjager.', tags: ['wijk', 'preventie'] });
    expect(stored.body.version).toBe(3);

    // Unsaved input: the Acties tab asks first; staying keeps the text.
    await editButton(a.page, title).click();
    await forms.a.getByLabel('Omschrijving').fill('Nog niet opgeslagen omschrijving.');
    const actiesTab = () =>
      a.page
        .getByRole('navigation', { name: 'Onderdelen van de werkgroep' })
        .getByRole('link', { name: 'Acties' })
        .click();
    await leaveBy(a.page, actiesTab, 'stay');
    expect(await forms.a.getByLabel('Omschrijving').inputValue()).toBe('Nog niet opgeslagen omschrijving.');

    // A reload asks the browser's question; opening the form again brings the text back, with a notice.
    await reloadAsked(a.page);
    await editButton(a.page, title).click();
    await forms.a.getByText(RESTORED).waitFor();
    expect(await forms.a.getByLabel('Omschrijving').inputValue()).toBe('Nog niet opgeslagen omschrijving.');
    // The other fields are the stored ones (the tags the secretariat saved after this page first loaded).
    expect(await forms.a.getByLabel('Trefwoorden').inputValue()).toBe('wijk, preventie');

    // Throwing the draft away puts back what is stored; leaving is then not asked.
    await forms.a.getByRole('button', { name: 'Concept weggooien' }).click();
    expect(await forms.a.getByLabel('Omschrijving').inputValue()).toBe('Omschrijving van de aanjager.');
    await actiesTab();
    await a.page.waitForURL(`**/werkgroepen/${workgroupId}/acties`);
    expect(
      await a.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('koers.concept.'))),
    ).toEqual([]);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 120_000);

  it("keeps an action's unsaved description across a reload: the form reopens with it", async () => {
    const token = await t.login(AANJAGER);
    const created = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/actions`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Actie met concept' })
      .expect(201);
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/acties?actie=${created.body.id}`);
    const panel = page.locator('section.detail-panel');
    await panel.getByRole('button', { name: 'Bewerken actie Actie met concept' }).click();
    await panel.getByLabel('Omschrijving').fill('Half geschreven omschrijving');
    await reloadAsked(page);
    await panel.getByText(RESTORED).waitFor();
    expect(await panel.getByLabel('Omschrijving').inputValue()).toBe('Half geschreven omschrijving');
    await panel.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De actie van “Actie met concept” is opgeslagen.' }).waitFor();
    const stored = await t
      .http()
      .get(`/api/actions/${created.body.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(stored.body.description).toBe('Half geschreven omschrijving');
    // Saved: nothing is kept any more, and the page reloads without asking.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('koers.concept.')))).toEqual(
      [],
    );
    await page.reload();
    await panel.getByRole('button', { name: 'Bewerken actie Actie met concept' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('guards the strategy, werkgroep, user and organisation forms of the secretariat', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, SECRETARIAAT);
    const beheer = (name: string) => () =>
      page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name, exact: true }).click();

    // Strategy: long texts survive a reload.
    await page.goto(`${t.url}/strategie`);
    await page.getByRole('button', { name: 'Strategie bewerken' }).click();
    const strategyForm = page.locator('form', { has: page.locator('#strategie-form-kop') });
    // The strategy's texts are rich text (a Tiptap editor): typed as two paragraphs.
    const principles = strategyForm.getByRole('textbox', { name: 'Uitgangspunten', exact: true });
    await principles.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Eerst samenwerken');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Dan handhaven');
    await reloadAsked(page);
    await page.getByRole('button', { name: 'Strategie bewerken' }).click();
    await strategyForm.getByText(RESTORED).waitFor();
    await principles.getByText('Dan handhaven').waitFor();
    expect(await principles.locator('p').allTextContents()).toEqual(['Eerst samenwerken', 'Dan handhaven']);
    await strategyForm.getByRole('button', { name: 'Annuleren' }).click();

    // Werkgroep: the description survives a reload; a link out of Beheer asks first.
    await page.goto(`${t.url}/beheer/werkgroepen`);
    await page.getByRole('button', { name: `Bewerken ${WORKGROUP}` }).click();
    const workgroupForm = page.locator('form', { has: page.locator('#werkgroep-form-kop') });
    await workgroupForm.getByLabel('Omschrijving').fill('Nieuwe omschrijving van de werkgroep');
    await leaveBy(page, beheer('Gebruikers'), 'stay');
    await reloadAsked(page);
    await page.getByRole('button', { name: `Bewerken ${WORKGROUP}` }).click();
    await workgroupForm.getByText(RESTORED).waitFor();
    expect(await workgroupForm.getByLabel('Omschrijving').inputValue()).toBe('Nieuwe omschrijving van de werkgroep');
    await workgroupForm.getByRole('button', { name: 'Opslaan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Werkgroep ${WORKGROUP} is opgeslagen.` })
      .waitFor();

    // User: a changed name asks before leaving; leaving anyway goes.
    const users = await t.http().get('/api/users').set('Authorization', `Bearer ${secretariatToken}`).expect(200);
    const aanjager = (users.body as Array<{ id: string; email: string }>).find((u) => u.email === AANJAGER)!;
    await page.goto(`${t.url}/beheer/gebruikers/${aanjager.id}`);
    await page.getByLabel(/^Naam/).fill('Andere naam');
    await leaveBy(page, beheer('Organisaties'), 'leave');
    await page.waitForURL('**/beheer/organisaties');

    // Organisation: the same.
    await page
      .getByRole('button', { name: /^Bewerken / })
      .first()
      .click();
    const organisationForm = page.locator('form', { has: page.locator('#organisatie-form-kop') });
    await organisationForm.getByLabel(/^Naam/).fill('Gemeente Nergenshuizen');
    await leaveBy(page, beheer('Gebruikers'), 'stay');
    expect(await organisationForm.getByLabel(/^Naam/).inputValue()).toBe('Gemeente Nergenshuizen');
    await organisationForm.getByRole('button', { name: 'Annuleren' }).click();
    await beheer('Gebruikers')();
    await page.waitForURL('**/beheer/gebruikers');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('saves a werkgroep and a user from two stale pages: the conflict dialog asks, nothing is overwritten unseen', async () => {
    const auth = { Authorization: `Bearer ${secretariatToken}` };
    const name = 'Formulierentest werkgroep';
    const group = await t.http().post('/api/workgroups').set(auth).send({ name, description: 'Begin.' }).expect(201);
    const organisations = await t.http().get('/api/organisations?type=bureau').set(auth).expect(200);
    const person = await t
      .http()
      .post('/api/users')
      .set(auth)
      .send({
        email: 'formulierentest@example.nl',
        displayName: 'Formulieren Test',
        function: 'overig',
        organisationId: organisations.body[0].id,
      })
      .expect(201);
    const versionOf = async (path: string) => (await t.http().get(path).set(auth).expect(200)).body.version as number;
    const groupVersion = await versionOf(`/api/workgroups/${group.body.id}`);
    const userVersion = await versionOf(`/api/users/${person.body.id}`);
    const a = await pages.newPage();
    const b = await pages.newPage();
    await pages.login(a.page, SECRETARIAAT);
    await pages.login(b.page, SECRETARIAAT);
    const conflictOf = (page: Page) => page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });

    // Werkgroep: both open the form; the first save goes through, the stale one is asked about.
    const workgroupForm = (page: Page) => page.locator('form', { has: page.locator('#werkgroep-form-kop') });
    for (const page of [a.page, b.page]) {
      await page.goto(`${t.url}/beheer/werkgroepen`);
      await page.getByRole('button', { name: `Bewerken ${name}` }).click();
      await workgroupForm(page).getByLabel('Omschrijving').waitFor();
    }
    await workgroupForm(a.page).getByLabel('Omschrijving').fill('Omschrijving van de eerste.');
    await workgroupForm(a.page).getByRole('button', { name: 'Opslaan' }).click();
    await a.page
      .getByRole('status')
      .filter({ hasText: `Werkgroep ${name} is opgeslagen.` })
      .waitFor();
    await workgroupForm(b.page).getByLabel('Omschrijving').fill('Omschrijving van de tweede.');
    await workgroupForm(b.page).getByRole('button', { name: 'Opslaan' }).click();
    const groupConflict = conflictOf(b.page);
    await groupConflict.getByText('Omschrijving van de eerste.').waitFor();
    await groupConflict.getByText('Omschrijving van de tweede.').waitFor();
    await screenshot(b.page, '71-werkgroep-conflict');
    await groupConflict.getByRole('button', { name: 'Mijn versie houden' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `Werkgroep ${name} is opgeslagen.` })
      .waitFor();
    const storedGroup = await t.http().get(`/api/workgroups/${group.body.id}`).set(auth).expect(200);
    expect(storedGroup.body).toMatchObject({
      description: 'Omschrijving van de tweede.',
      version: groupVersion + 2,
    });

    // User: the same on the user's page; taking the other's version shows it in the form.
    const userForm = (page: Page) => page.locator('form', { has: page.locator('#gegevens-kop') });
    for (const page of [a.page, b.page]) {
      await page.goto(`${t.url}/beheer/gebruikers/${person.body.id}`);
      await userForm(page).getByLabel(/^Naam/).waitFor();
    }
    await userForm(a.page).getByLabel(/^Naam/).fill('Naam van de eerste');
    await userForm(a.page).getByRole('button', { name: 'Opslaan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'De gegevens zijn opgeslagen.' }).waitFor();
    await userForm(b.page).getByLabel(/^Naam/).fill('Naam van de tweede');
    await userForm(b.page).getByRole('button', { name: 'Opslaan' }).click();
    const userConflict = conflictOf(b.page);
    await userConflict.getByText('Naam van de eerste').waitFor();
    await userConflict.getByText('Naam van de tweede').waitFor();
    await userConflict.getByRole('button', { name: 'Hun versie nemen' }).click();
    await userConflict.waitFor({ state: 'detached' });
    expect(await userForm(b.page).getByLabel(/^Naam/).inputValue()).toBe('Naam van de eerste');
    const storedUser = await t.http().get(`/api/users/${person.body.id}`).set(auth).expect(200);
    expect(storedUser.body).toMatchObject({ displayName: 'Naam van de eerste', version: userVersion + 1 });
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 120_000);

  it('starts a report from the last accepted one, marks what is carried over and names what is not done on submit', async () => {
    const workgroup = await t
      .http()
      .get(`/api/workgroups/${workgroupId}`)
      .set('Authorization', `Bearer ${secretariatToken}`)
      .expect(200);
    const cycle = await t
      .http()
      .post('/api/reporting-cycles')
      .set('Authorization', `Bearer ${secretariatToken}`)
      .send({
        strategyId: workgroup.body.theme.strategyId,
        title: 'Overnamecyclus',
        meetingDate: '2031-09-20',
        reportDeadline: '2031-09-01',
      })
      .expect(201);
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/voortgang?cyclus=${cycle.body.id}`);
    await page.getByRole('button', { name: 'Rapportage aanmaken' }).click();
    const form = page.getByRole('form', { name: 'Rapportage bewerken' });
    await form.waitFor();
    const from = 'RVC-vergadering vorige periode (demo)';
    await page
      .getByRole('note')
      .filter({ hasText: `geaccepteerde rapportage van ${from}` })
      .waitFor();
    const marks = form.getByText(`Overgenomen uit ${from}; nog niet bijgewerkt.`);
    const carried = await marks.count();
    expect(carried).toBeGreaterThan(1);
    expect(await form.getByLabel('Samenvatting').inputValue()).not.toBe('');

    // Writing a new summary takes its mark away.
    await form.getByLabel('Samenvatting').fill('Nieuwe periode: nieuwe samenvatting.');
    expect(await marks.count()).toBe(carried - 1);
    await screenshot(page, '71-voortgang-overgenomen');

    // Submitting saves first, then names what is still carried over; cancelling keeps it a concept.
    await page.getByRole('button', { name: 'Indienen', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Rapportage indienen?' });
    const list = confirm.getByRole('list', { name: 'Nog niet af' });
    await list.waitFor();
    // The narrative was carried over too (a copy of the accepted report's shared document), unchanged so far.
    await list.getByText(/^Gezamenlijke toelichting.*ongewijzigd overgenomen van de vorige rapportage/).waitFor();
    expect(await list.getByText(/ongewijzigd overgenomen van de vorige rapportage/).count()).toBeGreaterThan(0);
    expect(await list.getByText(/^Samenvatting/).count()).toBe(0);
    await screenshot(page, '72-voortgang-indienen-nog-niet-af');
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    expect(await page.locator('.report-state').textContent()).toContain('Concept');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
