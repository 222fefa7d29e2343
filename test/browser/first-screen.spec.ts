import type { Page, Request } from 'playwright-core';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeWithBrowser, launchChromium, screenshot } from './support/browser-harness';

/**
 * How the first screen loads (issue 19), in a real Chromium on a phone-sized window: the document page
 * draws its heading and facts while the editor's chunk is still held back, keeps the editor's place so
 * nothing moves when it arrives, and asks the server for its data once (the API's Link preloads and the
 * client's early requests are one request, not two); the dashboard's chart library is not loaded until
 * the chart is scrolled into view.
 */

const SECRETARIAT = 'secretariaat@demo.koers.nl';
const PHONE = { width: 390, height: 844 };

/** Sums the layout shifts of the page (as Lighthouse's CLS does, without those right after input). */
function recordLayoutShifts(page: Page) {
  return page.addInitScript(() => {
    const state = { total: 0, shifts: [] as string[] };
    (window as unknown as { koersLayoutShift: typeof state }).koersLayoutShift = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>)
        if (!entry.hadRecentInput) {
          state.total += entry.value;
          const sources =
            (entry as unknown as { sources?: Array<{ node?: Element; previousRect: DOMRect; currentRect: DOMRect }> })
              .sources ?? [];
          state.shifts.push(
            `${entry.value.toFixed(3)} ` +
              sources
                .map(
                  (x) =>
                    `${x.node?.nodeName}.${(x.node as HTMLElement | undefined)?.className} ${Math.round(x.previousRect.y)}->${Math.round(x.currentRect.y)} h${Math.round(x.previousRect.height)}->${Math.round(x.currentRect.height)}`,
                )
                .join(' | '),
          );
        }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shifts so far: their sum and, per shift, what moved (for the failure message). */
const layoutShifts = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { koersLayoutShift: { total: number; shifts: string[] } }).koersLayoutShift,
  );

describeWithBrowser('test/browser/first-screen.spec.ts')('the first screen in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let documentId: string;
  const title = 'Plan van aanpak drugslabs';

  beforeAll(async () => {
    // The collaboration socket accepts only known origins: the test server's own.
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, PHONE);
    const token = await t.login(SECRETARIAT);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    const ondermijning = (workgroups.body as Array<{ id: string; name: string }>).find((w) =>
      /ondermijning/i.test(w.name),
    );
    const created = await t
      .http()
      .post(`/api/workgroups/${ondermijning!.id}/documents`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title, kind: 'notitie' })
      .expect(201);
    documentId = (created.body as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('draws the document heading before the editor chunk, keeps its place and asks for the data once', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, SECRETARIAT);
    await recordLayoutShifts(page);

    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    // Hold the editor's chunk back until the heading has been drawn without it.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let workspaceRequested = false;
    await page.route(/\/assets\/DocumentWorkspace-[^/]*\.js$/, async (route) => {
      workspaceRequested = true;
      await released;
      await route.continue();
    });

    await page.goto(`${t.url}/documenten/${documentId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Laatst gewijzigd').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Exporteren' }).waitFor();
    expect(workspaceRequested).toBe(true);
    // The placeholder holds the editor's place; the editor itself has not been drawn.
    expect(await page.locator('.editor-placeholder').count()).toBe(1);
    expect(await page.locator('.editor-content').count()).toBe(0);
    await screenshot(page, 'first-screen-01-document-without-editor');

    release();
    await page.locator('.editor-content').waitFor();
    await page.getByTestId('save-indicator').getByText('Opgeslagen').waitFor();
    expect(await page.locator('.editor-placeholder').count()).toBe(0);
    await screenshot(page, 'first-screen-02-document-with-editor');
    // The editor took the placeholder's place: the page did not jump (Lighthouse's limit is 0.1).
    const shifts = await layoutShifts(page);
    expect({ below: shifts.total < 0.1, shifts: shifts.shifts }).toMatchObject({ below: true });

    // The Link preloads of the page and the client's own requests were one request per answer.
    const gets = (path: string) =>
      requests.filter((r) => r.method() === 'GET' && new URL(r.url()).pathname === path).length;
    expect(gets(`/api/documents/${documentId}`)).toBe(1);
    expect(gets('/api/me')).toBe(1);
    expect(requests.filter((r) => /\/assets\/DocumentPage-[^/]*\.js$/.test(r.url()))).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it('loads the chart library of the dashboard only when the chart comes into view', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, SECRETARIAT);
    const chartChunks: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/TrendBarChart-[^/]*\.js$/.test(request.url())) chartChunks.push(request.url());
    });
    await page.goto(`${t.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Trend over de cycli' }).waitFor();
    const chart = page.locator('.trend-chart');
    // Below the fold on a phone: its space is there, its code is not loaded.
    expect(await chart.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(PHONE.height);
    expect((await chart.boundingBox())?.height).toBeGreaterThan(200);
    expect(chartChunks).toEqual([]);

    await chart.scrollIntoViewIfNeeded();
    await chart.locator('svg').first().waitFor();
    expect(chartChunks).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
