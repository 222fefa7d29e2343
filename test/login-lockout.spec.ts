import { DataSource } from 'typeorm';
import { LoginThrottleService, PasswordService } from '@koers/identity';
import { Api, DEMO, errorBody } from './support/api-helpers';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://koers.example.nl';
const STRANGER = '203.0.113.66';
const MAYOR_AT_HOME = '198.51.100.7';

/**
 * Lockout that a stranger cannot turn against a mayor: failures count per typed address and client
 * address (the client address comes from X-Forwarded-For here, a trusted proxy in front as in production).
 */
describe('login lockout per source', () => {
  let t: TestApp;
  let api: Api;
  let sink: SmtpSink;
  let db: DataSource;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      KOERS_TRUSTED_PROXIES: '127.0.0.1',
      KOERS_SMTP_URL: sink.url,
      KOERS_SMTP_LOCAL_RELAY: 'true',
      KOERS_MAIL_FROM: 'Koers <koers@example.nl>',
      KOERS_PUBLIC_URL: PUBLIC_URL,
      KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
    });
    api = new Api(t);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const loginFrom = (ip: string, email: string, password = 'koers-demo') =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const guess = async (ip: string, email: string) => {
    let last = await loginFrom(ip, email, 'raden-1');
    for (let attempt = 2; attempt <= t.config.auth.loginMaxFailures; attempt++)
      last = await loginFrom(ip, email, `raden-${attempt}`);
    return last;
  };
  const mailsTo = (address: string) => sink.mails.filter((m) => recipientOf(m) === address);

  it("a stranger's guessing locks only the stranger's address; the mayor logs in from elsewhere", async () => {
    const last = await guess(STRANGER, DEMO.burgemeesterUtrecht);
    expect(last.status).toBe(423);
    expect(last.body).toEqual(errorBody('ACCOUNT_LOCKED'));
    // Locked: even the right password from the stranger's address.
    expect((await loginFrom(STRANGER, DEMO.burgemeesterUtrecht)).status).toBe(423);
    // The mayor, elsewhere, is not.
    expect((await loginFrom(MAYOR_AT_HOME, DEMO.burgemeesterUtrecht)).status).toBe(200);
    // The stranger's lock holds after the mayor's success.
    expect((await loginFrom(STRANGER, DEMO.burgemeesterUtrecht)).status).toBe(423);
  });

  it('an address of no account locks the same way, with the same answer: the lock tells nothing', async () => {
    const unknown = await guess(STRANGER, 'bestaat.niet@demo.koers.nl');
    const known = await guess('192.0.2.10', DEMO.pvo);
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: known.status, body: known.body });
    expect(unknown.body.error.message).toMatch(/^Te veel mislukte pogingen vanaf dit adres\. Probeer het na \d\d:\d\d/);
    const afterwards = await loginFrom(STRANGER, 'bestaat.niet@demo.koers.nl');
    expect(afterwards.status).toBe(423);
    // Nothing typed by a stranger is kept in clear.
    const rows: Array<{ email_hash: string }> = await db.query('SELECT email_hash FROM login_failures');
    expect(JSON.stringify(rows)).not.toContain('bestaat.niet');
  });

  it('the owner is mailed a one-time link that lifts the lock; the link works once', async () => {
    await guess(MAYOR_AT_HOME, DEMO.ovjOnrust);
    await t.app.get(LoginThrottleService).settled();
    const [mail] = mailsTo(DEMO.ovjOnrust);
    expect(mail.subject).toBe('Inloggen bij Koers geblokkeerd vanaf één adres');
    expect(mail.text).toContain(MAYOR_AT_HOME);
    const token = new RegExp(`${PUBLIC_URL}/ontgrendelen#token=([\\w-]{43})`).exec(mail.text ?? '')?.[1];
    expect(token).toBeDefined();
    const userId = await api.userId(DEMO.ovjOnrust);
    expect((await api.get(DEMO.secretariaat, `/api/users/${userId}`)).body.locked).toBe(true);

    const unlocked = await t.http().post('/api/auth/unlock').send({ token });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ email: DEMO.ovjOnrust });
    expect((await loginFrom(MAYOR_AT_HOME, DEMO.ovjOnrust)).status).toBe(200);
    expect((await api.get(DEMO.secretariaat, `/api/users/${userId}`)).body.locked).toBe(false);

    const again = await t.http().post('/api/auth/unlock').send({ token });
    expect({ status: again.status, code: again.body.error?.code }).toEqual({ status: 410, code: 'LINK_INVALID' });
    const bogus = await t
      .http()
      .post('/api/auth/unlock')
      .send({ token: 'x'.repeat(43) });
    expect(bogus.status).toBe(410);
    const malformed = await t.http().post('/api/auth/unlock').send({ token: 42 });
    expect(malformed.status).toBe(400);

    const events = await api.audit({ action: 'auth.unlock' });
    expect(events.items.find((e) => e.actorEmail === DEMO.ovjOnrust)).toMatchObject({ outcome: 'success' });
    expect(JSON.stringify(events)).not.toContain(token);
    const locks = await api.audit({ action: 'auth.lock' });
    expect(locks.items.find((e) => e.actorEmail === DEMO.ovjOnrust)).toMatchObject({
      ip: MAYOR_AT_HOME,
      summary: { unlockMail: true },
    });
  });

  it('a new password through the reset link lifts every lock on the account', async () => {
    expect((await guess(STRANGER, DEMO.ambtelijkOnrust)).status).toBe(423);
    await t.http().post('/api/auth/password-reset').send({ email: DEMO.ambtelijkOnrust }).expect(202);
    await t.app.get(PasswordService).settled();
    const mail = mailsTo(DEMO.ambtelijkOnrust).find((m) => m.subject === 'Nieuw wachtwoord voor Koers')!;
    const token = new RegExp(`${PUBLIC_URL}/wachtwoord-herstellen#token=([\\w-]{43})`).exec(mail.text ?? '')?.[1];
    const password = 'paarse-olifant-fietst-naar-Zeist';
    await t.http().post('/api/auth/password-reset/confirm').send({ token, password }).expect(200);
    expect((await loginFrom(STRANGER, DEMO.ambtelijkOnrust, password)).status).toBe(200);
  });
});
