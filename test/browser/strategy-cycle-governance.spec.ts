import type { Page } from 'playwright-core';
import type { BodyDetail, BodySummary, MeetingDetail, MeetingSummary, PeriodWorkgroup } from '@koers/contracts';
import { Api, DEMO, expectStatus, unique } from '../support/api-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  openMenuIfFolded,
  screenshot,
} from './support/browser-harness';

/**
 * Issue 17, the governance screens (docs/strategy-cycle.md): the secretariat records the board's adoption of
 * a concept strategy (date, body, meeting, decision), continues one werkgroep of the old period under the new
 * strategy and discharges another, closes the old period; and on a phone creates, edits and deletes a body,
 * its members and a meeting. Every irreversible step goes through the app's confirmation dialog. A discharge
 * is undone by keyboard until the new period is adopted; a meeting gets guests who are not members; a meeting
 * changed by someone else meanwhile shows the conflict dialog.
 */
describeWithBrowser('test/browser/strategy-cycle-governance.spec.ts')(
  'strategy cycle: adoption, turn of the period, bodies',
  () => {
    let t: TestApp;
    let api: Api;
    let pages: BrowserPages;

    beforeAll(async () => {
      const [app, browser] = await Promise.all([createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }), launchChromium()]);
      t = app;
      api = new Api(t);
      pages = new BrowserPages(browser, t.url);
    }, 60_000);

    afterAll(async () => {
      await pages?.closeAll();
      await t?.close();
    });

    const strategy = async (title: string, period: [string, string]) =>
      expectStatus(
        await api.post(DEMO.secretariaat, '/api/strategies', { title, periodStart: period[0], periodEnd: period[1] }),
        201,
      ).body.id as string;
    const theme = async (strategyId: string, title: string) =>
      expectStatus(await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/themes`, { title }), 201).body
        .id as string;
    const workgroup = async (themeId: string, name: string) =>
      expectStatus(await api.post(DEMO.secretariaat, '/api/workgroups', { themeId, name }), 201).body.id as string;
    const card = (page: Page, name: string) =>
      page.locator('li.card', { has: page.getByRole('heading', { name, exact: true }) });
    const confirmDialog = async (page: Page, button: string) => {
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: button, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    };

    it('adoption by the RVC at a meeting, a werkgroep continued, one discharged, the old period closed', async () => {
      const oldTitle = unique('RVS 2023-2026 (oud)');
      const newTitle = unique('Concept RVS 2027-2030');
      const oldId = await strategy(oldTitle, ['2023-01-01', '2026-12-31']);
      const newId = await strategy(newTitle, ['2027-01-01', '2030-12-31']);
      const continuing = unique('Werkgroep Ondermijning');
      const ending = unique('Werkgroep Cybercrime');
      await workgroup(await theme(oldId, unique('Ondermijning oud')), continuing);
      const endingId = await workgroup(await theme(oldId, unique('Cybercrime oud')), ending);
      const newTheme = unique('Ondermijning en georganiseerde misdaad');
      await theme(newId, newTheme);
      const bodies = expectStatus(await api.get(DEMO.secretariaat, '/api/bodies'), 200).body as BodySummary[];
      const rvc = bodies.find((b) => b.kind === 'rvc')!;
      const [rvcMeeting] = expectStatus(await api.get(DEMO.secretariaat, `/api/bodies/${rvc.id}/meetings`), 200)
        .body as MeetingSummary[];

      const { page: s, pageErrors } = await pages.newPage();
      await pages.login(s, DEMO.secretariaat);
      await s.goto(t.url + '/cyclus');
      await s.getByRole('link', { name: 'Vaststelling en periodewissel' }).click();
      await s.getByRole('heading', { name: 'Vaststelling en periodewissel' }).waitFor();
      await s.getByRole('link', { name: newTitle }).click();
      await s.getByRole('heading', { name: `Vaststelling: ${newTitle}` }).waitFor();

      // Nothing filled in: the form says what is missing, in Dutch, and sends nothing.
      await s.getByRole('button', { name: 'Vaststelling vastleggen' }).click();
      await s.getByText('Kies de datum van het besluit.').waitFor();
      await s.getByText('Geef de verwijzing naar het besluit (2 tot 300 tekens).').waitFor();

      await s.getByLabel(/^Datum van het besluit/).fill('2026-11-12');
      // The board is chosen by default; the meeting is one of its own.
      // (chosen once the bodies are loaded)
      await s
        .getByLabel('Orgaan', { exact: true })
        .locator('option:checked', { hasText: rvc.name })
        .waitFor({ state: 'attached' });
      expect(await s.getByLabel('Orgaan', { exact: true }).inputValue()).toBe(rvc.id);
      await s.getByLabel('Vergadering', { exact: true }).selectOption(rvcMeeting.id);
      await s.getByLabel(/^Besluit \(kenmerk of verwijzing\)/).fill('Besluitenlijst RVC 12 november 2026, punt 4');
      await s.getByRole('button', { name: 'Vaststelling vastleggen' }).click();
      // The app's dialog asks first; cancelling changes nothing.
      await s.getByRole('dialog').getByRole('button', { name: 'Annuleren' }).click();
      expect(expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${newId}/adoption`), 200).body.status).toBe(
        'concept',
      );
      await s.getByRole('button', { name: 'Vaststelling vastleggen' }).click();
      await confirmDialog(s, 'Vaststelling vastleggen');
      await s.getByText('De vaststelling is vastgelegd.').waitFor();
      const facts = s.locator('dl.facts');
      await facts.getByText('Vastgesteld', { exact: true }).waitFor();
      await facts.getByRole('link', { name: rvc.name }).waitFor();
      await facts.getByText('Besluitenlijst RVC 12 november 2026, punt 4').waitFor();
      await facts.getByText(rvcMeeting.title, { exact: false }).waitFor();
      await expectAccessible(s, 'adoption-adopted');

      // The strategy page shows the adoption too.
      await s.getByRole('link', { name: 'Naar de strategie' }).click();
      await s.getByRole('heading', { name: 'Vaststelling', exact: true }).waitFor();
      await s.getByText('Besluit: Besluitenlijst RVC 12 november 2026, punt 4').waitFor();

      // The turn of the period, on the old strategy (adopted earlier).
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${oldId}/adoption`, {
          adoptedOn: '2022-12-14',
          decisionReference: 'Besluit RVC 14 december 2022',
        }),
        200,
      );
      await s.goto(t.url + `/cyclus/vaststelling/${oldId}`);
      await s.getByRole('heading', { name: `Vaststelling: ${oldTitle}` }).waitFor();
      const first = card(s, continuing);
      await first.getByRole('button', { name: `Vastleggen voor ${continuing}` }).click();
      await first.getByText('Kies voortzetten of decharge.').waitFor();
      await first.getByLabel('Voortzetten onder een prioriteit van de nieuwe strategie').check();
      await first
        .getByLabel(/^Prioriteit van de nieuwe strategie/)
        .selectOption({ label: `${newTheme} (${newTitle})` });
      await first.getByRole('button', { name: `Vastleggen voor ${continuing}` }).click();
      await confirmDialog(s, 'Voortzetten');
      await s.getByText(`${continuing} gaat verder in de nieuwe periode.`).waitFor();
      await card(s, continuing).waitFor({ state: 'detached' });

      const second = card(s, ending);
      await second.getByLabel('Decharge verlenen (archiveren, alleen-lezen)').check();
      await second.getByLabel('Toelichting').fill('Opdracht afgerond.');
      await second.getByRole('button', { name: `Vastleggen voor ${ending}` }).click();
      await confirmDialog(s, 'Decharge verlenen');
      await s.getByText(`${ending} heeft decharge gekregen.`).waitFor();
      await second.getByText('Gedechargeerd').waitFor();
      await second.getByText(/alleen-lezen · Opdracht afgerond\./).waitFor();
      await expect(second.getByRole('button', { name: /Vastleggen/ }).count()).resolves.toBe(0);

      await s.getByRole('button', { name: 'Periode afsluiten' }).click();
      await confirmDialog(s, 'Periode afsluiten');
      await s.getByText('De periode is afgesloten.').waitFor();
      await s.locator('dl.facts').getByText('Afgesloten', { exact: true }).waitFor();
      await screenshot(s, 'adoption-turn-of-period');

      // The API agrees: the werkgroep moved, the other is read-only for the secretariat too.
      const periodGroups = expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${newId}/workgroups`), 200)
        .body as Array<{ name: string }>;
      expect(periodGroups.map((w) => w.name)).toContain(continuing);
      expect(
        (await api.patch(DEMO.secretariaat, `/api/workgroups/${endingId}`, { description: 'Nog iets' })).status,
      ).toBe(403);
      expect(pageErrors).toEqual([]);
    });

    it('on a phone the secretariat creates, edits and deletes a body, its members and a meeting', async () => {
      const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
      await pages.login(page, DEMO.secretariaat);
      // The phone header folds the navigation behind "Menu".
      await page.getByRole('button', { name: 'Menu' }).waitFor();
      await openMenuIfFolded(page);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Strategiecyclus' }).click();
      await page.getByRole('link', { name: 'Bestuurlijke organen' }).click();
      await page.getByRole('heading', { name: 'Bestuurlijke organen' }).waitFor();
      await page.getByRole('button', { name: 'Nieuw orgaan' }).click();

      // Bad input: Dutch messages on the fields, nothing sent.
      await page.getByLabel(/^Soort/).selectOption('dvc');
      await page.getByLabel(/^Vergadert minstens/).fill('6');
      await page.getByLabel(/^Vergadert hoogstens/).fill('4');
      await page.getByRole('button', { name: 'Orgaan aanmaken' }).click();
      await page.getByText('Een naam heeft 2 tot 200 tekens.').waitFor();
      await page.getByText('Een districtelijk veiligheidscollege hoort bij een district.').waitFor();
      await page.getByText('Het hoogste aantal is niet lager dan het laagste.').waitFor();
      await expectAccessible(page, 'body-form-errors-phone');

      const name = unique('Stuurgroep Zorg en Veiligheid');
      await page.getByLabel(/^Soort/).selectOption('stuurgroep');
      await page.getByLabel(/^Naam/).fill(name);
      await page.getByLabel(/^Vergadert hoogstens/).fill('8');
      await page.getByRole('button', { name: 'Orgaan aanmaken' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByText('Stuurgroep / BBG · vergadert 6 tot 8 keer per jaar').waitFor();

      // Edit it.
      const renamed = `${name} (BBG)`;
      await page.getByRole('button', { name: 'Orgaan bewerken' }).click();
      await page.getByLabel(/^Naam/).fill(renamed);
      await page.getByRole('button', { name: 'Orgaan opslaan' }).click();
      await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();

      // Members: an organisation with a role, and a person.
      await page.getByLabel('Soort lid').selectOption('organisation');
      await page.getByLabel(/^Organisatie/).selectOption({ label: 'Openbaar Ministerie Midden-Nederland' });
      await page.getByLabel('Rol').fill('gebiedsofficier');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.getByRole('heading', { name: 'Leden (1)' }).waitFor();
      await page.getByText('– gebiedsofficier').waitFor();
      await page.getByLabel('Soort lid').selectOption('person');
      const person = page.getByLabel(/^Persoon/);
      await person.selectOption({ index: 1 });
      const personName = (await person.locator('option:checked').textContent())!;
      await page.getByLabel('Rol').fill('voorzitter');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.getByRole('heading', { name: 'Leden (2)' }).waitFor();

      // A meeting.
      await page.getByRole('button', { name: 'Nieuwe vergadering' }).click();
      await page.getByLabel(/^Titel/).fill('Eerste vergadering');
      await page.getByLabel(/^Datum/).fill('2027-03-09');
      await page.getByLabel(/^Begintijd/).fill('14:00');
      await page.getByLabel(/^Eindtijd/).fill('16:00');
      await page.getByLabel('Locatie').fill('Stadhuis Amersfoort');
      await page.getByLabel('Agenda').fill('Opening\nJaarplan 2027');
      await page.getByLabel('Stukken').fill('Concept jaarplan 2027 | STG-2027-01');
      await page.getByLabel(personName, { exact: true }).selectOption('aanwezig');
      await page.getByRole('button', { name: 'Vergadering toevoegen' }).click();
      await page.getByText('De vergadering “Eerste vergadering” is toegevoegd.').waitFor();
      const meeting = card(page, 'Eerste vergadering');
      await meeting.getByText(/dinsdag 9 maart 2027, 14:00–16:00 · Stadhuis Amersfoort/).waitFor();
      await expectAccessible(page, 'body-page-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await meeting.getByRole('button', { name: /^Bewerken\W*Eerste vergadering/ }).click();
      const form = page.getByRole('form', { name: 'Vergadering bewerken: Eerste vergadering' });
      expect(await form.getByLabel('Agenda').inputValue()).toBe('Opening\nJaarplan 2027');
      await form.getByLabel('Locatie').fill('Provinciehuis Utrecht');
      await form.getByLabel(/^Status/).selectOption('afgerond');
      await form.getByRole('button', { name: 'Vergadering opslaan' }).click();
      await page.getByText('De vergadering “Eerste vergadering” is opgeslagen.').waitFor();
      await meeting.getByText(/Provinciehuis Utrecht/).waitFor();
      await meeting.getByText('Afgerond').waitFor();
      // Everyone who sees the body opens a meeting's agenda, documents, decisions and attendance.
      await meeting.getByText('Agenda, stukken en besluiten').click();
      await meeting.getByText('Jaarplan 2027', { exact: true }).waitFor();
      await meeting.getByText('Concept jaarplan 2027').waitFor();
      await meeting.getByText('(STG-2027-01)').waitFor();
      await meeting.getByText(`${personName} – aanwezig`).waitFor();

      // A body with meetings is not deleted: the API's Dutch 409 is shown.
      await page.getByRole('button', { name: 'Orgaan verwijderen' }).click();
      await confirmDialog(page, 'Orgaan verwijderen');
      await page.getByText('Dit orgaan heeft vergaderingen. Verwijder eerst de vergaderingen.').waitFor();

      await meeting.getByRole('button', { name: /^Verwijderen\W*Eerste vergadering/ }).click();
      await confirmDialog(page, 'Vergadering verwijderen');
      await page.getByText('De vergadering “Eerste vergadering” is verwijderd.').waitFor();
      await page.getByText('Geen vergaderingen.').waitFor();
      await page.getByRole('button', { name: 'Orgaan verwijderen' }).click();
      await confirmDialog(page, 'Orgaan verwijderen');
      await page.getByRole('heading', { name: 'Bestuurlijke organen', level: 1 }).waitFor();
      await expect(page.getByRole('link', { name: renamed }).count()).resolves.toBe(0);

      // The adoption screen at 390 px, with its form.
      const conceptId = await strategy(unique('Concept voor de telefoon'), ['2027-01-01', '2030-12-31']);
      await page.goto(t.url + `/cyclus/vaststelling/${conceptId}`);
      await page.getByRole('heading', { name: 'Vaststelling vastleggen' }).waitFor();
      await expectAccessible(page, 'adoption-form-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(pageErrors).toEqual([]);
    }, 150_000);

    it('on a phone, by keyboard: a discharge is undone after asking, until the new period is adopted', async () => {
      const oldId = await strategy(unique('RVS 2051-2054'), ['2051-01-01', '2054-12-31']);
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${oldId}/adoption`, {
          adoptedOn: '2026-10-01',
          decisionReference: 'RVC 1 oktober 2026',
        }),
        200,
      );
      const name = unique('Werkgroep Havens');
      const id = await workgroup(await theme(oldId, unique('Havens')), name);
      const discharge = () =>
        api.post(DEMO.secretariaat, `/api/workgroups/${id}/transition`, { action: 'discharge', note: 'Afgerond.' });
      expectStatus(await discharge(), 200);

      const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
      await pages.login(page, DEMO.secretariaat);
      await page.goto(t.url + `/cyclus/vaststelling/${oldId}`);
      const group = card(page, name);
      const undo = group.getByRole('button', { name: `Decharge terugdraaien (${name})` });
      await undo.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Decharge terugdraaien?' });
      await dialog.getByText(`“${name}” wordt weer actief`, { exact: false }).waitFor();
      await expectAccessible(page, 'undo-discharge-dialog-phone');
      // Escape cancels: nothing changes.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await group.getByText('Gedechargeerd').waitFor();
      await undo.focus();
      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: 'Decharge terugdraaien' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(`De decharge van ${name} is teruggedraaid; de werkgroep is weer actief.`).waitFor();
      await group.getByText('Actief', { exact: true }).waitFor();
      await group.getByRole('button', { name: `Vastleggen voor ${name}` }).waitFor();
      expect(
        (
          expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${oldId}/workgroups`), 200)
            .body as PeriodWorkgroup[]
        )[0].archivedAt,
      ).toBeNull();
      await expectAccessible(page, 'undo-discharge-done-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // Discharged again and the next period adopted: no button, the page says why.
      expectStatus(await discharge(), 200);
      const nextId = await strategy(unique('RVS 2055-2058'), ['2055-01-01', '2058-12-31']);
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${nextId}/adoption`, {
          adoptedOn: '2026-11-01',
          decisionReference: 'RVC 1 november 2026',
        }),
        200,
      );
      await page.reload();
      await group.getByText('De nieuwe periode is vastgesteld; de decharge is niet meer terug te draaien.').waitFor();
      await expect(group.getByRole('button', { name: /Decharge terugdraaien/ }).count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    }, 150_000);

    it('on a phone: guests at a meeting apart from the members, and a meeting changed meanwhile', async () => {
      const bodyId = expectStatus(
        await api.post(DEMO.secretariaat, '/api/bodies', { kind: 'overig', name: unique('Veiligheidsoverleg') }),
        201,
      ).body.id as string;
      const memberName = 'Burgemeester Houten (demo)';
      const body = expectStatus(
        await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${bodyId}/members`, {
          members: [{ userId: await api.userId('burgemeester.houten@demo.koers.nl'), role: 'voorzitter' }],
        }),
        200,
      ).body as BodyDetail;
      expect(body.members[0].name).toBe(memberName);
      const meeting = expectStatus(
        await api.post(DEMO.secretariaat, `/api/bodies/${bodyId}/meetings`, {
          title: 'Overleg maart',
          startsAt: '2027-03-15T10:00:00+01:00',
          endsAt: '2027-03-15T12:00:00+01:00',
        }),
        201,
      ).body as MeetingDetail;

      const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
      await pages.login(page, DEMO.secretariaat);
      await page.goto(t.url + `/cyclus/organen/${bodyId}`);
      const item = card(page, 'Overleg maart');
      await item.getByRole('button', { name: /^Bewerken\W*Overleg maart/ }).click();
      const form = page.getByRole('form', { name: 'Vergadering bewerken: Overleg maart' });
      await form.getByLabel(memberName, { exact: true }).selectOption('aanwezig');
      const guests = form.getByRole('group', { name: 'Gasten (geen lid van het orgaan)' });
      // A guest without a name is refused in Dutch; Enter in the fields adds, it does not save the meeting.
      await guests.getByRole('button', { name: 'Gast toevoegen' }).click();
      await guests.getByText('Geef de naam van de gast (2 tot 200 tekens).').waitFor();
      await guests.getByLabel('Naam van de gast').fill('Jan Jansen');
      await guests.getByLabel('Organisatie').fill('Provincie Utrecht');
      await guests.getByLabel(/^Functie/).fill('gedeputeerde');
      await guests.getByLabel(/^Functie/).press('Enter');
      await guests.getByLabel('Jan Jansen – gedeputeerde, Provincie Utrecht').waitFor();
      // A Koers user who is not a member.
      await guests.getByLabel('Soort gast').selectOption('gebruiker');
      const user = guests.getByLabel('Gebruiker');
      await user.locator('option', { hasText: 'RIEC' }).first().waitFor({ state: 'attached' });
      const riecLabel = (await user.locator('option', { hasText: 'RIEC' }).first().textContent())!;
      await user.selectOption({ label: riecLabel });
      await guests.getByRole('button', { name: 'Gast toevoegen' }).click();
      await expect(user.locator('option', { hasText: riecLabel }).count()).resolves.toBe(0);
      await expectAccessible(page, 'meeting-guests-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // Meanwhile someone else renames the meeting and sets the place: a clash on the title only.
      expectStatus(
        await api.patch(DEMO.secretariaat, `/api/meetings/${meeting.id}`, {
          title: 'Overleg maart (verzet)',
          location: 'Gemeentehuis Houten',
          version: meeting.version,
        }),
        200,
      );
      await form.getByLabel(/^Titel/).fill('Overleg maart, met gasten');
      await form.getByRole('button', { name: 'Vergadering opslaan' }).click();
      const conflict = page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });
      await conflict.getByText('Overleg maart (verzet)').waitFor();
      await conflict.getByText('Ook door de ander gewijzigd en bewaard: Locatie.').waitFor();
      await expectAccessible(page, 'meeting-conflict-phone');
      await conflict.getByRole('button', { name: 'Mijn versie houden' }).click();
      await page.getByText('De vergadering “Overleg maart, met gasten” is opgeslagen.').waitFor();

      const stored = expectStatus(await api.get(DEMO.secretariaat, `/api/meetings/${meeting.id}`), 200)
        .body as MeetingDetail;
      expect(stored).toMatchObject({ title: 'Overleg maart, met gasten', location: 'Gemeentehuis Houten' });
      expect(stored.attendees.map((a) => a.name)).toEqual([memberName]);
      expect(stored.guests.map((g) => [g.name, g.userId === null])).toEqual([
        ['Jan Jansen', true],
        [expect.stringContaining('RIEC'), false],
      ]);
      // Everyone who sees the body reads the guests apart from the members.
      const saved = card(page, 'Overleg maart, met gasten');
      await saved.getByText('Agenda, stukken en besluiten').click();
      await saved.getByText(`${memberName} – aanwezig`).waitFor();
      await saved
        .getByRole('list', { name: 'Gasten van Overleg maart, met gasten' })
        .getByText('Jan Jansen', { exact: false })
        .waitFor();
      expect(pageErrors).toEqual([]);
    }, 150_000);
  },
);
