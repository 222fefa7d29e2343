import type { Page } from 'playwright-core';
import type { BodySummary, ConsultationDetail, ContributionList, InventoryDetail } from '@koers/contracts';
import { addDays, todayInNetherlands } from '@koers/core';
import { Api, DEMO, expectStatus, unique } from '../support/api-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeWithBrowser, expectAccessible, launchChromium } from './support/browser-harness';

/**
 * The secretariat's forms of the strategy cycle at 390 px (docs/strategy-cycle.md): naming the contact people
 * of a consultation and of an inventory, changing a consultation after the offer (with the unsaved-changes
 * guard, the draft kept in the browser, and the history), changing a contribution typed in Dutch notation (one
 * form at a time, Escape cancels), and the inventory's questions to bodies with each body chosen from a list.
 */
describeWithBrowser('test/browser/strategy-cycle-forms.spec.ts')('strategy cycle: the secretariat’s forms', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let api: Api;
  const PHONE = { width: 390, height: 844 };

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }), launchChromium()]);
    t = app;
    api = new Api(t);
    pages = new BrowserPages(browser, t.url, PHONE);
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  const displayName = async (email: string) =>
    (
      expectStatus(await api.get(DEMO.secretariaat, `/api/users?q=${encodeURIComponent(email)}`), 200).body as Array<{
        email: string;
        displayName: string;
      }>
    ).find((u) => u.email === email)!.displayName;
  const fitsThePhone = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const card = (page: Page, name: string) =>
    page.locator('li.card', { has: page.getByRole('heading', { name, exact: true }) });

  it('names a gemeente’s contact and changes the consultation after the offer, at 390 px', async () => {
    const strategyId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Concept 2027-2030'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id as string;
    const [nieuwegein, amersfoort, soest, lelystad] = await Promise.all(
      ['Nieuwegein', 'Amersfoort', 'Soest', 'Lelystad'].map((n) => api.organisationId(`Gemeente ${n}`)),
    );
    const deadline = addDays(todayInNetherlands(), 20);
    const consultation = expectStatus(
      await api.post(DEMO.secretariaat, '/api/consultations', {
        strategyId,
        deadline,
        organisationIds: [nieuwegein, amersfoort, soest],
      }),
      201,
    ).body as ConsultationDetail;
    const contactName = await displayName(DEMO.aanjagerOndermijning);

    const { page, pageErrors } = await pages.newPage(PHONE);
    await pages.login(page, DEMO.secretariaat);
    await page.goto(`${t.url}/cyclus/consultaties/${consultation.id}`);
    const nieuwegeinCard = card(page, 'Gemeente Nieuwegein');
    await nieuwegeinCard.getByText('nog niet aangewezen').waitFor();

    // Naming the contact: the disclosure loads Nieuwegein's users; keyboard only.
    const summary = nieuwegeinCard.getByText('Contactpersonen aanwijzen');
    await summary.focus();
    await page.keyboard.press('Enter');
    const contacts = page.getByRole('form', { name: 'Contactpersonen van Gemeente Nieuwegein' });
    await contacts.getByLabel(contactName).check();
    await contacts.getByRole('button', { name: 'Contactpersonen opslaan' }).click();
    await contacts.getByText('Eén contactpersoon opgeslagen voor Gemeente Nieuwegein.').waitFor();
    await nieuwegeinCard.getByText(`Contactpersonen: ${contactName}`).waitFor();
    await expectAccessible(page, 'consultation-contacts-phone');
    await fitsThePhone(page);

    // Changing it: the guard asks before leaving, the draft survives a reload.
    await page.getByRole('button', { name: 'Consultatie wijzigen' }).click();
    const form = page.getByRole('form', { name: 'Consultatie wijzigen' });
    const newDeadline = addDays(deadline, 14);
    await form.getByLabel('Reageren tot en met').fill(newDeadline);
    await form
      .getByLabel('Toelichting bij de wijziging')
      .fill('Meer tijd: de raad van Nieuwegein vergadert pas later.');
    await page.getByRole('link', { name: 'Consultaties', exact: true }).click();
    const guard = page.getByRole('dialog', { name: 'Niet-opgeslagen wijzigingen' });
    await guard.waitFor();
    await guard.getByRole('button', { name: 'Annuleren' }).click();
    // Reloading with unsaved input: the browser asks first (beforeunload); leaving anyway keeps the draft.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByText('Uw niet-opgeslagen wijzigingen van een eerder bezoek zijn teruggezet.').waitFor();
    expect(await form.getByLabel('Reageren tot en met').inputValue()).toBe(newDeadline);
    await form.getByText(/^Gemeenten toevoegen/).click();
    await form.getByLabel('Gemeente Lelystad', { exact: true }).check();
    await form.getByText(/^Gemeenten niet meer vragen/).click();
    await form.getByLabel('Gemeente Soest', { exact: true }).check();
    await expectAccessible(page, 'consultation-edit-phone');
    await fitsThePhone(page);
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByText('De consultatie is gewijzigd.', { exact: false }).waitFor();

    // The history says what changed and that the contact was told; the page shows the new state.
    const history = page.getByRole('region', { name: 'Wijzigingen na het aanbieden' });
    await history.getByText('Ook gevraagd: Gemeente Lelystad').waitFor();
    await history.getByText('Niet meer gevraagd: Gemeente Soest').waitFor();
    await history.getByText('Toelichting: Meer tijd: de raad van Nieuwegein vergadert pas later.').waitFor();
    await history.getByText(/één contactpersoon bericht gestuurd/).waitFor();
    await page.getByText('0 van 3 beantwoord').waitFor();
    const stored = expectStatus(await api.get(DEMO.secretariaat, `/api/consultations/${consultation.id}`), 200)
      .body as ConsultationDetail;
    expect(stored.deadline).toBe(newDeadline);
    expect(stored.responses.map((r) => r.organisationId).sort()).toEqual([nieuwegein, amersfoort, lelystad].sort());
    await expectAccessible(page, 'consultation-history-phone');
    await fitsThePhone(page);
    // Nothing is left to ask about: leaving goes without a question.
    await page.getByRole('link', { name: 'Consultaties', exact: true }).click();
    await page.getByRole('heading', { name: 'Consultaties van de gemeenteraden' }).waitFor();
    expect(pageErrors).toEqual([]);

    // The named contact finds it on the home page; the notification tells of the new deadline.
    const gemeente = await pages.newPage(PHONE);
    await pages.login(gemeente.page, DEMO.aanjagerOndermijning);
    await gemeente.page.getByRole('link', { name: stored.title, exact: true }).waitFor();
    expect(gemeente.pageErrors).toEqual([]);
  }, 150_000);

  it('names the contact people of an inventory, at 390 px', async () => {
    const zeist = await api.organisationId('Gemeente Zeist');
    const inventory = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Inventarisatie 2031-2034'),
        deadline: addDays(todayInNetherlands(), 30),
        organisationIds: [zeist],
      }),
      201,
    ).body as InventoryDetail;
    const name = await displayName('burgemeester.zeist@demo.koers.nl');
    const { page, pageErrors } = await pages.newPage(PHONE);
    await pages.login(page, DEMO.secretariaat);
    await page.goto(`${t.url}/cyclus/inventarisaties/${inventory.id}`);
    await page.getByText('Nog niet aangewezen').waitFor();
    await page.getByText('Contactpersonen aanwijzen').click();
    const contacts = page.getByRole('form', { name: 'Contactpersonen van Gemeente Zeist' });
    await contacts.getByLabel(name).check();
    await contacts.getByRole('button', { name: 'Contactpersonen opslaan' }).click();
    await contacts.getByText('Eén contactpersoon opgeslagen voor Gemeente Zeist.').waitFor();
    await page.getByRole('cell', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).waitFor();
    await expectAccessible(page, 'inventory-contacts-phone');
    await fitsThePhone(page);
    const stored = expectStatus(await api.get(DEMO.secretariaat, `/api/inventories/${inventory.id}`), 200)
      .body as InventoryDetail;
    expect(stored.organisations[0].contacts.map((c) => c.displayName)).toEqual([name]);
    expect(pageErrors).toEqual([]);

    // The contact now has the task on the home page.
    const contact = await pages.newPage(PHONE);
    await pages.login(contact.page, 'burgemeester.zeist@demo.koers.nl');
    await contact.page
      .getByRole('link', { name: new RegExp(`${inventory.title}: antwoord van Gemeente Zeist`) })
      .waitFor();
  });

  it('changes a contribution typed in Dutch notation, and deletes one after asking, at 390 px', async () => {
    const dronten = await api.organisationId('Gemeente Dronten');
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        organisationId: dronten,
        year: 2033,
        amountCents: 100_000,
      }),
      201,
    ).body as { id: string };
    const { page, pageErrors } = await pages.newPage(PHONE);
    await pages.login(page, DEMO.secretariaat);
    await page.goto(`${t.url}/cyclus/financien`);
    await page.getByRole('button', { name: 'Wijzigen (Gemeente Dronten, 2033)' }).click();
    const form = page.getByRole('form', { name: 'Bijdrage wijzigen: Gemeente Dronten, 2033' });
    const amount = form.getByLabel(/^Bedrag in euro/);
    expect(await amount.inputValue()).toBe('1.000,00');
    // A decimal point is refused clearly; Dutch notation is stored as exact cents.
    await amount.fill('1234.56');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await form.getByText('Geef een bedrag als 14.000 of 1.234,56.').first().waitFor();
    await amount.fill('1.234,56');
    await form.getByLabel('Toelichting').fill('Na de begrotingswijziging');
    await expectAccessible(page, 'contribution-edit-phone');
    await fitsThePhone(page);
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByText('De bijdrage is gewijzigd.').waitFor();
    const row = page.getByRole('row', { name: /Gemeente Dronten/ });
    await row.getByText('€ 1.234,56').waitFor();
    const list = expectStatus(await api.get(DEMO.secretariaat, '/api/contributions?year=2033'), 200)
      .body as ContributionList;
    expect(list.items.find((c) => c.id === created.id)).toMatchObject({
      amountCents: 123_456,
      note: 'Na de begrotingswijziging',
      version: 2,
    });

    // Deleting asks first; cancelling keeps it.
    await page.getByRole('button', { name: 'Verwijderen (Gemeente Dronten, 2033)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Bijdrage verwijderen?').waitFor();
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await row.waitFor();
    await page.getByRole('button', { name: 'Verwijderen (Gemeente Dronten, 2033)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Verwijderen' }).click();
    await page.getByText('De bijdrage is verwijderd.').waitFor();
    await page.getByRole('row', { name: /Gemeente Dronten/ }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'finance-phone');
    await fitsThePhone(page);
    expect(pageErrors).toEqual([]);
  });

  it('shows one finance form at a time: the edit form takes the focus, Escape cancels and gives it back', async () => {
    const huizen = await api.organisationId('Gemeente Huizen');
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        organisationId: huizen,
        year: 2034,
        amountCents: 50_000,
      }),
      201,
    );
    const line = unique('Huur kantoor');
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/budget-lines', { year: 2034, title: line, amountCents: 9_900 }),
      201,
    );
    const { page, pageErrors } = await pages.newPage(PHONE);
    await pages.login(page, DEMO.secretariaat);
    await page.goto(`${t.url}/cyclus/financien`);
    const addContribution = page.getByRole('form', { name: 'Bijdrage toevoegen' });
    const addLine = page.getByRole('form', { name: 'Begrotingspost toevoegen' });
    await addContribution.waitFor();
    await addLine.waitFor();

    // By keyboard: the row's button opens the edit form, which is the only form and has the focus.
    const change = page.getByRole('button', { name: 'Wijzigen (Gemeente Huizen, 2034)' });
    await change.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Bijdrage wijzigen: Gemeente Huizen, 2034' });
    await form.waitFor();
    await expect(addContribution.count()).resolves.toBe(0);
    await expect(addLine.count()).resolves.toBe(0);
    await expect(page.getByRole('main').locator('form').count()).resolves.toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Bijdrage wijzigen: Gemeente Huizen, 2034',
    );
    await expectAccessible(page, 'contribution-edit-alone-phone');
    await fitsThePhone(page);

    // Escape (also from inside a field) cancels: nothing is saved, the add forms return, the focus goes back.
    await form.getByLabel(/^Bedrag in euro/).fill('999');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await addContribution.waitFor();
    await addLine.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Wijzigen (Gemeente Huizen, 2034)');
    const stored = expectStatus(await api.get(DEMO.secretariaat, '/api/contributions?year=2034'), 200)
      .body as ContributionList;
    expect(stored.items.find((c) => c.organisationId === huizen)!.amountCents).toBe(50_000);

    // A budget line being changed: no contribution form either.
    await page.getByRole('button', { name: `Wijzigen (${line}, 2034)` }).click();
    const lineForm = page.getByRole('form', { name: `Begrotingspost wijzigen: ${line}, 2034` });
    await lineForm.waitFor();
    await expect(page.getByRole('main').locator('form').count()).resolves.toBe(1);
    await lineForm.getByRole('button', { name: 'Annuleren' }).click();
    await addContribution.waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('questions to bodies: each answer’s body is chosen from the region’s bodies, by keyboard, at 390 px', async () => {
    const utrecht = await api.organisationId('Gemeente Utrecht');
    const inventory = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Inventarisatie 2035-2038'),
        deadline: addDays(todayInNetherlands(), 30),
        organisationIds: [utrecht],
      }),
      201,
    ).body as InventoryDetail;
    // One answer stored earlier with a body that is not registered: it keeps its text as a choice.
    expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/inventories/${inventory.id}/body-questions`, {
        questions: [{ question: 'Welke thema’s mist u?', answers: [{ body: 'Werkconferentie', answer: 'Geen.' }] }],
      }),
      200,
    );
    const bodies = expectStatus(await api.get(DEMO.secretariaat, '/api/bodies'), 200).body as BodySummary[];
    const dvc = bodies.find((b) => b.kind === 'dvc')!;
    const { page, pageErrors } = await pages.newPage(PHONE);
    await pages.login(page, DEMO.secretariaat);
    await page.goto(`${t.url}/cyclus/inventarisaties/${inventory.id}`);
    const editor = page.getByRole('form', { name: 'Vragen aan organen en hun antwoorden' });
    await editor.waitFor();
    expect(await editor.getByLabel(/^Orgaan \(antwoord 1\)/).inputValue()).toBe('tekst:Werkconferentie');
    await editor.getByRole('option', { name: dvc.name }).first().waitFor({ state: 'attached' });

    // A new question by keyboard: the focus follows each added field.
    await editor.getByRole('button', { name: 'Vraag toevoegen' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'questions.1.question');
    await page.keyboard.type('Welke aanpak vraagt uw district regionaal?');
    await editor.getByRole('button', { name: 'Antwoord van een orgaan toevoegen (vraag 2)' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'questions.1.answers.0.bodyId');
    // Saving without a body says so in Dutch, on the field.
    await editor.getByRole('button', { name: 'Vragen opslaan' }).click();
    await editor.getByText('Kies het orgaan.').waitFor();
    const select = editor.getByLabel(/^Orgaan \(antwoord 1\)/).nth(1);
    await select.focus();
    await select.selectOption(dvc.id);
    await editor
      .getByLabel(/^Antwoord 1/)
      .nth(1)
      .fill('Ondermijning in het buitengebied.');
    await expectAccessible(page, 'inventory-body-questions-phone');
    await fitsThePhone(page);
    await editor.getByRole('button', { name: 'Vragen opslaan' }).click();
    await editor.getByText('De vragen aan de organen zijn opgeslagen.').waitFor();

    const stored = expectStatus(await api.get(DEMO.secretariaat, `/api/inventories/${inventory.id}`), 200)
      .body as InventoryDetail;
    expect(stored.bodyQuestions).toEqual([
      { question: 'Welke thema’s mist u?', answers: [{ body: 'Werkconferentie', bodyId: null, answer: 'Geen.' }] },
      {
        question: 'Welke aanpak vraagt uw district regionaal?',
        answers: [{ body: dvc.name, bodyId: dvc.id, answer: 'Ondermijning in het buitengebied.' }],
      },
    ]);
    expect(pageErrors).toEqual([]);
  });
});
