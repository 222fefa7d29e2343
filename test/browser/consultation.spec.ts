import type { Page } from 'playwright-core';
import { addDays, todayInNetherlands } from '@koers/core';
import { Api, DEMO, expectStatus, unique } from '../support/api-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/**
 * A consultation of the councils from offer to nota van beantwoording (docs/strategy-cycle.md): the
 * secretariat offers a concept strategy to three gemeenten, Nieuwegein's user enters its council's wensen en
 * bedenkingen on a phone, the secretariat records a point and the bureau's response, and the nota shows it.
 */
describeWithBrowser('test/browser/consultation.spec.ts')('consultation: offer to nota van beantwoording', () => {
  let t: TestApp;
  let pages: BrowserPages;

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url);
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  const card = (page: Page, name: string) =>
    page.locator('li.card', { has: page.getByRole('heading', { name, exact: true }) });

  it('offer, a council answers, the bureau responds, the nota shows it', async () => {
    const api = new Api(t);
    const strategyTitle = unique('Concept veiligheidsstrategie 2027-2030');
    const strategyId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: strategyTitle,
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id as string;

    // The secretariat offers the concept to three gemeenten.
    const secretariat = await pages.newPage();
    const s = secretariat.page;
    await pages.login(s, DEMO.secretariaat);
    await s.goto(t.url + '/cyclus');
    await s.getByRole('link', { name: 'Consultaties', exact: true }).click();
    await s.getByRole('heading', { name: 'Consultaties van de gemeenteraden' }).waitFor();
    await s.getByText('Demogegevens').first().waitFor();
    await s.getByLabel(/^Strategie/).selectOption(strategyId);
    await s.getByLabel('Reageren tot en met').fill(addDays(todayInNetherlands(), 20));
    await s.getByLabel('Document (kenmerk of bestandsnaam)').fill('Concept RVS 2027-2030, versie 0.9');
    await s.getByLabel('Een selectie').check();
    for (const name of ['Gemeente Nieuwegein', 'Gemeente Amersfoort', 'Gemeente Lelystad'])
      await s.getByLabel(name, { exact: true }).check();
    await s.getByRole('button', { name: 'Aanbieden (3 gemeenten)' }).click();
    await s.getByText(/Consultatie “Wensen en bedenkingen: .*” is gestart\./).waitFor();
    await s.getByRole('link', { name: new RegExp(strategyTitle) }).click();
    await s.getByText('0 van 3 beantwoord').waitFor();
    const id = new URL(s.url()).pathname.split('/').pop()!;
    // Only named contacts answer (test/browser/strategy-cycle-forms.spec.ts names them in the screen).
    expectStatus(
      await api.request(
        DEMO.secretariaat,
        'PUT',
        `/api/consultations/${id}/contacts/${await api.organisationId('Gemeente Nieuwegein')}`,
        {
          userIds: [await api.userId(DEMO.aanjagerOndermijning)],
        },
      ),
      200,
    );

    // Nieuwegein's named contact answers for its own council, on a phone.
    const gemeente = await pages.newPage({ width: 390, height: 844 });
    const g = gemeente.page;
    await pages.login(g, DEMO.aanjagerOndermijning);
    // Its users have no Strategiecyclus menu: the home page lists the open consultation (and, in the notices,
    // that they were named its contact).
    await g.getByRole('link', { name: /^U bent contactpersoon van Gemeente Nieuwegein/ }).waitFor();
    await g.getByRole('link', { name: `Wensen en bedenkingen: ${strategyTitle}`, exact: true }).click();
    await g.getByRole('link', { name: 'Reactie invullen voor Gemeente Nieuwegein' }).click();
    await g.getByRole('heading', { name: 'Reactie van Gemeente Nieuwegein' }).waitFor();
    await g.getByLabel('Datum raadsbesluit').fill(todayInNetherlands());
    await g.getByLabel('Wensen en bedenkingen', { exact: true }).check();
    await g
      .getByLabel('Tekst van de wensen en bedenkingen')
      .fill('De raad wenst meer aandacht voor jonge aanwas in de georganiseerde misdaad.');
    await g.getByLabel('Kenmerk raadsbesluit').fill('Raadsbesluit 2026-117');
    await g.getByRole('button', { name: 'Reactie opslaan' }).click();
    await g.getByText('1 van 3 beantwoord').waitFor();
    await g.getByText('De raad wenst meer aandacht voor jonge aanwas').waitFor();
    // Only its own council can be answered.
    expect(await g.getByRole('link', { name: /Reactie (invullen|wijzigen) voor Gemeente Amersfoort/ }).count()).toBe(0);
    await expectAccessible(g, 'consultation-overview-phone');
    const width = await g.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // The secretariat records the point and the bureau's response.
    await s.reload();
    const nieuwegein = card(s, 'Gemeente Nieuwegein');
    await nieuwegein.getByText('Wensen en bedenkingen', { exact: true }).waitFor();
    await nieuwegein.getByText('Punt toevoegen').first().click();
    await nieuwegein.getByLabel('Soort').selectOption('wens');
    await nieuwegein.getByLabel(/^Punt/).fill('Meer aandacht voor jonge aanwas.');
    await nieuwegein.getByRole('button', { name: 'Punt toevoegen', exact: true }).click();
    const point = s.getByRole('form', { name: 'Wens 1 van Gemeente Nieuwegein' });
    await point.getByLabel('Reactie van het bureau').selectOption('verwerkt');
    await point.getByLabel('Toelichting of reden').fill('Opgenomen in het thema Ondermijning.');
    await point.getByRole('button', { name: 'Reactie opslaan' }).click();
    await s.getByText('1 van 1 punten van een reactie voorzien').waitFor();
    await expectAccessible(s, 'consultation-overview-secretariat');

    // The secretariat enters Lelystad's answer on its behalf; the overview says so.
    await s.getByRole('link', { name: 'Reactie invullen voor Gemeente Lelystad' }).click();
    await s.getByText('U vult deze reactie in namens de gemeente').waitFor();
    await s.getByLabel('Datum raadsbesluit').fill(todayInNetherlands());
    await s.getByLabel('Geen wensen of bedenkingen', { exact: true }).check();
    await s.getByRole('button', { name: 'Reactie opslaan' }).click();
    await s.getByText('2 van 3 beantwoord').waitFor();
    await card(s, 'Gemeente Lelystad')
      .getByText(/Namens de gemeente ingevuld/)
      .waitFor();

    // The nota van beantwoording shows it, with its downloads.
    await s.getByRole('link', { name: 'Nota van beantwoording' }).click();
    await s.getByRole('heading', { name: 'Nota van beantwoording', level: 1 }).waitFor();
    const nota = s.locator('.nota');
    await nota.getByText('Meer aandacht voor jonge aanwas.').waitFor();
    await nota.getByText('Verwerkt').first().waitFor();
    await nota.getByText('Opgenomen in het thema Ondermijning.').waitFor();
    expect(await s.getByRole('link', { name: 'Download als CSV' }).getAttribute('href')).toBe(
      `/api/consultations/${id}/nota?format=csv`,
    );
    await expectAccessible(s, 'consultation-nota');
    await screenshot(s, 'consultation-nota');

    // Closing asks first (the app's dialog); closed, no answer can be entered any more.
    await s.getByRole('link', { name: 'Consultatie', exact: true }).click();
    await s.getByRole('button', { name: 'Consultatie sluiten' }).click();
    await s.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();
    await s.getByRole('button', { name: 'Consultatie heropenen' }).waitFor();
    expect(await s.getByRole('link', { name: /Reactie (invullen|wijzigen) voor/ }).count()).toBe(0);
    expect([...secretariat.pageErrors, ...gemeente.pageErrors]).toEqual([]);
  });

  it('bodies, their members and meetings, and the calendar, read-only at 390 px', async () => {
    const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
    await pages.login(page, DEMO.secretariaat);
    await page.goto(t.url + '/cyclus');
    await page.getByRole('link', { name: 'Bestuurlijke organen' }).click();
    await page.getByRole('link', { name: 'Regionale driehoek Midden-Nederland' }).click();
    await page.getByRole('heading', { name: /^Leden/ }).waitFor();
    await page.getByRole('heading', { name: 'Vergaderingen' }).waitFor();
    await page.getByRole('link', { name: 'Organen' }).click();
    await page.getByRole('link', { name: 'Kalender van alle vergaderingen' }).click();
    await page.getByRole('heading', { name: 'Vergaderkalender' }).waitFor();
    await page.locator('li.card').first().waitFor();
    await expectAccessible(page, 'governance-calendar-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });
});
