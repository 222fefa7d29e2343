import * as OTPAuth from 'otpauth';
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
 * The account life cycle in Chromium, without SMTP (the embedded default): the secretariat creates a user
 * in Beheer without typing a password and gets the invitation link to hand over; the person opens it, is
 * told why a weak password is refused, sets one, logs in and changes it in Mijn instellingen (at 390 px).
 */
describeWithBrowser('test/browser/accounts.spec.ts')('accounts in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1024, height: 800 });
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('invitation link, password rules, first login and a changed password', async () => {
    const secretariat = await pages.newPage();
    await pages.login(secretariat.page, 'secretariaat@demo.koers.nl');
    const admin = secretariat.page;
    await admin.goto(`${t.url}/beheer/gebruikers`);
    await admin.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    const form = admin.getByRole('form', { name: 'Nieuwe gebruiker' });
    await form.getByLabel('E-mailadres').fill('nieuwe.collega@example.nl');
    await form.getByLabel('Naam').fill('Nieuwe Collega');
    await form.getByLabel('Organisatie').selectOption({ label: 'Gemeente Utrecht' });
    await expectAccessible(admin, 'accounts-new-user');
    expect(await form.getByLabel('Wachtwoord').count()).toBe(0);
    await form.getByRole('button', { name: 'Gebruiker aanmaken en uitnodigen' }).click();
    const linkField = admin.getByLabel('Uitnodigingslink');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${t.url}/uitnodiging#token=[\\w-]{43}$`));
    await admin
      .getByRole('row', { name: /Nieuwe Collega/ })
      .getByText('Uitgenodigd')
      .waitFor();
    await screenshot(admin, 'accounts-invitation-link');

    const person = await pages.newPage({ width: 390, height: 844 });
    const page = person.page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Welkom bij Koers' }).waitFor();
    await page.getByLabel('Nieuw wachtwoord').fill('qwerty123456');
    await page.getByLabel('Herhaal het wachtwoord').fill('qwerty123456');
    await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await page.getByText('te bekend').first().waitFor();
    await expectAccessible(page, 'accounts-invitation-refused');

    const password = 'paarse-olifant-fietst-naar-Zeist';
    await page.getByLabel('Nieuw wachtwoord').fill(password);
    await page.getByLabel('Herhaal het wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await page.waitForURL('**/inloggen');
    await page.getByText('Uw wachtwoord is ingesteld').waitFor();
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe('nieuwe.collega@example.nl');
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // The same link a second time: a clear message.
    const again = await pages.newPage({ width: 390, height: 844 });
    await again.page.goto(link);
    await again.page.getByLabel('Nieuw wachtwoord').fill('groene-reiger-zwemt-in-de-Vecht');
    await again.page.getByLabel('Herhaal het wachtwoord').fill('groene-reiger-zwemt-in-de-Vecht');
    await again.page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await again.page.getByText('al gebruikt of verlopen').waitFor();

    await page.goto(`${t.url}/instellingen`);
    const change = page.getByRole('form', { name: 'Wachtwoord wijzigen' });
    await change.getByLabel('Huidig wachtwoord').fill(password);
    await change.getByLabel('Nieuw wachtwoord').fill('groene-reiger-zwemt-in-de-Vecht');
    await change.getByLabel('Herhaal het nieuwe wachtwoord').fill('groene-reiger-zwemt-in-de-Vecht');
    await change.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await change.getByText('Uw wachtwoord is gewijzigd').waitFor();
    await expectAccessible(page, 'accounts-change-password');
    await screenshot(page, 'accounts-change-password-390');
    const login = await t.http().post('/api/auth/login').send({
      email: 'nieuwe.collega@example.nl',
      password: 'groene-reiger-zwemt-in-de-Vecht',
    });
    expect(login.status).toBe(200);

    // Wachtwoord vergeten: the same answer for anyone.
    const stranger = await pages.newPage({ width: 390, height: 844 });
    await stranger.page.goto(`${t.url}/inloggen`);
    await stranger.page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await stranger.page.getByLabel('E-mailadres').fill('niemand@example.nl');
    await stranger.page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await stranger.page.getByText('Als dit e-mailadres bij Koers bekend is').waitFor();
    await expectAccessible(stranger.page, 'accounts-forgot-password');

    for (const p of [secretariat, person, again, stranger]) expect(p.pageErrors).toEqual([]);
  });

  it('sets up a second factor in Mijn instellingen and logs in with a code (390 px)', async () => {
    const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
    await pages.login(page, 'ovj.onrust@demo.koers.nl');
    await page.goto(`${t.url}/instellingen`);
    await page.getByRole('button', { name: 'Tweede factor instellen' }).click();
    await page.locator('.mfa-qr svg').waitFor();
    const secret = (await page.locator('.mfa-secret').textContent())!.trim();
    const code = (at: number) =>
      new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
        timestamp: at,
      });
    await expectAccessible(page, 'accounts-mfa-setup');
    await page.getByLabel('Code uit de app').fill(code(Date.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('list', { name: 'Herstelcodes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem').count()).toBe(10);
    await screenshot(page, 'accounts-mfa-recovery-codes-390');

    await openMenuIfFolded(page);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/inloggen');
    await page.getByLabel('E-mailadres').fill('ovj.onrust@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('koers-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Tweede stap' }).waitFor();
    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Deze code klopt niet').waitFor();
    await page.getByLabel('Code').fill(code(Date.now() + 30_000));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(pageErrors).toEqual([]);
  });

  it('Mijn sessies lists where I am logged in and ends the others (390 px)', async () => {
    const email = 'politie.onrust@demo.koers.nl';
    // Logged in elsewhere too: a phone the person lent out.
    await t
      .http()
      .post('/api/auth/login')
      .set('User-Agent', 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0')
      .send({ email, password: 'koers-demo' })
      .expect(200);
    const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
    await pages.login(page, email);
    await page.goto(`${t.url}/instellingen`);
    const section = page.getByRole('region', { name: 'Mijn sessies' });
    await section.getByText('Firefox 128 op Android (telefoon)').waitFor();
    await section.getByText('Deze sessie').waitFor();
    await expectAccessible(page, 'accounts-sessions-390');
    await section.getByRole('button', { name: 'Alle andere sessies beëindigen' }).click();
    await section.getByText('1 andere sessie is beëindigd.').waitFor();
    expect(await section.getByText('Firefox 128 op Android (telefoon)').count()).toBe(0);
    await screenshot(page, 'accounts-sessions-390');
    expect(pageErrors).toEqual([]);
  });

  it('the secretariat sets who must use a second factor in Beheer > Beveiliging', async () => {
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, 'secretariaat@demo.koers.nl');
    await page.goto(`${t.url}/beheer/beveiliging`);
    const form = page.getByRole('form', { name: 'Tweede factor verplicht' });
    const rvc = form.getByLabel('Voor leden van het Regionaal Veiligheidscollege');
    expect(await rvc.isChecked()).toBe(false);
    await rvc.check();
    await expectAccessible(page, 'accounts-mfa-policy');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.getByText('Opgeslagen.', { exact: false }).waitFor();
    const saved = await t
      .http()
      .get('/api/mfa-policy')
      .set('Authorization', `Bearer ${await t.login('secretariaat@demo.koers.nl')}`);
    expect(saved.body).toEqual({ requireAll: false, requireSecretariat: false, requireRvc: true });
    expect(pageErrors).toEqual([]);
  });
});
