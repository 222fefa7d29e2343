import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@koers/demo';
import { Api, DEMO, WORKGROUP_NAMES } from '../support/api-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeWithBrowser, launchChromium } from './support/browser-harness';

/**
 * Cross-site request forgery from the same host: a page on another port (same site, so the SameSite=Strict
 * session cookie goes along) posts a form to the API as the logged-in aanjager. It must change nothing.
 */
describeWithBrowser('test/browser/csrf.spec.ts')('a form on another origin of the same host', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let evil: http.Server;
  let evilUrl: string;
  let workgroupId: string;

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url);
    workgroupId = await new Api(t).workgroupId(WORKGROUP_NAMES.ondermijning);
    const target = `${t.url}/api/workgroups/${workgroupId}/actions`;
    // The attacker's page: forms that submit themselves, as urlencoded and as text/plain "JSON".
    evil = http.createServer((request, response) => {
      const plain = request.url?.includes('plain');
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(
        plain
          ? `<form id="f" method="POST" action="${target}" enctype="text/plain">` +
              `<input name='{"title":"CSRF plain","x":"' value='"}'></form><script>f.submit()</script>`
          : `<form id="f" method="POST" action="${target}">` +
              `<input name="title" value="CSRF formulier"></form><script>f.submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', () => resolve()));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await new Promise((resolve) => evil?.close(resolve));
    await t?.close();
  });

  it('refuses the forged change (403) and creates no action', async () => {
    const { page } = await pages.newPage();
    // Logged in through the real form: the session cookies are in this browser.
    await page.goto(`${t.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill(DEMO.aanjagerOndermijning);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
    const titles = async () =>
      (
        (await t.app.get(DataSource).query(`SELECT title FROM actions WHERE title LIKE 'CSRF%'`)) as Array<{
          title: string;
        }>
      ).map((row) => row.title);

    for (const variant of ['form', 'plain']) {
      const answer = page.waitForResponse((response) => response.url().includes('/actions'));
      await page.goto(`${evilUrl}/${variant}`);
      const response = await answer;
      expect({ variant, status: response.status() }).toEqual({ variant, status: 403 });
      expect(response.request().headers()['cookie'] ?? (await response.request().allHeaders())['cookie']).toContain(
        'koers_access',
      );
    }
    expect(await titles()).toEqual([]);
  });
});
