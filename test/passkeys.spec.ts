import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@koers/demo';
import { Api, DEMO, expectStatus } from './support/api-helpers';
import { SoftwareAuthenticator } from './support/software-authenticator';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Passkeys (WebAuthn) through the API on a real database: a whole ceremony with a software authenticator
 * (real ES256 signatures, test/support/software-authenticator.ts), and every refusal with its Dutch message
 * and audit entry. Chromium's virtual authenticator does it in the screens in test/browser/passkeys.spec.ts.
 */
describe('passkeys as a second factor', () => {
  let t: TestApp;
  let api: Api;
  let db: DataSource;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const password = (email: string) => t.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  const userIdOf = async (email: string) =>
    ((await db.query('SELECT id FROM users WHERE email = $1', [email])) as Array<{ id: string }>)[0].id;
  /** A passkey row as a factory puts it in (the key is never used: these tests end before a signature is checked). */
  const storePasskey = async (email: string, credentialId: string) =>
    (
      (await db.query(
        `INSERT INTO passkeys (user_id, name, credential_id, public_key, counter, transports, device_type)
         VALUES ($1, 'Sleutel', $2, '\\x00', 0, '{usb}', 'singleDevice') RETURNING id`,
        [await userIdOf(email), credentialId],
      )) as Array<{ id: string }>
    )[0].id;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    db = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  it('registers a passkey and signs in with it instead of a code; a replayed signature is refused', async () => {
    const email = DEMO.belastingdienstOndermijning;
    const token = await t.login(email);
    const authenticator = new SoftwareAuthenticator(t.url);
    const options = expectStatus(await t.http().post('/api/me/passkeys/options').set(bearer(token)), 200).body;
    const added = expectStatus(
      await t
        .http()
        .post('/api/me/passkeys')
        .set(bearer(token))
        .send({ name: ' Laptop werk ', response: authenticator.register(options) }),
      201,
    ).body;
    expect(added).toEqual({
      id: expect.any(String),
      name: 'Laptop werk',
      createdAt: expect.any(String),
      lastUsedAt: null,
      backedUp: false,
    });
    const [stored] = (await db.query('SELECT credential_id, counter::int, transports FROM passkeys WHERE id = $1', [
      added.id,
    ])) as Array<{ credential_id: string; counter: number; transports: string[] }>;
    expect(stored).toEqual({ credential_id: authenticator.id, counter: 0, transports: ['internal'] });
    // The same authenticator again is excluded from the next registration's options.
    const next = expectStatus(await t.http().post('/api/me/passkeys/options').set(bearer(token)), 200).body;
    expect(next.excludeCredentials).toEqual([{ id: authenticator.id, type: 'public-key', transports: ['internal'] }]);
    expect(expectStatus(await t.http().get('/api/me/mfa').set(bearer(token)), 200).body).toMatchObject({
      enabled: false,
      passkeys: 1,
    });

    const asked = expectStatus(await password(email), 200).body;
    expect(asked).toMatchObject({ mfaRequired: true, methods: ['passkey'] });
    expect(asked.accessToken).toBeUndefined();
    const loginOptions = expectStatus(
      await t.http().post('/api/auth/mfa/passkey/options').send({ challenge: asked.challenge }),
      200,
    ).body;
    const signed = authenticator.authenticate(loginOptions);
    const done = await t.http().post('/api/auth/mfa/passkey').send({ challenge: asked.challenge, response: signed });
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe(email);
    expect(expectStatus(await t.http().get('/api/me').set(bearer(done.body.accessToken)), 200).body.user.email).toBe(
      email,
    );
    expect((await db.query('SELECT counter::int FROM passkeys WHERE id = $1', [added.id]))[0].counter).toBe(1);

    // The same signature again, on a new login: it signed the earlier challenge, so it is refused.
    const again = expectStatus(await password(email), 200).body;
    await t.http().post('/api/auth/mfa/passkey/options').send({ challenge: again.challenge }).expect(200);
    const replayed = await t
      .http()
      .post('/api/auth/mfa/passkey')
      .send({ challenge: again.challenge, response: signed });
    expect(replayed.status).toBe(401);
    const audit = await api.audit({ action: 'auth.login' });
    expect(audit.items.find((e) => e.actorEmail === email)?.summary).toEqual({ mfa: 'passkey' });
    const failed = (await api.audit({ action: 'auth.mfa' })).items.find((e) => e.actorEmail === email);
    expect(failed?.summary).toMatchObject({ reason: 'passkey_not_verified' });
    const adds = (await api.audit({ action: 'passkey.add' })).items.filter((e) => e.actorEmail === email);
    expect(adds.map((e) => [e.outcome, e.summary])).toEqual([['success', { name: 'Laptop werk', backedUp: false }]]);
  });

  it('gives registration options bound to where Koers is opened, and refuses what no authenticator made', async () => {
    const token = await t.login(DEMO.politieCyber);
    const options = expectStatus(await t.http().post('/api/me/passkeys/options').set(bearer(token)), 200).body;
    expect(options).toMatchObject({
      rp: { name: 'Koers', id: '127.0.0.1' },
      user: { name: DEMO.politieCyber },
      attestation: 'none',
      excludeCredentials: [],
      challenge: expect.stringMatching(/^[\w-]{20,}$/),
    });

    const unnamed = await t.http().post('/api/me/passkeys').set(bearer(token)).send({ name: '  ', response: {} });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields).toEqual([
      { field: 'name', messages: ['Geef de passkey een naam, bijvoorbeeld "Laptop werk".'] },
    ]);
    const forged = await t
      .http()
      .post('/api/me/passkeys')
      .set(bearer(token))
      .send({ name: 'Laptop', response: { id: 'abc', rawId: 'abc', type: 'public-key', response: {} } });
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields).toEqual([
      { field: 'response', messages: ['Deze passkey kon niet worden gecontroleerd. Probeer het opnieuw.'] },
    ]);
    // The registration's challenge was used up by that attempt.
    const again = await t.http().post('/api/me/passkeys').set(bearer(token)).send({ name: 'Laptop', response: {} });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('Het toevoegen van de passkey is verlopen.');
    expect(expectStatus(await t.http().get('/api/me/passkeys').set(bearer(token)), 200).body).toEqual([]);

    const refusals = (await api.audit({ action: 'passkey.add' })).items.filter(
      (e) => e.actorEmail === DEMO.politieCyber,
    );
    expect(refusals.map((e) => [e.outcome, e.summary.reason])).toEqual([
      ['failed', 'no_registration'],
      ['failed', 'not_verified'],
    ]);
  });

  it('only removes one’s own passkey; anyone else’s is "not found" and audited', async () => {
    const id = await storePasskey(DEMO.ambtelijkCyber, 'cred-ambtelijk');
    const other = await t.login(DEMO.aanjagerCyber);
    const refused = await t.http().delete(`/api/me/passkeys/${id}`).set(bearer(other));
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toContain('De passkey');
    const denied = (await api.audit({ action: 'passkey.remove' })).items[0];
    expect(denied).toMatchObject({ outcome: 'denied', actorEmail: DEMO.aanjagerCyber, entityId: id });

    // A passkey is a second factor: the password step now asks for it.
    const asked = expectStatus(await password(DEMO.ambtelijkCyber), 200).body;
    expect(asked).toEqual({ mfaRequired: true, challenge: expect.any(String), methods: ['passkey'] });
    const own = expectStatus(
      await t.http().post('/api/auth/mfa/passkey/options').send({ challenge: asked.challenge }),
      200,
    ).body;
    expect(own.allowCredentials).toEqual([{ id: 'cred-ambtelijk', type: 'public-key', transports: ['usb'] }]);
    expect(own.rpId).toBe('127.0.0.1');
  });

  it('a passkey signature that does not verify is refused like a wrong code and counts toward the lock', async () => {
    await storePasskey(DEMO.ovjCyber, 'cred-ovj');
    const { challenge } = expectStatus(await password(DEMO.ovjCyber), 200).body as { challenge: string };
    // Before asking for options there is nothing to sign.
    const early = await t
      .http()
      .post('/api/auth/mfa/passkey')
      .send({ challenge, response: { id: 'cred-ovj' } });
    expect(early.status).toBe(401);
    await t.http().post('/api/auth/mfa/passkey/options').send({ challenge }).expect(200);
    const forged = await t
      .http()
      .post('/api/auth/mfa/passkey')
      .send({
        challenge,
        response: { id: 'cred-ovj', rawId: 'cred-ovj', type: 'public-key', response: { clientDataJSON: 'e30' } },
      });
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toBe(
      'Deze passkey kon niet worden gecontroleerd. Probeer het opnieuw of gebruik de code uit uw authenticator-app.',
    );
    const failures = (await api.audit({ action: 'auth.mfa' })).items.filter((e) => e.actorEmail === DEMO.ovjCyber);
    expect(failures.map((e) => e.summary.reason)).toEqual(['passkey_not_verified', 'passkey_without_options']);
    const counted = (await db.query(
      `SELECT failed_attempts FROM mfa_challenges WHERE user_id = $1 AND used_at IS NULL`,
      [await userIdOf(DEMO.ovjCyber)],
    )) as Array<{ failed_attempts: number }>;
    expect(counted).toEqual([{ failed_attempts: 2 }]);
  });

  it('the secretariat’s reset of a second factor removes passkeys too; then no passkey can be asked for', async () => {
    await storePasskey(DEMO.ambtelijkOnrust, 'cred-onrust');
    const { challenge } = expectStatus(await password(DEMO.ambtelijkOnrust), 200).body as { challenge: string };
    expect(challenge).toBeDefined();
    const userId = await userIdOf(DEMO.ambtelijkOnrust);
    expect((await api.request(DEMO.secretariaat, 'POST', `/api/users/${userId}/mfa/reset`)).status).toBeLessThan(300);
    expect(await db.query('SELECT id FROM passkeys WHERE user_id = $1', [userId])).toEqual([]);
    // No second factor left: the password step gives a session again; asking passkey options is refused in Dutch.
    expect(expectStatus(await password(DEMO.ambtelijkOnrust), 200).body.accessToken).toBeDefined();
    const none = await t.http().post('/api/auth/mfa/passkey/options').send({ challenge });
    expect(none.status).toBe(409);
    expect(none.body.error.message).toBe(
      'Voor uw account is geen passkey ingesteld. Gebruik de code uit uw authenticator-app.',
    );
  });
});
