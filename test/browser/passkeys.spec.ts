import { Api, DEMO } from '../support/api-helpers';
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
 * Passkeys in Chromium with its virtual authenticator (CDP WebAuthn domain: a platform authenticator with
 * user verification, as a laptop's fingerprint reader): added in Mijn instellingen, used at the login's second
 * step instead of a code, removed again; at 390 px and by keyboard. WebAuthn needs a secure context and a
 * domain as relying party, so the browser opens Koers at http://localhost (not 127.0.0.1).
 */
describeWithBrowser('test/browser/passkeys.spec.ts')('passkeys in a browser', () => {
  let t: TestApp;
  let api: Api;
  let pages: BrowserPages;
  let base: string;
  const email = DEMO.aanjagerCyber;

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    api = new Api(t);
    base = t.url.replace('127.0.0.1', 'localhost');
    pages = new BrowserPages(browser, base, { width: 390, height: 844 });
  });

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('adds a passkey in Mijn instellingen, signs in with it instead of a code, and removes it', async () => {
    const { page, context, pageErrors } = await pages.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await pages.login(page, email);
    await page.goto(`${base}/instellingen`);
    const section = page.getByRole('region', { name: 'Passkeys' });
    await section.getByText('U heeft nog geen passkeys.').waitFor();
    // A name is asked first, in Dutch, at the field.
    await section.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await section.getByText('Geef de passkey een naam, bijvoorbeeld "Laptop werk".').first().waitFor();
    // By keyboard: the name, then Enter; the virtual authenticator answers the browser's request.
    await section.getByLabel('Naam van de passkey').fill('Laptop werk');
    await section.getByLabel('Naam van de passkey').press('Enter');
    await section.getByText('Passkey “Laptop werk” is toegevoegd.', { exact: false }).waitFor();
    const list = section.getByRole('list', { name: 'Mijn passkeys' });
    await list.getByText('Laptop werk').waitFor();
    await list.getByText('nog niet gebruikt', { exact: false }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const countAtRegistration = credentials[0].signCount;
    await expectAccessible(page, 'passkeys-settings');
    await screenshot(page, 'passkeys-settings-390');

    // Log out; the password step now asks for the passkey (the account has no authenticator app).
    await openMenuIfFolded(page);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/inloggen');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill('koers-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Tweede stap' }).waitFor();
    expect(await page.getByLabel('Code').count()).toBe(0);
    await expectAccessible(page, 'passkeys-second-step');
    await screenshot(page, 'passkeys-second-step-390');
    await page.getByRole('button', { name: 'Inloggen met passkey' }).press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user.email).toBe(email);
    const used = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(used.credentials[0].signCount).toBeGreaterThan(countAtRegistration);

    const login = (await api.audit({ action: 'auth.login' })).items.find((e) => e.actorEmail === email);
    expect(login?.summary).toEqual({ mfa: 'passkey' });
    const added = (await api.audit({ action: 'passkey.add' })).items.find((e) => e.actorEmail === email);
    expect(added).toMatchObject({ outcome: 'success', summary: { name: 'Laptop werk' } });

    // Removing asks first; afterwards the list is empty and the password alone logs in again.
    await page.goto(`${base}/instellingen`);
    await list.getByText('laatst gebruikt', { exact: false }).waitFor();
    await section.getByRole('button', { name: 'Passkey Laptop werk verwijderen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Passkey “Laptop werk” verwijderen?' });
    await dialog.getByRole('button', { name: 'Verwijderen' }).click();
    await section.getByText('Passkey “Laptop werk” is verwijderd.').waitFor();
    await section.getByText('U heeft nog geen passkeys.').waitFor();
    const removed = (await api.audit({ action: 'passkey.remove' })).items.find((e) => e.actorEmail === email);
    expect(removed).toMatchObject({ outcome: 'success', summary: { name: 'Laptop werk' } });
    expect((await t.http().post('/api/auth/login').send({ email, password: 'koers-demo' })).body.accessToken).toEqual(
      expect.any(String),
    );
    expect(pageErrors).toEqual([]);
    // Three logins and two ceremonies in one flow: more than the default minute on a busy machine.
  }, 180_000);
});
