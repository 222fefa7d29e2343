import type { Page } from 'playwright-core';
import { eventually } from '../support/collab-client';
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
 * The editor's comments and version history panels in a real Chromium, with two members of Ondermijning on
 * one document: a comment on selected text with an @mention (live to the other editor and to their bell),
 * a reply, resolve and reopen, a highlight that follows its words while the text changes, a comment whose
 * text was deleted, a named version, and a restore that reaches the other editor. axe-core with the
 * panels open (and with an old version shown). Screenshots go to test-artifacts/browser/.
 */

const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const OVJ = 'ovj.ondermijning@demo.koers.nl';
const AANJAGER_NAME = 'Burgemeester Nieuwegein (demo)';
const OVJ_NAME = 'Officier van justitie ondermijning (demo)';
const SENTENCE = 'Wij pakken drugslabs in het buitengebied samen aan.';

describeWithBrowser('test/browser/document-panels.spec.ts')('comments and version history panels in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1280, height: 900 });
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t?.close();
  });

  async function openAs(email: string, path: string): Promise<{ page: Page; pageErrors: Error[] }> {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, email);
    await page.goto(t.url + path);
    return { page, pageErrors };
  }

  const editorOf = (page: Page) => page.locator('.editor-content').first();
  const comments = (page: Page) => page.getByRole('region', { name: /^Reacties/ });
  const versions = (page: Page) => page.getByRole('region', { name: /^Versiegeschiedenis/ });
  const threadBy = (page: Page, author: string) =>
    comments(page).getByRole('article', { name: `Reactie van ${author}` });
  const highlight = (page: Page) => editorOf(page).locator('.comment-anchor');
  const waitSaved = (page: Page) =>
    page
      .locator('.save-indicator')
      .filter({ hasText: /^Opgeslagen$/ })
      .waitFor();

  /** The editor's text without the other people's caret labels. */
  const textOf = (page: Page) =>
    page.evaluate(() => {
      const copy = document.querySelector('.editor-content')!.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
      return copy.textContent ?? '';
    });
  const waitForText = (page: Page, text: string, present = true) =>
    page.waitForFunction(
      ([wanted, present]) => {
        const copy = document.querySelector('.editor-content')?.cloneNode(true) as HTMLElement | undefined;
        copy?.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return (copy?.textContent ?? '').includes(wanted as string) === present;
      },
      [text, present] as const,
    );

  /** Selects these words in the editor the way a mouse drag would (a DOM selection ProseMirror picks up). */
  async function selectWords(page: Page, words: string) {
    await editorOf(page).locator('p', { hasText: words }).click();
    await page.evaluate((target) => {
      // The words may span several text nodes (a highlight splits them); carets are not text.
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(document.querySelector('.editor-content')!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (!node.parentElement?.closest('.collaboration-carets__caret')) nodes.push(node as Text);
      const text = nodes.map((n) => n.data).join('');
      const index = text.indexOf(target);
      if (index < 0) throw new Error(`"${target}" is not in the editor`);
      const at = (offset: number, end: boolean): [Text, number] => {
        let passed = 0;
        for (const node of nodes) {
          if (offset < passed + node.data.length || (end && offset === passed + node.data.length))
            return [node, offset - passed];
          passed += node.data.length;
        }
        throw new Error('offset outside the text');
      };
      const range = document.createRange();
      range.setStart(...at(index, false));
      range.setEnd(...at(index + target.length, true));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    }, words);
    await page.waitForFunction((target) => window.getSelection()?.toString() === target, words);
  }

  it('comments with a mention, replies, resolves, follows the text, and restores a named version live', async () => {
    const secretariat = await t.login('secretariaat@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${secretariat}`).expect(200);
    const ondermijning = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Ondermijning',
    )!;
    const aanjagerToken = await t.login(AANJAGER);
    const created = await t
      .http()
      .post(`/api/workgroups/${ondermijning.id}/documents`)
      .set('Authorization', `Bearer ${aanjagerToken}`)
      .send({ title: 'Aanpak drugslabs', kind: 'notitie' })
      .expect(201);
    const documentId = created.body.id as string;

    const a = await openAs(AANJAGER, `/documenten/${documentId}`);
    await editorOf(a.page).locator('h1', { hasText: 'Notitie' }).waitFor();
    await editorOf(a.page).locator('p').last().click();
    await a.page.keyboard.type(SENTENCE, { delay: 10 });
    await waitSaved(a.page);

    const b = await openAs(OVJ, `/documenten/${documentId}`);
    await waitForText(b.page, SENTENCE);
    await comments(b.page).getByText('Geen open reacties.').waitFor();
    const bell = b.page.getByRole('button', { name: /^Meldingen/ });
    const unreadBefore = Number(await bell.getAttribute('data-unread'));

    // A selects "drugslabs" and comments by keyboard (Ctrl+Alt+M), mentioning the OvJ from the @-list.
    await selectWords(a.page, 'drugslabs');
    await a.page.keyboard.press('Control+Alt+m');
    const body = comments(a.page).getByLabel('Uw reactie');
    await body.waitFor();
    expect(await body.evaluate((element) => element === document.activeElement)).toBe(true);
    await comments(a.page).getByText('drugslabs', { exact: true }).waitFor();
    await body.type('Graag jouw blik hierop @offi', { delay: 10 });
    const option = a.page
      .getByRole('listbox', { name: 'Leden van de werkgroep' })
      .getByRole('option', { name: OVJ_NAME });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await a.page.keyboard.press('Enter');
    // Typed straight on, without a pause: the caret must already stand behind the inserted name.
    await a.page.keyboard.type('wat vind jij?');
    expect(await body.inputValue()).toBe(`Graag jouw blik hierop @${OVJ_NAME} wat vind jij?`);
    await comments(a.page).getByRole('button', { name: 'Reactie plaatsen' }).click();
    const threadA = threadBy(a.page, AANJAGER_NAME);
    await threadA.waitFor();
    expect(await threadA.locator('.mention').textContent()).toBe(`@${OVJ_NAME}`);
    await highlight(a.page).waitFor();
    expect(await highlight(a.page).textContent()).toBe('drugslabs');

    // B sees the thread and the highlight appear without a reload, and the bell counts the mention.
    const threadB = threadBy(b.page, AANJAGER_NAME);
    await threadB.getByText(`Graag jouw blik hierop @${OVJ_NAME} wat vind jij?`).waitFor();
    await highlight(b.page).waitFor();
    expect(await highlight(b.page).textContent()).toBe('drugslabs');
    await b.page.waitForFunction(
      (expected) => Number(document.querySelector('.bell-button')?.getAttribute('data-unread')) >= expected,
      unreadBefore + 1,
    );
    await bell.click();
    const notification = b.page.getByRole('link', {
      name: `${AANJAGER_NAME} noemde u in een reactie op Aanpak drugslabs`,
    });
    await notification.waitFor();
    // The notification opens the document at the thread.
    await notification.click();
    await b.page.waitForURL(`**/documenten/${documentId}?reactie=*`);
    await b.page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Reactie van Burgemeester Nieuwegein (demo)',
    );
    expect(await threadB.getAttribute('aria-current')).toBe('true');

    // B replies; A sees the reply live.
    await threadB.getByRole('button', { name: /^Antwoorden/ }).click();
    await threadB.getByLabel('Uw antwoord').fill('Ik lever voor de werksessie een voorstel aan.');
    await threadB.getByRole('button', { name: 'Antwoord plaatsen' }).click();
    await threadA.getByText('Ik lever voor de werksessie een voorstel aan.').waitFor();

    // A resolves: the thread moves to "Afgehandeld" on both sides; then reopens it.
    await threadA.getByRole('button', { name: /^Afhandelen/ }).click();
    await comments(a.page)
      .locator('.threads-resolved')
      .getByRole('article', { name: `Reactie van ${AANJAGER_NAME}` })
      .waitFor();
    await comments(b.page)
      .locator('.threads-resolved')
      .getByRole('article', { name: `Reactie van ${AANJAGER_NAME}` })
      .waitFor();
    await comments(a.page).getByRole('heading', { name: 'Afgehandeld (1)' }).waitFor();
    await threadA.getByRole('button', { name: /^Heropenen/ }).click();
    await comments(b.page).getByRole('heading', { name: 'Open (1)' }).waitFor();

    // A types before the anchor: the highlight still covers exactly "drugslabs", here and at B.
    await editorOf(a.page).locator('p', { hasText: 'drugslabs' }).click();
    await a.page.keyboard.press('Home');
    await a.page.keyboard.type('Samengevat: ', { delay: 10 });
    await waitForText(b.page, 'Samengevat: Wij pakken drugslabs');
    expect(await highlight(a.page).textContent()).toBe('drugslabs');
    expect(await highlight(b.page).textContent()).toBe('drugslabs');
    await waitSaved(a.page);

    await expectAccessible(a.page, 'document with comments and versions panels');
    await screenshot(a.page, 'document-panels-comments');

    // A deletes the commented words: the thread stays readable with its quote, on both sides.
    await selectWords(a.page, 'drugslabs ');
    await a.page.keyboard.press('Backspace');
    await waitForText(b.page, 'Samengevat: Wij pakken in het buitengebied');
    for (const page of [a.page, b.page]) {
      await threadBy(page, AANJAGER_NAME).getByText('(de tekst is verwijderd)').waitFor();
      expect(await threadBy(page, AANJAGER_NAME).locator('.thread-quote q').textContent()).toBe('drugslabs');
      expect(await highlight(page).count()).toBe(0);
    }
    await waitSaved(a.page);

    // A saves a named version, types more, and restores the named version: B's editor shows it.
    await versions(a.page).getByLabel('Naam van de versie').fill('Na de eerste reacties');
    await versions(a.page).getByRole('button', { name: 'Versie opslaan' }).click();
    await versions(b.page).getByRole('heading', { name: 'Na de eerste reacties' }).waitFor();
    await caretToEndOf(editorOf(a.page).locator('p', { hasText: 'Samengevat' }));
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('Deze zin verdwijnt weer.', { delay: 10 });
    await waitForText(b.page, 'Deze zin verdwijnt weer.');
    await waitSaved(a.page);

    const restoreButton = versions(a.page).getByRole('button', { name: /^Herstellen.*Na de eerste reacties/ });
    await restoreButton.click();
    // The app's own confirmation (not the browser's): Esc cancels and the focus goes back; then confirmed.
    const ask = a.page.getByRole('dialog', { name: /^Versie “Na de eerste reacties” van .* herstellen\?$/ });
    await ask.getByText(/De huidige tekst wordt eerst als versie bewaard/).waitFor();
    await a.page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    await eventually(async () =>
      expect(await restoreButton.evaluate((element) => element === document.activeElement)).toBe(true),
    );
    await restoreButton.click();
    await ask.getByRole('button', { name: 'Herstellen' }).click();
    await versions(a.page).getByText('Versie "Na de eerste reacties" is hersteld.', { exact: false }).waitFor();
    await waitForText(b.page, 'Deze zin verdwijnt weer.', false);
    await waitForText(a.page, 'Deze zin verdwijnt weer.', false);
    expect(await textOf(b.page)).toBe('NotitieSamengevat: Wij pakken in het buitengebied samen aan.');
    // The list shows both: the named version and the copy kept before the restore.
    for (const page of [a.page, b.page]) {
      await versions(page).getByRole('heading', { name: 'Voor herstel' }).waitFor();
      await versions(page).getByRole('heading', { name: 'Na de eerste reacties' }).waitFor();
    }
    expect(await versions(b.page).locator('.version', { hasText: 'Voor herstel' }).first().textContent()).toContain(
      `Gewijzigd door: ${AANJAGER_NAME}`,
    );

    // The copy before the restore can be viewed read-only; closing returns the focus to its button.
    const viewButton = versions(b.page)
      .locator('.version', { hasText: 'Voor herstel' })
      .first()
      .getByRole('button', { name: /^Bekijken/ });
    await viewButton.click();
    const dialog = b.page.getByRole('dialog', { name: 'Voor herstel' });
    await dialog.getByText('Deze zin verdwijnt weer.').waitFor();
    expect(await dialog.locator('.editor-content').getAttribute('contenteditable')).toBe('false');
    await expectAccessible(b.page, 'document with an old version shown');
    await screenshot(b.page, 'document-panels-version');
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await dialog.waitFor({ state: 'detached' });
    await b.page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Bekijken'));

    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 180_000);

  it('lets a reader follow the comments without the controls to add them', async () => {
    const token = await t.login('aanjager.onrust@demo.koers.nl');
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    const onrust = (workgroups.body as Array<{ id: string; name: string }>).find(
      (w) => w.name === 'Bestuurlijke werkgroep Maatschappelijke onrust',
    )!;
    const doc = await t
      .http()
      .post(`/api/workgroups/${onrust.id}/documents`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Notitie onrust', kind: 'notitie' })
      .expect(201);
    await t
      .http()
      .post(`/api/documents/${doc.body.id}/comments`)
      .set('Authorization', `Bearer ${token}`)
      .send({ body: 'Een algemene opmerking' })
      .expect(201);

    const reader = await openAs('waarnemer.onrust@demo.koers.nl', `/documenten/${doc.body.id}`);
    await comments(reader.page).getByText('Een algemene opmerking').waitFor();
    await reader.page.getByText('U kunt de reacties lezen, maar niet reageren.').waitFor();
    expect(
      await comments(reader.page)
        .getByRole('button', { name: /Reageren|Antwoorden|Afhandelen/ })
        .count(),
    ).toBe(0);
    expect(
      await versions(reader.page)
        .getByRole('button', { name: /Versie opslaan|Herstellen/ })
        .count(),
    ).toBe(0);
    expect(reader.pageErrors).toEqual([]);
  }, 60_000);
});
