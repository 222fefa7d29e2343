import type { Locator, Page } from 'playwright-core';
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
 * The werkgroep at work in a real (headless) Chromium against the real API and its /live socket: a member
 * creates an action and a second browser context on the same werkgroep sees it appear without reload (and
 * a status change through the board); a session decision becomes an action that shows in the Acties list;
 * the kennisbank search and links; sessions that appear live; "Meer laden" under the action list; the
 * weekly e-mail setting; the notifications bell. axe-core on the Acties, Sessies, Kennisbank, Mijn
 * instellingen and Home pages.
 * Screenshots go to test-artifacts/browser/.
 */

const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const OVJ = 'ovj.ondermijning@demo.koers.nl';

describeWithBrowser('test/browser/werkgroep-work.spec.ts')('the werkgroep at work in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let ondermijningId: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    const token = await t.login('secretariaat@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    ondermijningId = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    )!.id;
    expect(ondermijningId).toBeDefined();
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t?.close();
  });

  /** Waits until the element has the keyboard focus. */
  const focused = (locator: Locator) =>
    eventually(async () => expect(await locator.evaluate((el) => el === document.activeElement)).toBe(true));
  const actionsTable = (page: Page) =>
    page.getByRole('table').filter({ has: page.locator('caption', { hasText: 'Acties van' }) });

  it('shows a new action to a second member live, without reload, and moves it on the board', async () => {
    const a = await pages.newPage();
    const b = await pages.newPage();
    await Promise.all([pages.login(a.page, AANJAGER), pages.login(b.page, OVJ)]);

    // Both open the Acties tab of the werkgroep (the OvJ through the tab link).
    await a.page.goto(`${t.url}/werkgroepen/${ondermijningId}/acties`);
    await b.page.goto(`${t.url}/werkgroepen/${ondermijningId}`);
    await b.page
      .getByRole('navigation', { name: 'Onderdelen van de werkgroep' })
      .getByRole('link', { name: 'Acties' })
      .click();
    await b.page.waitForURL(`**/werkgroepen/${ondermijningId}/acties`);
    await actionsTable(a.page).locator('tbody tr').first().waitFor();
    await actionsTable(b.page).locator('tbody tr').first().waitFor();
    // The seeded list has an overdue action, marked in text.
    expect(await actionsTable(a.page).getByText('Verlopen').count()).toBeGreaterThan(0);
    const bUrl = b.page.url();
    let bNavigations = 0;
    b.page.on('framenavigated', (frame) => {
      if (frame === b.page.mainFrame()) bNavigations++;
    });
    await screenshot(a.page, '20-acties-lijst');
    await expectAccessible(a.page, 'Acties');

    // The aanjager creates an action.
    const title = `Controle vastgoed Lelystad ${Date.now()}`;
    await a.page.getByRole('button', { name: 'Nieuwe actie' }).click();
    const form = a.page.locator('form', { has: a.page.getByRole('heading', { name: 'Nieuwe actie' }) });
    await form.getByLabel('Titel').fill(title);
    await form.getByLabel('Omschrijving').fill('Gezamenlijke controle met politie en gemeente.');
    await form.getByLabel('Deadline').fill('2030-06-30');
    await form.getByLabel('Prioriteit').selectOption({ label: 'Hoog' });
    await form.getByRole('button', { name: 'Actie aanmaken' }).click();
    await a.page
      .getByRole('status')
      .filter({ hasText: `Actie “${title}” is aangemaakt.` })
      .waitFor();
    await actionsTable(a.page).getByRole('button', { name: title }).waitFor();

    // The OvJ sees it appear without a reload.
    await actionsTable(b.page).getByRole('button', { name: title }).waitFor();
    expect(b.page.url()).toBe(bUrl);
    expect(bNavigations).toBe(0);
    await screenshot(b.page, '21-acties-live-tweede-browser');

    // The OvJ moves it on the board to "Geblokkeerd": a reason is asked; the aanjager sees the change live.
    await b.page.getByRole('button', { name: 'Bord per status' }).click();
    const board = b.page.getByRole('region', { name: 'Bord per status' });
    await board.waitFor();
    await board.getByLabel(new RegExp(`^Verplaats naar\\W+${title}$`)).selectOption({ label: 'Geblokkeerd' });
    const dialog = b.page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Reden/).fill('Wacht op gegevens van de Belastingdienst.');
    await dialog.getByRole('button', { name: 'Status wijzigen' }).click();
    await board
      .locator('section', { has: b.page.getByRole('heading', { name: /^Geblokkeerd/ }) })
      .getByRole('button', { name: title })
      .waitFor();
    await screenshot(b.page, '22-acties-bord');
    await expectAccessible(b.page, 'Acties (bord)');
    const rowA = actionsTable(a.page)
      .getByRole('row')
      .filter({ has: a.page.getByRole('button', { name: title }) });
    await rowA.getByText('Reden: Wacht op gegevens van de Belastingdienst.').waitFor();
    expect(await rowA.getByLabel(`Status: ${title}`).inputValue()).toBe('geblokkeerd');

    // Detail panel: the change history names the status change; a comment.
    await rowA.getByRole('button', { name: title }).click();
    const panel = a.page.locator('section.detail-panel');
    await panel.getByRole('heading', { name: `Actie: ${title}` }).waitFor();
    await panel.getByText(/Status: Open\s*→?\s*wordt\s*Geblokkeerd/).waitFor();
    await panel.getByLabel('Reactie').fill('Ik bel de Belastingdienst morgen.');
    await panel.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await panel.getByText('Ik bel de Belastingdienst morgen.').waitFor();
    await screenshot(a.page, '23-actie-detail');

    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 90_000);
  it('saves the same action from two stale pages without losing either: the conflict dialog lets one take theirs', async () => {
    const token = await t.login('aanjager.ondermijning@demo.koers.nl');
    const title = `Conflictactie ${Date.now()}`;
    const created = await t
      .http()
      .post(`/api/workgroups/${ondermijningId}/actions`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title })
      .expect(201);
    const address = `${t.url}/werkgroepen/${ondermijningId}/acties?actie=${created.body.id}`;
    const a = await pages.newPage();
    const b = await pages.newPage();
    await pages.login(a.page, 'aanjager.ondermijning@demo.koers.nl');
    await pages.login(b.page, 'ovj.ondermijning@demo.koers.nl');
    for (const page of [a.page, b.page]) {
      await page.goto(address);
      const panel = page.locator('section.detail-panel');
      await panel.getByRole('heading', { name: `Actie: ${title}` }).waitFor();
      await panel.getByRole('button', { name: `Bewerken actie ${title}` }).click();
      await panel.getByLabel('Omschrijving').waitFor();
    }
    const panelA = a.page.locator('section.detail-panel');
    const panelB = b.page.locator('section.detail-panel');

    await panelA.getByLabel('Omschrijving').fill('Omschrijving van de aanjager');
    await panelA.getByRole('button', { name: 'Opslaan' }).click();
    await a.page
      .getByRole('status')
      .filter({ hasText: `De actie van “${title}” is opgeslagen.` })
      .waitFor();

    // The officier's form was opened before that save: the description clashes, the priority does not.
    await panelB.getByLabel('Omschrijving').fill('Omschrijving van de officier');
    await panelB.getByLabel('Prioriteit').selectOption({ label: 'Hoog' });
    await panelB.getByRole('button', { name: 'Opslaan' }).click();
    const conflict = b.page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });
    await conflict.getByText('Omschrijving van de aanjager').waitFor();
    await conflict.getByText('Omschrijving van de officier').waitFor();
    await screenshot(b.page, '24-actie-conflict');
    await conflict.getByRole('button', { name: 'Hun versie nemen' }).click();
    await b.page
      .getByRole('status')
      .filter({ hasText: `De actie van “${title}” is opgeslagen.` })
      .waitFor();

    const stored = await t
      .http()
      .get(`/api/actions/${created.body.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(stored.body).toMatchObject({ description: 'Omschrijving van de aanjager', priority: 'hoog', version: 3 });
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 90_000);

  it('shows my actions, what needs my attention and a live notifications bell on the home page', async () => {
    const ovjToken = await t.login(OVJ);
    const ovjMe = await t.http().get('/api/me').set('Authorization', `Bearer ${ovjToken}`).expect(200);
    const ovjId = (ovjMe.body as { user: { id: string } }).user.id;

    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, OVJ);
    await page.getByRole('heading', { level: 2, name: 'Mijn acties' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Vraagt uw aandacht' }).waitFor();
    await page
      .getByRole('table', { name: /Mijn openstaande acties/ })
      .locator('tbody tr')
      .first()
      .waitFor();
    const bell = page.getByRole('button', { name: /^Meldingen.*ongelezen$/ });
    await bell.waitFor();
    const before = Number(await bell.getAttribute('data-unread'));

    // The aanjager hands the OvJ a new action: the bell counts up live, without reload.
    const title = `Bestuurlijke rapportage aanleveren ${Date.now()}`;
    const aanjager = await t.login(AANJAGER);
    await t
      .http()
      .post(`/api/workgroups/${ondermijningId}/actions`)
      .set('Authorization', `Bearer ${aanjager}`)
      .send({ title, ownerId: ovjId, dueDate: '2030-01-31' })
      .expect(201);
    await page.waitForFunction(
      (expected) => Number(document.querySelector('.bell-button')?.getAttribute('data-unread')) >= expected,
      before + 1,
    );
    await bell.click();
    const panel = page.getByRole('region', { name: 'Meldingen' });
    await panel.getByRole('link', { name: title }).waitFor();
    await screenshot(page, '30-home-meldingen');
    await expectAccessible(page, 'Home (meldingen open)');
    await panel.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await page.getByRole('button', { name: /^Meldingen.*geen ongelezen$/ }).waitFor();
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);

    // The new action is among my actions after a reload, and the link opens it in the Acties tab.
    await page.reload();
    const mine = page.getByRole('table', { name: /Mijn openstaande acties/ });
    await mine.getByRole('link', { name: title }).click();
    await page.waitForURL(/\/acties\?actie=/);
    await page.getByRole('heading', { name: `Actie: ${title}` }).waitFor();
    await page.goto(t.url + '/');
    await page.getByRole('heading', { level: 2, name: 'Mijn acties' }).waitFor();
    await screenshot(page, '31-home');
    await expectAccessible(page, 'Home');
    expect(pageErrors).toEqual([]);
  }, 90_000);
  it('plans a session agenda and turns a decision into actions that show in the Acties list', async () => {
    const { page, context, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    await page.goto(`${t.url}/werkgroepen/${ondermijningId}/sessies`);
    const list = page.getByRole('table').filter({ has: page.locator('caption', { hasText: 'Sessies van' }) });
    await list.locator('tbody tr').first().waitFor();
    await screenshot(page, '40-sessies');
    await expectAccessible(page, 'Sessies');

    // Plan a new session through the form; it opens on its own page.
    await page.getByRole('button', { name: 'Sessie plannen' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Sessie plannen' }) });
    const title = `Werksessie witwassen ${Date.now()}`;
    await form.getByLabel('Titel').fill(title);
    await form.getByLabel('Soort').selectOption({ label: 'Werksessie' });
    await form.getByLabel('Datum').fill('2030-03-12');
    await form.getByLabel('Begintijd').fill('09:30');
    await form.getByLabel('Eindtijd').fill('11:00');
    await form.getByLabel('Locatie').fill('Stadhuis Utrecht');
    await form.getByRole('button', { name: 'Sessie opslaan' }).click();
    await page.waitForURL(/\/sessies\/[0-9a-f-]{36}$/);
    const sessionId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/12 maart 2030 om 09:30/);

    // Agenda: two items, the second moved up with the keyboard-usable button.
    const agendaForm = page.locator('form', { has: page.getByRole('heading', { name: 'Agendapunt toevoegen' }) });
    await agendaForm.getByLabel('Titel agendapunt').fill('Opening en mededelingen');
    await agendaForm.getByLabel('Minuten').fill('10');
    await agendaForm.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: '“Opening en mededelingen” staat op de agenda.' }).waitFor();
    await agendaForm.getByLabel('Titel agendapunt').fill('Aanpak witwassen via vastgoed');
    await agendaForm.getByLabel('Minuten').fill('45');
    await agendaForm.getByLabel('Uitkomst').selectOption({ label: 'Besluit' });
    await agendaForm.getByRole('button', { name: 'Toevoegen' }).click();
    const agenda = page
      .locator('section', { has: page.getByRole('heading', { name: /^Agenda/ }) })
      .locator('ol.agenda-list > li');
    await agenda.nth(1).waitFor();
    await page.getByRole('button', { name: /^Omhoog\W+Aanpak witwassen via vastgoed$/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'naar plaats 1' }).waitFor();
    expect(await agenda.locator('strong').allTextContents()).toEqual([
      'Aanpak witwassen via vastgoed',
      'Opening en mededelingen',
    ]);

    // A decision, then "Maak acties" with two drafts.
    await page
      .getByRole('textbox', { name: /^Besluit/ })
      .fill('De werkgroep start een gezamenlijke aanpak van witwassen via vastgoed.');
    await page.getByLabel('Bij agendapunt').selectOption({ label: 'Aanpak witwassen via vastgoed' });
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'Het besluit is vastgelegd.' }).waitFor();
    await page.getByRole('button', { name: /^Maak acties/ }).click();
    const actionOne = `Vastgoedtransacties analyseren ${Date.now()}`;
    const actionTwo = `Casusoverleg plannen ${Date.now()}`;
    await page.getByLabel('Titel actie 1').fill(actionOne);
    await page.getByLabel('Deadline actie 1').fill('2030-04-30');
    await page.getByRole('button', { name: 'Nog een actie' }).click();
    await page.getByLabel('Titel actie 2').fill(actionTwo);
    await page.getByRole('button', { name: 'Acties aanmaken' }).click();
    await page.getByRole('status').filter({ hasText: '2 acties zijn gemaakt.' }).waitFor();
    const decisions = page.locator('ol.decisions');
    await decisions.getByRole('link', { name: actionOne }).waitFor();
    await decisions.getByRole('link', { name: actionTwo }).waitFor();
    await screenshot(page, '41-sessie');
    await expectAccessible(page, 'Sessie');

    // The invitation and the export are there.
    const ics = await context.request.get(`${t.url}/api/sessions/${sessionId}/invite.ics`);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    expect(await page.getByRole('link', { name: /Uitnodiging downloaden/ }).getAttribute('href')).toBe(
      `/api/sessions/${sessionId}/invite.ics`,
    );

    // The link opens the action in the Acties tab; both actions are in the list, from the decision.
    await decisions.getByRole('link', { name: actionOne }).click();
    await page.waitForURL(/\/acties\?actie=/);
    const panel = page.locator('section.detail-panel');
    await panel.getByRole('heading', { name: `Actie: ${actionOne}` }).waitFor();
    expect(await panel.textContent()).toMatch(/Besluit in een sessie/);
    const table = page.getByRole('table').filter({ has: page.locator('caption', { hasText: 'Acties van' }) });
    await table.getByRole('button', { name: actionOne }).waitFor();
    await table.getByRole('button', { name: actionTwo }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);
  it('searches the kennisbank with highlighted, safely rendered snippets and lets a member add an item', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    await page.goto(`${t.url}/werkgroepen/${ondermijningId}/kennisbank`);
    await page.getByRole('heading', { level: 2, name: /^Kennisbank/ }).waitFor();
    const results = page.locator('ul.search-results > li');
    await results.first().waitFor();

    // Full-text search: "mensenhandel" finds the signaaltafel, with the match marked.
    const search = page.getByRole('search', { name: 'Kennisbank doorzoeken' });
    await search.getByRole('searchbox', { name: /Zoeken/ }).fill('mensenhandel');
    await search.getByRole('button', { name: 'Zoeken' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /resultaten? voor “mensenhandel”/ })
      .waitFor();
    await results.locator('mark').first().waitFor();
    expect((await results.locator('mark').first().textContent())?.toLowerCase()).toContain('mensenhandel');
    expect(await page.locator('main').textContent()).not.toContain('<mark>');
    await screenshot(page, '50-kennisbank-zoeken');
    await expectAccessible(page, 'Kennisbank');

    // A member adds an item whose title looks like markup: it stays text when found.
    const title = `Buurtpreventie <b>ondermijning</b> ${Date.now()}`;
    await page.getByRole('button', { name: 'Interventie toevoegen' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Interventie toevoegen' }) });
    await form.getByLabel(/^Titel/).fill(title);
    await form
      .getByLabel('Omschrijving')
      .fill('Bewoners signaleren ondermijning in hun wijk en melden via een vaste contactpersoon.');
    await form.getByLabel('Trefwoorden').fill('wijk, signalering');
    await form.getByLabel('Status').selectOption({ label: 'Pilot' });
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'is toegevoegd aan de kennisbank' }).waitFor();
    await search.getByRole('searchbox', { name: /Zoeken/ }).fill('buurtpreventie');
    await search.getByRole('button', { name: 'Zoeken' }).click();
    const hit = results.filter({ hasText: 'Buurtpreventie' });
    await hit.first().waitFor();
    expect(await hit.first().locator('h3').textContent()).toContain('<b>ondermijning</b>');
    expect(await hit.first().locator('h3 b').count()).toBe(0);
    await hit.first().locator('h3 mark').first().waitFor();

    // Filter by status.
    await search.getByRole('searchbox', { name: /Zoeken/ }).fill('');
    await page.getByLabel('Status').first().selectOption({ label: 'Pilot' });
    await hit.first().waitFor();
    for (const text of await results.locator('p.small').filter({ hasText: 'Status:' }).allTextContents())
      expect(text).toMatch(/Status: Pilot/);
    expect(pageErrors).toEqual([]);
  }, 90_000);
  it('follows sessions live, adds links to a kennisbank item, loads more actions and keeps the weekly e-mail setting', async () => {
    const aanjagerToken = await t.login(AANJAGER);
    const as = { Authorization: `Bearer ${aanjagerToken}` };
    const a = await pages.newPage();
    const b = await pages.newPage();
    await Promise.all([pages.login(a.page, AANJAGER), pages.login(b.page, OVJ)]);

    // Sessies: a session planned and removed elsewhere appears and disappears without reload.
    await b.page.goto(`${t.url}/werkgroepen/${ondermijningId}/sessies`);
    await b.page.getByRole('heading', { level: 2, name: 'Sessies' }).waitFor();
    let navigations = 0;
    b.page.on('framenavigated', (frame) => {
      if (frame === b.page.mainFrame()) navigations += 1;
    });
    const startsAt = new Date(Date.now() + 9 * 86_400_000);
    const session = (
      await t
        .http()
        .post(`/api/workgroups/${ondermijningId}/sessions`)
        .set(as)
        .send({
          type: 'kennissessie',
          title: 'Live verschenen kennissessie',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        })
        .expect(201)
    ).body as { id: string };
    const row = b.page.getByRole('row').filter({ hasText: 'Live verschenen kennissessie' });
    await row.waitFor();
    await t.http().post(`/api/sessions/${session.id}/agenda`).set(as).send({ title: 'Opening' }).expect(201);
    await row.getByRole('cell').nth(3).filter({ hasText: '1' }).waitFor();
    await t.http().delete(`/api/sessions/${session.id}`).set(as).expect(204);
    await row.waitFor({ state: 'detached' });
    expect(navigations).toBe(0);

    // Kennisbank: link rows with a description and an https address, refused in the browser when not https.
    await a.page.goto(`${t.url}/werkgroepen/${ondermijningId}/kennisbank`);
    await a.page.getByRole('button', { name: 'Interventie toevoegen' }).click();
    const form = a.page.locator('form', { has: a.page.getByRole('heading', { name: 'Interventie toevoegen' }) });
    const title = `Integriteitsscan vastgoed ${Date.now()}`;
    await form.getByLabel(/^Titel/).fill(title);
    await form.getByRole('button', { name: 'Link toevoegen' }).click();
    await focused(form.getByLabel('Omschrijving link 1'));
    await form.getByLabel('Omschrijving link 1').fill('Handreiking');
    await form.getByLabel(/^Adres link 1/).fill('http://onveilig.example.nl');
    await form.getByRole('button', { name: 'Link toevoegen' }).click();
    await form.getByLabel('Omschrijving link 2').fill('Wordt weer verwijderd');
    await form.getByRole('button', { name: /^Verwijderen\s*: link 2$/ }).click();
    expect(await form.getByLabel('Omschrijving link 2').count()).toBe(0);
    await expectAccessible(a.page, 'Kennisbank-formulier met links');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.getByText('Gebruik een volledige https-link').waitFor();
    await focused(form.getByLabel(/^Adres link 1/));
    await form.getByLabel(/^Adres link 1/).fill('https://www.example.nl/handreiking');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'is toegevoegd aan de kennisbank' }).waitFor();
    const item = a.page.locator('ul.search-results > li').filter({ hasText: title });
    const link = item.getByRole('link', { name: /Handreiking/ });
    expect(await link.getAttribute('href')).toBe('https://www.example.nl/handreiking');
    await screenshot(a.page, '55-kennisbank-links');

    // Acties: the first 100, then "Meer laden" brings the rest.
    const token = await t.login('secretariaat@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    const cyberId = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Digitale veiligheid',
    )!.id;
    const cyberToken = await t.login('aanjager.cyber@demo.koers.nl');
    for (let i = 0; i < 101; i++) {
      await t
        .http()
        .post(`/api/workgroups/${cyberId}/actions`)
        .set('Authorization', `Bearer ${cyberToken}`)
        .send({ title: `Actie om te pagineren ${i}` })
        .expect(201);
    }
    const c = await pages.newPage();
    await pages.login(c.page, 'aanjager.cyber@demo.koers.nl');
    await c.page.goto(`${t.url}/werkgroepen/${cyberId}/acties`);
    const count = c.page.getByText(/^\d+ van \d+ acties getoond$/);
    await count.waitFor();
    const [, shown, total] = /^(\d+) van (\d+)/.exec((await count.textContent())!)!.map(Number);
    expect(shown).toBe(100);
    expect(total).toBeGreaterThan(101);
    expect(await actionsTable(c.page).locator('tbody tr').count()).toBe(100);
    await c.page.getByRole('button', { name: 'Meer laden' }).click();
    await c.page.getByText(`${total} van ${total} acties getoond`).waitFor();
    expect(await actionsTable(c.page).locator('tbody tr').count()).toBe(total);
    expect(await c.page.getByRole('button', { name: 'Meer laden' }).count()).toBe(0);
    await focused(c.page.getByText(`${total} van ${total} acties getoond`));

    // Mijn instellingen: the weekly e-mail, off and saved (this test server sends no e-mail and says so).
    await a.page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Mijn instellingen' })
      .click();
    await a.page.getByRole('heading', { level: 1, name: 'Mijn instellingen' }).waitFor();
    const checkbox = a.page.getByRole('checkbox', { name: 'Stuur mij de wekelijkse e-mail' });
    expect(await checkbox.isChecked()).toBe(true);
    await a.page.getByText('verstuurt (nog) geen e-mail').waitFor();
    await expectAccessible(a.page, 'Mijn instellingen');
    await checkbox.uncheck();
    await a.page.getByRole('button', { name: 'Opslaan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'u krijgt geen wekelijkse e-mail' }).waitFor();
    await a.page.reload();
    await a.page.getByRole('heading', { level: 1, name: 'Mijn instellingen' }).waitFor();
    expect(await a.page.getByRole('checkbox', { name: 'Stuur mij de wekelijkse e-mail' }).isChecked()).toBe(false);
    expect([...a.pageErrors, ...b.pageErrors, ...c.pageErrors]).toEqual([]);
  }, 120_000);

  it('gives a waarnemer a read-only action list and an RVC member no working content', async () => {
    const token = await t.login('secretariaat@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    const onrustId = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Maatschappelijke onrust',
    )!.id;

    const w = await pages.newPage();
    await pages.login(w.page, 'waarnemer.onrust@demo.koers.nl');
    await w.page.goto(`${t.url}/werkgroepen/${onrustId}/acties`);
    const table = actionsTable(w.page);
    await table.locator('tbody tr').first().waitFor();
    expect(await w.page.getByRole('button', { name: 'Nieuwe actie' }).count()).toBe(0);
    expect(await table.locator('select, input').count()).toBe(0);
    await w.page.goto(`${t.url}/werkgroepen/${onrustId}/sessies`);
    await w.page.getByRole('heading', { level: 2, name: 'Sessies' }).waitFor();
    expect(await w.page.getByRole('button', { name: 'Sessie plannen' }).count()).toBe(0);

    const r = await pages.newPage();
    await pages.login(r.page, 'rvc@demo.koers.nl');
    await r.page.goto(`${t.url}/werkgroepen/${ondermijningId}/acties`);
    await r.page
      .getByRole('alert')
      .filter({ hasText: /geen toegang/i })
      .waitFor();
    expect(await r.page.getByRole('table').count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
    expect(r.pageErrors).toEqual([]);
  }, 60_000);
});
