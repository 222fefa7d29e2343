import { startOidcProvider, RunningProvider } from '../support/oidc';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  screenshot,
} from './support/browser-harness';

/**
 * Single sign-on in Chromium against a REAL OpenID provider (oidc-provider, started by the test in a child
 * process): the secretariat sets the Openbaar Ministerie's provider in Beheer > Organisaties (API errors at the
 * fields, the secret write-only), then an officer types the e-mail address on the login page, is sent to the
 * provider's login form, signs in there and comes back logged in to Koers (at 390 px, by keyboard).
 */
describeWithBrowser('test/browser/sso.spec.ts')('single sign-on in a browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let provider: RunningProvider;
  const OM = 'Openbaar Ministerie Midden-Nederland';
  const clientSecret = 'een-client-secret-van-de-provider-1234';

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1024, height: 800 });
    provider = await startOidcProvider({
      accounts: {
        'ovj-123': { email: 'ovj.ondermijning@demo.koers.nl', email_verified: true, name: 'OvJ' },
      },
      client: { client_id: 'koers', client_secret: clientSecret, redirect_uris: [`${t.url}/api/auth/oidc/callback`] },
    });
  }, 120_000);

  afterAll(async () => {
    await pages?.closeAll();
    await provider?.stop();
    await t?.close();
  });

  it('the secretariat sets the organisation’s provider in Beheer; the secret is never shown', async () => {
    const { page } = await pages.newPage();
    await pages.login(page, 'secretariaat@demo.koers.nl');
    await page.goto(`${t.url}/beheer/organisaties`);
    await page.getByRole('button', { name: `Inloggen via organisatie ${OM}` }).click();
    const form = page.getByRole('form', { name: `Inloggen via ${OM}` });
    await form.getByLabel('Issuer-URL').fill('ftp://niet-goed');
    await form.getByLabel('Client id').fill('koers');
    await form.getByLabel('Client secret').fill(clientSecret);
    await form.getByLabel('E-maildomeinen').fill('demo.koers.nl');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    // The API's Dutch message at the field, which gets the focus.
    await form.getByText('Vul de issuer-URL van de provider in (https://...).').waitFor();
    expect(await form.getByLabel('Issuer-URL').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'sso-settings-invalid');

    await form.getByLabel('Issuer-URL').fill(provider.issuer);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(`Inloggen via ${OM} is opgeslagen.`).waitFor();
    // Write-only: the secret is "ingesteld", the field for a new one is empty.
    await form.getByText('Client secret: ingesteld.').waitFor();
    expect(await form.getByLabel('Nieuw client secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(clientSecret);
    await expectAccessible(page, 'sso-settings-saved');
    await screenshot(page, 'sso-settings');
  });

  it('an officer types the e-mail address, signs in at the provider and is back in Koers', async () => {
    const { page, pageErrors } = await pages.newPage({ width: 390, height: 844 });
    await page.goto(`${t.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('ovj.ondermijning@demo.koers.nl');
    const onward = page.getByRole('button', { name: `Doorgaan bij ${OM}` });
    await onward.waitFor();
    expect(await page.getByLabel('Wachtwoord').count()).toBe(0);
    await expectAccessible(page, 'sso-login-email');
    // Someone of that organisation may still use a Koers password.
    await page.getByRole('button', { name: 'Toch inloggen met wachtwoord' }).click();
    await page.getByLabel('Wachtwoord').waitFor();
    await page.reload();
    await page.getByLabel('E-mailadres').fill('ovj.ondermijning@demo.koers.nl');
    await onward.waitFor();
    // By keyboard: Enter in the e-mail field sends the person to the provider's login form.
    await page.getByLabel('E-mailadres').press('Enter');
    await page.waitForURL((url) => url.origin === new URL(provider.issuer).origin);
    await page.locator('input[name="login"]').fill('ovj-123');
    await page.locator('input[name="password"]').fill('x');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === new URL(t.url).origin && url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user.email).toBe('ovj.ondermijning@demo.koers.nl');
    expect(pageErrors).toEqual([]);
  });
});
