import { SSO_ERRORS } from '@koers/contracts';
import { expectStatus } from '../support/api-helpers';
import { totpCode } from '../support/mfa';
import { RunningProvider, startOidcProvider } from '../support/oidc';
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
 * The paths around single sign-on in Chromium, against a REAL OpenID provider (oidc-provider in a child
 * process): Koers's own second factor after the provider, logging out at the provider too, a refused
 * sign-in explained on the login page, and the secretariat removing the organisation's SSO (390 px).
 */
describeWithBrowser('test/browser/sso-flows.spec.ts')('single sign-on: second factor, refusal, logout, removal', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let provider: RunningProvider;
  let omId: string;
  const OM = 'Openbaar Ministerie Midden-Nederland';
  const phone = { width: 390, height: 844 };

  beforeAll(async () => {
    const [app, browser] = await Promise.all([createTestApp(), launchChromium()]);
    t = app;
    pages = new BrowserPages(browser, t.url, phone);
    provider = await startOidcProvider({
      accounts: {
        // The provider says it did MFA (amr otp), but the OM is not trusted to say so: Koers asks its own.
        'ovj-cyber-9': { email: 'ovj.cyber@demo.koers.nl', email_verified: true, amr: ['pwd', 'otp'] },
        'nieuw-1': { email: 'nieuwe.officier@demo.koers.nl', email_verified: true, name: 'Nieuwe Officier' },
      },
      client: {
        client_id: 'koers',
        client_secret: 'een-client-secret-van-de-provider-1234',
        redirect_uris: [`${t.url}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${t.url}/inloggen`],
      },
    });
    const secretariat = await t.login('secretariaat@demo.koers.nl');
    const organisations = expectStatus(
      await t
        .http()
        .get('/api/organisations')
        .set({ Authorization: `Bearer ${secretariat}` }),
      200,
    ).body as Array<{ id: string; name: string }>;
    omId = organisations.find((o) => o.name === OM)!.id;
    expectStatus(
      await t
        .http()
        .put(`/api/organisations/${omId}/sso`)
        .set({ Authorization: `Bearer ${secretariat}` })
        .send({
          displayName: OM,
          issuer: provider.issuer,
          clientId: 'koers',
          clientSecret: 'een-client-secret-van-de-provider-1234',
          emailDomains: ['demo.koers.nl'],
          allowNewAccounts: false,
          trustProviderMfa: false,
          enabled: true,
        }),
      200,
    );
  }, 120_000);

  afterAll(async () => {
    await pages?.closeAll();
    await provider?.stop();
    await t?.close();
  });

  /** On the login page: the address, "Doorgaan bij" (by keyboard), and the provider's own login form. */
  async function signInAtProvider(page: import('playwright-core').Page, email: string, login: string) {
    await page.goto(`${t.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByRole('button', { name: `Doorgaan bij ${OM}` }).waitFor();
    await page.getByLabel('E-mailadres').press('Enter');
    await page.waitForURL((url) => url.origin === new URL(provider.issuer).origin);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('x');
    await page.locator('button[type="submit"]').click();
  }

  it('after the provider Koers asks its own code; logging out ends the session at the provider too', async () => {
    // The officer has Koers's own second factor (an authenticator app).
    const token = await t.login('ovj.cyber@demo.koers.nl');
    const auth = { Authorization: `Bearer ${token}` };
    const setup = expectStatus(await t.http().post('/api/me/mfa/setup').set(auth), 201).body as { secret: string };
    await t
      .http()
      .post('/api/me/mfa/confirm')
      .set(auth)
      .send({ code: totpCode(setup.secret) })
      .expect(200);

    const { page, pageErrors } = await pages.newPage(phone);
    await signInAtProvider(page, 'ovj.cyber@demo.koers.nl', 'ovj-cyber-9');
    await page.getByRole('heading', { name: 'Tweede stap' }).waitFor();
    // The challenge travelled in the fragment and is gone from the address bar.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await expectAccessible(page, 'sso-koers-second-factor');
    await screenshot(page, 'sso-koers-second-factor-390');
    await page.getByLabel('Code').fill(totpCode(setup.secret, Date.now() + 30_000));
    await page.getByLabel('Code').press('Enter');
    await page.waitForURL((url) => url.origin === new URL(t.url).origin && url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user.email).toBe('ovj.cyber@demo.koers.nl');

    // Uitloggen: Koers's session ends, and the browser is sent to the provider to end its session there.
    await openMenuIfFolded(page);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL((url) => url.origin === new URL(provider.issuer).origin);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === new URL(t.url).origin && url.pathname === '/inloggen');
    await page.getByLabel('E-mailadres').waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    // The provider asks for the login again: its session has ended too.
    await page.getByLabel('E-mailadres').fill('ovj.cyber@demo.koers.nl');
    await page.getByRole('button', { name: `Doorgaan bij ${OM}` }).click();
    await page.waitForURL((url) => url.origin === new URL(provider.issuer).origin);
    await page.locator('input[name="login"]').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('someone the organisation knows but Koers does not is told why on the login page', async () => {
    const { page, pageErrors } = await pages.newPage(phone);
    await signInAtProvider(page, 'nieuwe.officier@demo.koers.nl', 'nieuw-1');
    await page.waitForURL((url) => url.origin === new URL(t.url).origin && url.pathname === '/inloggen');
    const alert = page.getByRole('alert');
    await alert.getByText(SSO_ERRORS.not_invited).waitFor();
    expect(new URL(page.url()).searchParams.get('sso-fout')).toBe('not_invited');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await expectAccessible(page, 'sso-refused');
    await screenshot(page, 'sso-refused-390');
    expect(pageErrors).toEqual([]);
  });

  it('the secretariat removes the organisation’s SSO in Beheer; its people log in with their password again', async () => {
    const admin = await pages.newPage({ width: 1024, height: 800 });
    // The secretariat's address is in the OM's domain here (one demo domain): it chooses its Koers password.
    await admin.page.goto(`${t.url}/inloggen`);
    await admin.page.getByLabel('E-mailadres').fill('secretariaat@demo.koers.nl');
    await admin.page.getByRole('button', { name: 'Toch inloggen met wachtwoord' }).click();
    await admin.page.getByLabel('Wachtwoord').fill('koers-demo');
    await admin.page.getByRole('button', { name: 'Inloggen' }).click();
    await admin.page.waitForURL((url) => url.pathname === '/');
    await admin.page.goto(`${t.url}/beheer/organisaties`);
    await admin.page.getByRole('button', { name: `Inloggen via organisatie ${OM}` }).click();
    const form = admin.page.getByRole('form', { name: `Inloggen via ${OM}` });
    await form.getByText('Client secret: ingesteld.').waitFor();
    await form.getByRole('button', { name: 'Inloggen via organisatie verwijderen' }).click();
    const dialog = admin.page.getByRole('dialog', { name: `Inloggen via ${OM} verwijderen?` });
    await dialog.getByText('Medewerkers loggen daarna weer in met hun wachtwoord van Koers.').waitFor();
    await expectAccessible(admin.page, 'sso-remove-confirm');
    // Cancelling keeps it.
    await admin.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await t.http().get('/api/auth/oidc/providers')).body).toHaveLength(1);
    await form.getByRole('button', { name: 'Inloggen via organisatie verwijderen' }).click();
    await dialog.getByRole('button', { name: 'Verwijderen' }).click();
    await admin.page.getByText(`Inloggen via ${OM} is verwijderd.`).waitFor();
    expect((await t.http().get('/api/auth/oidc/providers')).body).toEqual([]);

    const { page, pageErrors } = await pages.newPage(phone);
    const providersRead = page.waitForResponse((r) => r.url().endsWith('/api/auth/oidc/providers'));
    await page.goto(`${t.url}/inloggen`);
    await providersRead;
    await page.getByLabel('E-mailadres').fill('ovj.ondermijning@demo.koers.nl');
    await page.getByLabel('Wachtwoord').fill('koers-demo');
    expect(await page.getByRole('button', { name: `Doorgaan bij ${OM}` }).count()).toBe(0);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user.email).toBe('ovj.ondermijning@demo.koers.nl');
    expect([...admin.pageErrors, ...pageErrors]).toEqual([]);
  });
});
