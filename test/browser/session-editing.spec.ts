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
 * Editing a session in the browser: the aanjager moves a session to the afternoon through "Sessie bewerken",
 * sees it saved and in the history; a change someone else saved meanwhile to another field is combined
 * without asking, a change to the same field opens the conflict dialog. axe-core on the page with the form.
 */
const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';

describeWithBrowser('test/browser/session-editing.spec.ts')('editing a session in the browser', () => {
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

  const plan = async (title: string) =>
    (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/sessions`)
        .set('Authorization', `Bearer ${token}`)
        .send({
          type: 'werksessie',
          state: 'geagendeerd',
          title,
          startsAt: '2030-03-12T09:30:00+01:00',
          endsAt: '2030-03-12T11:00:00+01:00',
          location: 'Stadhuis Nieuwegein',
        })
        .expect(201)
    ).body as { id: string; version: number };
  /** A change by someone else, straight through the API. */
  const changeElsewhere = (id: string, version: number, body: Record<string, unknown>) =>
    t
      .http()
      .patch(`/api/sessions/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', `"${version}"`)
      .send(body)
      .expect(200);

  it("changes a session's time, and combines or asks when someone else changed it meanwhile", async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, AANJAGER);
    const session = await plan(`Werksessie vastgoed ${Date.now()}`);
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/sessies/${session.id}`);
    const facts = page.locator('dl.facts');
    await facts.getByText(/12 maart 2030 om 09:30/).waitFor();

    await page.getByRole('button', { name: 'Sessie bewerken' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Sessie bewerken' }) });
    await form.getByLabel('Begintijd').fill('14:00');
    await form.getByLabel('Eindtijd').fill('16:00');
    await expectAccessible(page, 'Sessie bewerken');
    await screenshot(page, '45-sessie-bewerken');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De sessie is opgeslagen.' }).waitFor();
    await facts.getByText(/12 maart 2030 om 14:00 tot 16:00/).waitFor();
    const history = page.getByRole('region', { name: /^Wijzigingen/ });
    await history.getByText('Sessie gewijzigd').waitFor();
    expect(await history.textContent()).toMatch(/Begin: .*09:30.*wordt.*14:00/);

    // Saved on the server: a reload shows the new time.
    await page.reload();
    await facts.getByText(/12 maart 2030 om 14:00 tot 16:00/).waitFor();

    // Someone else changes the place while this form is open: my title change goes on top, nobody is asked.
    let current = (
      await t.http().get(`/api/sessions/${session.id}`).set('Authorization', `Bearer ${token}`).expect(200)
    ).body;
    await page.getByRole('button', { name: 'Sessie bewerken' }).click();
    await form.getByLabel('Titel').fill('Werksessie vastgoed en horeca');
    current = (await changeElsewhere(session.id, current.version, { location: 'Gemeentehuis Houten' })).body;
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De sessie is opgeslagen.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Werksessie vastgoed en horeca' }).waitFor();
    await facts.getByText('Gemeentehuis Houten').waitFor();

    // Both change the end time: the conflict dialog shows both, and "Mijn versie houden" keeps mine.
    current = (await t.http().get(`/api/sessions/${session.id}`).set('Authorization', `Bearer ${token}`).expect(200))
      .body;
    await page.getByRole('button', { name: 'Sessie bewerken' }).click();
    await form.getByLabel('Eindtijd').fill('17:00');
    await changeElsewhere(session.id, current.version, { endsAt: '2030-03-12T16:30:00+01:00' });
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/16:30[\s\S]*17:00/);
    await dialog.getByRole('button', { name: 'Mijn versie houden' }).click();
    await page.getByRole('status').filter({ hasText: 'De sessie is opgeslagen.' }).waitFor();
    await facts.getByText(/om 14:00 tot 17:00/).waitFor();

    // On a phone the form fits the screen (the page around it is the phone layout's concern).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Sessie bewerken' }).click();
    await form.getByLabel('Titel').waitFor();
    const fits = await form.evaluate((el) => ({
      right: el.getBoundingClientRect().right,
      overflow: el.scrollWidth - el.clientWidth,
    }));
    expect(fits.right).toBeLessThanOrEqual(390);
    expect(fits.overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '46-sessie-bewerken-390');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
