import type { Page } from 'playwright-core';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/** The search in the header (docs/search.md): by keyboard only, at desktop width and at 390 px. */
describeWithBrowser('test/browser/search.spec.ts')('search in the header', () => {
  let t: TestApp;
  let pages: BrowserPages;

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url);
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  /** Arrows down until the active option (aria-activedescendant) is the one named `name`. */
  async function arrowTo(page: Page, name: RegExp): Promise<void> {
    const combobox = page.getByRole('combobox');
    for (let i = 0; i < 30; i++) {
      const active = await combobox.getAttribute('aria-activedescendant');
      const text = active ? await page.locator(`[id="${active}"]`).textContent() : '';
      if (text && name.test(text)) return;
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`No option ${name} reached by the arrow keys`);
  }

  it('Ctrl+K, type, arrows and Enter open the item', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, 'aanjager.ondermijning@demo.koers.nl');
    await page.getByRole('button', { name: /Zoeken/ }).waitFor();
    await page.keyboard.press('Control+k');
    const combobox = page.getByRole('combobox', { name: /Zoek in documenten/ });
    await combobox.waitFor();
    expect(await combobox.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('drugs');
    // "drugs" finds the kennisbank item tagged drugscriminaliteit, with the part marked.
    const option = page.getByRole('option', { name: /Wie Praat, Die Gaat 3\.0/ });
    await option.waitFor();
    expect(await page.getByRole('group', { name: 'Kennisbank' }).count()).toBe(1);
    expect(await option.locator('mark').first().textContent()).toMatch(/drugs/i);
    await screenshot(page, 'search-01-results');
    await expectAccessible(page, 'search dialog');
    await arrowTo(page, /Wie Praat, Die Gaat 3\.0/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/werkgroepen\/[0-9a-f-]+\/kennisbank/);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('at 390 px: "/" opens it full width, nothing scrolls sideways, Esc gives the focus back', async () => {
    const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
    await pages.login(page, 'aanjager.ondermijning@demo.koers.nl');
    await page.getByRole('button', { name: /Zoeken/ }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    await page.getByRole('combobox').waitFor();
    await page.keyboard.type('mensenh');
    await page
      .getByRole('option', { name: /Signaaltafel mensenhandel/ })
      .first()
      .waitFor();
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      dialog: document.querySelector('dialog')!.getBoundingClientRect().right,
    }));
    expect(overflow.page).toBeLessThanOrEqual(390);
    expect(overflow.dialog).toBeLessThanOrEqual(390);
    await screenshot(page, 'search-02-phone');
    await expectAccessible(page, 'search dialog at 390 px');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Zoeken/);
    expect(pageErrors).toEqual([]);
  });
});
