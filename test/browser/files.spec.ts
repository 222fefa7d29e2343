import { files } from '../support/file-fixtures';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeWithBrowser, expectAccessible, launchChromium } from './support/browser-harness';

/**
 * Attachments in the browser (docs/files.md): the aanjager uploads a PDF to a session with the file picker,
 * sees its progress end in "geüpload", previews it, opens its versions and downloads it; a member of another
 * werkgroep, signed in in their own browser, cannot fetch it (404). Archiving goes through the confirm dialog.
 * axe-core on the session page with the file list.
 */
const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const OTHER_WORKGROUP = 'aanjager.cyber@demo.koers.nl';

describeWithBrowser('test/browser/files.spec.ts')('attachments in the browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let workgroupId: string;
  let token: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    token = await t.login(AANJAGER);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    workgroupId = (workgroups.body as Array<{ id: string; name: string }>).find((w) =>
      w.name.includes('Ondermijning'),
    )!.id;
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('uploads a PDF to a session; previews, versions, download; another werkgroep gets 404', async () => {
    const session = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/sessions`)
        .set('Authorization', `Bearer ${token}`)
        .send({
          type: 'kennissessie',
          title: `Kennissessie bijlagen ${Date.now()}`,
          startsAt: '2030-04-02T13:00:00+02:00',
          endsAt: '2030-04-02T15:00:00+02:00',
        })
        .expect(201)
    ).body as { id: string };

    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/sessies/${session.id}`);
    const picker = page.getByLabel('Bestanden toevoegen (sleep ze hierheen of kies ze)');
    await picker.setInputFiles([
      { name: 'Analyse RIEC.pdf', mimeType: 'application/pdf', buffer: files.pdf(40_000) },
      { name: 'notities.txt', mimeType: 'text/plain', buffer: files.text() },
    ]);
    const link = page.getByRole('link', { name: 'Analyse RIEC.pdf', exact: true });
    await link.waitFor();
    await page.getByRole('link', { name: 'notities.txt', exact: true }).waitFor();
    await page.getByText('Analyse RIEC.pdf: geüpload').waitFor();

    // A refused file says why, in Dutch.
    await picker.setInputFiles([{ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: files.exe() }]);
    await page.getByText(/rapport\.pdf: Dit soort bestand kan Koers niet bewaren/).waitFor();

    await page.getByRole('button', { name: /^Versies\W+Analyse RIEC\.pdf$/ }).click();
    await page.getByRole('link', { name: 'Versie 1: Analyse RIEC.pdf' }).waitFor();
    const previewButton = page.getByRole('button', { name: /^Bekijken\W+Analyse RIEC\.pdf$/ });
    const preview = page.locator('iframe[title="Voorbeeld: Analyse RIEC.pdf"]');
    await previewButton.click();
    await preview.waitFor();
    await expectAccessible(page, 'session with attachments');
    // Chromium's PDF viewer takes the focus once it has loaded, and the next mouse click on the page is spent
    // taking it back (seen as a lost click in CI). The keyboard closes the preview, as a keyboard user would.
    await previewButton.focus();
    await page.keyboard.press('Enter');
    await preview.waitFor({ state: 'detached' });

    const href = (await link.getAttribute('href'))!;
    const fileId = /\/api\/files\/([0-9a-f-]{36})\/content/.exec(href)![1];
    const mine = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        status: response.status,
        disposition: response.headers.get('content-disposition'),
        size: (await response.arrayBuffer()).byteLength,
      };
    }, href);
    expect(mine).toEqual({ status: 200, disposition: expect.stringMatching(/^attachment;/), size: 40_000 });

    const other = await pages.newPage();
    await pages.login(other.page, OTHER_WORKGROUP);
    const theirs = await other.page.evaluate(async (id) => {
      const [meta, content] = await Promise.all([fetch(`/api/files/${id}`), fetch(`/api/files/${id}/content`)]);
      return [meta.status, content.status];
    }, fileId);
    expect(theirs).toEqual([404, 404]);

    await page.getByRole('button', { name: /^Archiveren\W+notities\.txt$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archiveren' }).click();
    await page.getByRole('link', { name: 'notities.txt', exact: true }).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
