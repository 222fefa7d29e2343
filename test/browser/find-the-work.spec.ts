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
 * Finding the work (issue 16) in a real Chromium: the home page lists the recent documents of my werkgroepen
 * and what changed since my previous visit; the werkgroep's documents have a tab of their own; the document
 * page's breadcrumb names the werkgroep and the document; the follow button follows and unfollows.
 */

const OVJ = 'ovj.ondermijning@demo.koers.nl';
const WORKGROUP = 'Bestuurlijke werkgroep Ondermijning';

describeWithBrowser('test/browser/find-the-work.spec.ts')('finding and following the work in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let workgroupId: string;
  let documentId: string;
  const title = `Plan van aanpak havens ${process.pid}`;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    const token = await t.login('aanjager.ondermijning@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    workgroupId = (workgroups.body as Array<{ id: string; name: string }>).find((w) => w.name === WORKGROUP)!.id;
    const created = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/documents`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title, kind: 'plan_van_aanpak' })
      .expect(201);
    documentId = created.body.id as string;
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t?.close();
  });

  it('home shows recent documents and changes; the werkgroep has a Documenten tab; breadcrumbs name the werkgroep', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, OVJ);

    // Home: the new document is among the recent documents and among what changed.
    const recent = page.getByRole('region', { name: 'Recente documenten' });
    await recent.getByRole('link', { name: title }).waitFor();
    expect(await recent.textContent()).toContain(WORKGROUP);
    const changes = page.getByRole('region', { name: /Sinds uw vorige bezoek|Veranderd in de afgelopen week/ });
    await changes.getByRole('link', { name: title }).waitFor();
    // Notifications say what they are once ("Besluit: Besluit: …" no more).
    expect(await page.locator('main').textContent()).not.toMatch(/Besluit: Besluit:/);
    await expectAccessible(page, 'Home met recente documenten');
    await screenshot(page, '70-home-recente-documenten');

    // The werkgroep: documents in a tab of their own, not below the members.
    await page.goto(`${t.url}/werkgroepen/${workgroupId}`);
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van de werkgroep' });
    await tabs.getByRole('link', { name: 'Documenten' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Documenten' }).count()).toBe(0);
    await tabs.getByRole('link', { name: 'Documenten' }).click();
    await page.waitForURL(`**/werkgroepen/${workgroupId}/documenten`);
    const list = page.getByRole('table', { name: `Documenten van ${WORKGROUP}` });
    await list.getByRole('link', { name: title }).waitFor();
    await expectAccessible(page, 'Documenten-tab');
    await screenshot(page, '71-werkgroep-documenten');

    // The document: the breadcrumb names the werkgroep, the tab and the document.
    await list.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/documenten/${documentId}`);
    const crumbs = page.getByRole('navigation', { name: 'Kruimelpad' });
    await crumbs.getByRole('link', { name: WORKGROUP }).waitFor();
    expect(await crumbs.getByRole('link', { name: 'Documenten' }).getAttribute('href')).toBe(
      `/werkgroepen/${workgroupId}/documenten`,
    );
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe(title);

    // Follow it, and stop again.
    await page.getByRole('button', { name: `Volgen ${title}` }).click();
    await page.getByRole('status').filter({ hasText: 'U volgt dit document' }).waitFor();
    await page.getByRole('button', { name: `Niet meer volgen ${title}` }).click();
    await page.getByRole('status').filter({ hasText: 'U volgt dit document niet meer' }).waitFor();
    await screenshot(page, '72-document-kruimelpad-volgen');

    // Back to the werkgroep through the breadcrumb.
    await crumbs.getByRole('link', { name: WORKGROUP }).click();
    await page.getByRole('heading', { level: 1, name: WORKGROUP }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
