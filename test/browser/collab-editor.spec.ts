import type { Page } from 'playwright-core';
import { CollabGateway } from '../../apps/api/src/realtime/collab.gateway';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  caretToEndOf,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/**
 * The collaborative editor in a real (headless) Chromium against the real API and its /collab socket:
 * two members of the Ondermijning werkgroep edit one document (created through the UI) at the same time,
 * see each other's text and caret, and the save indicator reaches "Opgeslagen" (= acknowledged = stored,
 * checked through the export). A member of another werkgroep cannot open it. axe-core on the editor page.
 * Screenshots go to test-artifacts/browser/.
 */

const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const OVJ = 'ovj.ondermijning@demo.koers.nl';
const OUTSIDER = 'aanjager.cyber@demo.koers.nl';

describeWithBrowser('test/browser/collab-editor.spec.ts')('collaborative editor in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url);
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    // Let the server handle the dropped connections before it shuts down.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t?.close();
  });

  async function displayName(email: string): Promise<string> {
    const token = await t.login(email);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    return (me.body as { user: { displayName: string } }).user.displayName;
  }

  const editorOf = (page: Page) => page.locator('.editor-content');
  const saveIndicator = (page: Page) => page.locator('.save-indicator');

  async function waitSaved(page: Page) {
    await saveIndicator(page)
      .filter({ hasText: /^Opgeslagen$/ })
      .waitFor();
  }

  /** Puts the cursor at the end of the last paragraph, starts a new one and types there. */
  /** Waits for the text in the editor; on a timeout says what the editor showed instead. */
  async function waitForText(page: Page, text: string) {
    try {
      await editorOf(page).getByText(text).waitFor();
    } catch (err) {
      const shown = await editorOf(page)
        .innerText()
        .catch(() => '(unreadable)');
      const status = await saveIndicator(page)
        .innerText()
        .catch(() => '(none)');
      const main = await page
        .locator('main')
        .innerText()
        .catch(() => '(none)');
      throw new Error(
        `${(err as Error).message}\nThe editor shows: ${JSON.stringify(shown)}\nSave indicator: ${status}\nThe page shows: ${JSON.stringify(main.slice(0, 600))}`,
      );
    }
  }

  async function typeAtEnd(page: Page, text: string) {
    await caretToEndOf(editorOf(page).locator(':scope > p').last());
    await page.keyboard.press('Enter');
    await page.keyboard.type(text, { delay: 15 });
  }

  it('lets two members edit one document together, with carets, presence and a truthful save indicator', async () => {
    const secretariat = await t.login('secretariaat@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${secretariat}`).expect(200);
    const ondermijning = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    )!;
    expect(ondermijning).toBeDefined();
    const [aanjagerName, ovjName] = await Promise.all([displayName(AANJAGER), displayName(OVJ)]);

    // The aanjager creates a verslag in the werkgroep's Documenten tab and lands in the editor.
    const a = await pages.newPage();
    await pages.login(a.page, AANJAGER);
    await a.page.goto(`${t.url}/werkgroepen/${ondermijning.id}`);
    await a.page.getByRole('link', { name: 'Documenten', exact: true }).click();
    const documents = a.page.locator('section', { has: a.page.getByRole('heading', { level: 2, name: 'Documenten' }) });
    await documents.waitFor();
    await documents.getByLabel('Titel').fill('Verslag overleg ondermijning maart');
    await documents.getByLabel('Soort document').selectOption({ label: 'Verslag' });
    await documents.getByRole('button', { name: 'Document maken' }).click();
    await a.page.waitForURL(/\/documenten\/[0-9a-f-]{36}$/);
    const documentId = a.page.url().split('/').pop()!;
    await a.page.getByRole('heading', { level: 1, name: 'Verslag overleg ondermijning maart' }).waitFor();
    // The template of a verslag arrived over the socket.
    await editorOf(a.page).locator('h2', { hasText: 'Besluiten' }).waitFor();
    await waitSaved(a.page);
    expect(
      await a.page
        .getByRole('toolbar', { name: 'Opmaak' })
        .getByRole('button', { name: 'Vet' })
        .getAttribute('aria-pressed'),
    ).toBe('false');

    // The officier van justitie opens it from the werkgroep's Documenten tab.
    const b = await pages.newPage();
    await pages.login(b.page, OVJ);
    await b.page.goto(`${t.url}/werkgroepen/${ondermijning.id}/documenten`);
    const docRow = b.page.getByRole('row', { name: /Verslag overleg ondermijning maart/ });
    await docRow.waitFor();
    expect(await docRow.textContent()).toMatch(/Verslag/);
    await docRow.getByRole('link', { name: 'Verslag overleg ondermijning maart' }).click();
    await b.page.waitForURL(`**/documenten/${documentId}`);
    await editorOf(b.page).locator('h2', { hasText: 'Besluiten' }).waitFor();
    await waitSaved(b.page);

    // Both type, in different places (typing at one and the same spot at once would splice the two texts,
    // correctly but unpredictably); each sees the other's text.
    await typeAtEnd(a.page, 'Besluit van de aanjager: gezamenlijke controle in april.');
    await caretToEndOf(editorOf(b.page).locator(':scope > p').first());
    await b.page.keyboard.type('Aanvulling van het OM: dossier ligt klaar.', { delay: 15 });
    await waitForText(b.page, 'Besluit van de aanjager: gezamenlijke controle in april.');
    await waitForText(a.page, 'Aanvulling van het OM: dossier ligt klaar.');

    // Each sees the other's caret with the name the server stamped, and the other in "Wie is er nu".
    await editorOf(a.page).locator('.collaboration-carets__label', { hasText: ovjName }).waitFor();
    await editorOf(b.page).locator('.collaboration-carets__label', { hasText: aanjagerName }).waitFor();
    await a.page.locator('.presence li', { hasText: ovjName }).waitFor();
    await b.page.locator('.presence li', { hasText: aanjagerName }).waitFor();

    // "Opgeslagen" means stored: the server's export has both texts.
    await Promise.all([waitSaved(a.page), waitSaved(b.page)]);
    const exported = await a.context.request.get(`${t.url}/api/documents/${documentId}/export?format=text`);
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(text).toContain('Besluit van de aanjager: gezamenlijke controle in april.');
    expect(text).toContain('Aanvulling van het OM: dossier ligt klaar.');

    // Toolbar: a toggle reports its state, and bold text arrives at the other side.
    await caretToEndOf(editorOf(a.page).locator(':scope > p').last());
    await a.page.keyboard.press('Enter');
    const bold = a.page.getByRole('toolbar', { name: 'Opmaak' }).getByRole('button', { name: 'Vet' });
    await bold.click();
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    await a.page.keyboard.type('Belangrijk', { delay: 15 });
    await editorOf(b.page).locator('strong', { hasText: 'Belangrijk' }).waitFor();
    await waitSaved(a.page);

    // A checklist and a table, made with the toolbar, arrive at the other side too.
    const toolbar = a.page.getByRole('toolbar', { name: 'Opmaak' });
    await a.page.keyboard.press('Enter');
    await bold.click();
    await toolbar.getByRole('button', { name: 'Checklist' }).click();
    await a.page.keyboard.type('Uitnodiging versturen', { delay: 15 });
    await editorOf(b.page).locator('ul[data-type="taskList"] li', { hasText: 'Uitnodiging versturen' }).waitFor();
    // Enter on an empty task item ends the checklist.
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Tabel invoegen' }).click();
    await a.page.keyboard.type('Partner', { delay: 15 });
    await editorOf(b.page).locator('table th', { hasText: 'Partner' }).waitFor();
    await toolbar.getByRole('button', { name: 'Rij toevoegen' }).waitFor();
    // The toolbar is one Tab stop with arrow keys inside; Esc leaves the text (no keyboard trap in tables).
    await toolbar.getByRole('button', { name: 'Kop 1' }).focus();
    await a.page.keyboard.press('ArrowRight');
    expect(await a.page.evaluate(() => document.activeElement?.textContent)).toBe('Kop 2');
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await editorOf(a.page).locator('table th').first().click();
    await a.page.keyboard.press('Escape');
    expect(await a.page.evaluate(() => document.activeElement?.classList.contains('editor-hint'))).toBe(true);
    await waitSaved(a.page);

    await screenshot(a.page, '10-editor-aanjager');
    await screenshot(b.page, '11-editor-ovj');
    await expectAccessible(a.page, 'editor');

    // After a reload the text is still there (from the server).
    await b.page.reload();
    await waitForText(b.page, 'Besluit van de aanjager: gezamenlijke controle in april.');
    await waitSaved(b.page);

    // Logging out deletes the local copies (IndexedDB) of the documents.
    expect(
      await b.page.evaluate(
        async () => (await indexedDB.databases()).filter((db) => db.name?.startsWith('koers-document-')).length,
      ),
    ).toBeGreaterThan(0);
    await b.page.getByRole('button', { name: 'Uitloggen' }).click();
    await b.page.waitForURL('**/inloggen');
    await b.page.waitForFunction(async () =>
      (await indexedDB.databases()).every((db) => !db.name?.startsWith('koers-document-')),
    );

    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);

    // A member of another werkgroep cannot open it: no content, a "no access" message.
    const c = await pages.newPage();
    await pages.login(c.page, OUTSIDER);
    await c.page.goto(`${t.url}/documenten/${documentId}`);
    const heading = c.page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/niet gevonden of geen toegang/i);
    const main = (await c.page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/aanjager|Besluit|ondermijning/i);
    expect(await c.page.locator('.editor-content').count()).toBe(0);
    await screenshot(c.page, '12-document-geen-toegang');
    expect(c.pageErrors).toEqual([]);
  }, 120_000);

  it('shows a waarnemer "Alleen lezen", closes the document when the member is removed, and shows RVC members no documents', async () => {
    const secretariat = await t.login('secretariaat@demo.koers.nl');
    const auth = { Authorization: `Bearer ${secretariat}` };
    const workgroups = await t.http().get('/api/workgroups').set(auth).expect(200);
    const ondermijning = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    )!;
    const created = await t
      .http()
      .post(`/api/workgroups/${ondermijning.id}/documents`)
      .set(auth)
      .send({ title: 'Notitie voor de waarnemer', kind: 'notitie' })
      .expect(201);
    const documentId = (created.body as { id: string }).id;
    const users = await t.http().get('/api/users').query({ q: OUTSIDER }).set(auth).expect(200);
    const outsider = (users.body as Array<{ id: string; email: string }>).find((u) => u.email === OUTSIDER)!;
    await t
      .http()
      .post(`/api/workgroups/${ondermijning.id}/members`)
      .set(auth)
      .send({ userId: outsider.id, role: 'waarnemer' })
      .expect(201);

    // As waarnemer: the content, but not editable, no toolbar, and a clear notice.
    const w = await pages.newPage();
    await pages.login(w.page, OUTSIDER);
    await w.page.goto(`${t.url}/documenten/${documentId}`);
    await editorOf(w.page).locator('h1', { hasText: 'Notitie' }).waitFor();
    await w.page.locator('.read-only-notice', { hasText: 'Alleen lezen' }).waitFor();
    expect(await editorOf(w.page).getAttribute('contenteditable')).toBe('false');
    expect(await w.page.getByRole('toolbar', { name: 'Opmaak' }).count()).toBe(0);
    expect(await w.page.getByRole('button', { name: 'Archiveren' }).count()).toBe(0);
    await screenshot(w.page, '13-editor-alleen-lezen');
    await expectAccessible(w.page, 'read-only editor');

    // Removed from the werkgroep while the document is open: the server revokes, the page says so.
    await t
      .http()
      .delete(`/api/workgroups/${ondermijning.id}/members/${outsider.id}`)
      .set(auth)
      .expect((res) => expect([200, 204]).toContain(res.status));
    await w.page.getByRole('alert').filter({ hasText: 'Geen toegang meer' }).waitFor();
    expect(await w.page.locator('.editor-content').count()).toBe(0);
    await screenshot(w.page, '14-editor-toegang-ingetrokken');
    expect(w.pageErrors).toEqual([]);

    // An RVC member sees the werkgroep, but no documents: the Documenten tab says why.
    const r = await pages.newPage();
    await pages.login(r.page, 'rvc@demo.koers.nl');
    await r.page.goto(`${t.url}/werkgroepen/${ondermijning.id}/documenten`);
    await r.page.getByText('U heeft geen toegang tot de documenten van deze werkgroep').waitFor();
    await r.page.waitForLoadState('networkidle');
    expect(await r.page.getByRole('heading', { level: 2, name: 'Documenten' }).count()).toBe(0);
    expect((await r.page.locator('main').textContent()) ?? '').not.toContain('Notitie voor de waarnemer');
    expect(r.pageErrors).toEqual([]);
  }, 120_000);

  it('keeps changes made offline, warns before leaving, and stores them after reconnecting', async () => {
    const token = await t.login(AANJAGER);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    const ondermijning = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    )!;
    const created = await t
      .http()
      .post(`/api/workgroups/${ondermijning.id}/documents`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Offline notitie', kind: 'notitie' })
      .expect(201);
    const documentId = (created.body as { id: string }).id;

    const a = await pages.newPage();
    await pages.login(a.page, AANJAGER);
    await a.page.goto(`${t.url}/documenten/${documentId}`);
    await editorOf(a.page).locator('h1', { hasText: 'Notitie' }).waitFor();
    await waitSaved(a.page);

    // The network goes away (the server drops the socket, and the browser cannot reconnect).
    await a.context.setOffline(true);
    const namespace = (
      t.app.get(CollabGateway, { strict: false }) as unknown as {
        namespace: { disconnectSockets: (close?: boolean) => void };
      }
    ).namespace;
    namespace.disconnectSockets(true);
    await saveIndicator(a.page).filter({ hasText: 'Offline: wijzigingen worden bewaard' }).waitFor();
    await typeAtEnd(a.page, 'Geschreven zonder verbinding.');
    await screenshot(a.page, '15-editor-offline');
    expect(await saveIndicator(a.page).textContent()).toBe('Offline: wijzigingen worden bewaard');

    // Leaving now asks for confirmation (beforeunload), because the change is not stored yet.
    const dialogs: string[] = [];
    a.page.once('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await a.page.close({ runBeforeUnload: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dialogs).toEqual(['beforeunload']);
    expect(a.page.isClosed()).toBe(false);

    // Back online: the change is sent again and acknowledged; the export (the server's copy) has it.
    await a.context.setOffline(false);
    await waitSaved(a.page);
    const exported = await a.context.request.get(`${t.url}/api/documents/${documentId}/export?format=text`);
    expect(await exported.text()).toContain('Geschreven zonder verbinding.');

    // The access cookie has expired when the socket reconnects: UNAUTHENTICATED, refresh, connect again.
    await a.context.clearCookies({ name: 'koers_access' });
    namespace.disconnectSockets(true);
    await typeAtEnd(a.page, 'Na het verversen van de sessie.');
    await waitSaved(a.page);
    // Only the socket's refresh can have set a new access cookie: this page made no other request.
    expect((await a.context.cookies()).some((cookie) => cookie.name === 'koers_access')).toBe(true);
    const again = await a.context.request.get(`${t.url}/api/documents/${documentId}/export?format=text`);
    expect(await again.text()).toContain('Na het verversen van de sessie.');
    expect(a.pageErrors).toEqual([]);
  }, 120_000);
});
