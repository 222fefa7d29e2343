import { Api } from '../support/api-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import type { InventoryResponse, InventorySummary } from '@koers/contracts';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/**
 * A contact person answers the demo inventory on a phone (390 px): the task on the home page, the ranked
 * priorities (reordered with the keyboard), saved as a draft, then submitted.
 */
describeWithBrowser('test/browser/inventory.spec.ts')('inventory: a contact person answers', () => {
  let t: TestApp;
  let pages: BrowserPages;
  const CONTACT = 'ambtelijk.onrust@demo.koers.nl'; // demo contact of Gemeente Lelystad

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 390, height: 844 });
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('from the home task to a submitted answer, by keyboard, at 390 px', async () => {
    const { page } = await pages.newPage({ width: 390, height: 844 });
    await pages.login(page, CONTACT);
    const task = page.getByRole('link', { name: /antwoord van Gemeente Lelystad/ });
    await task.waitFor();
    await task.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Lokale prioriteiten van Gemeente Lelystad' }).waitFor();
    await page.getByText('Demogegevens').first().waitFor();

    await page.getByLabel('Prioriteit 1', { exact: true }).fill('Jeugdoverlast');
    await page.getByRole('button', { name: 'Prioriteit toevoegen' }).click();
    await page.getByLabel('Prioriteit 2', { exact: true }).fill('Ondermijning');
    await page.getByLabel('Vraagt om een regionale aanpak').nth(1).check();
    // Ondermijning first: "Omhoog" by keyboard, focus follows the moved item.
    await page.getByRole('button', { name: 'Omhoog (Ondermijning)' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Prioriteit 1', { exact: true }).inputValue()).toBe('Ondermijning');

    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await page.getByText('Opgeslagen als concept.').waitFor();
    await expectAccessible(page, 'inventory-response-draft');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Indienen' }).click();
    await page.getByText('Uw antwoord is ingediend.').waitFor();
    await screenshot(page, 'inventory-response-submitted');

    const api = new Api(t);
    const [inventory] = (await api.get(CONTACT, '/api/inventories')).body as InventorySummary[];
    const lelystad = inventory.mine[0].organisationId;
    const stored = (await api.get(CONTACT, `/api/inventories/${inventory.id}/responses/${lelystad}`))
      .body as InventoryResponse;
    expect(stored).toMatchObject({ status: 'ingediend', onBehalf: false });
    expect(stored.priorities.map((p) => [p.title, p.rank, p.regional])).toEqual([
      ['Ondermijning', 1, true],
      ['Jeugdoverlast', 2, false],
    ]);
  });
});
