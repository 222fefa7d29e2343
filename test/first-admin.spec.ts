import { loginAndEnrol } from './support/mfa';
import { createTestApp, TestApp } from './support/test-app';

describe('first secretariat account on a new installation without demo data', () => {
  let t: TestApp;
  let token: string;
  const email = 'beheer@regio.example.nl';
  const password = 'een-lang-eerste-wachtwoord';

  beforeAll(async () => {
    t = await createTestApp({
      KOERS_DEMO: 'false',
      KOERS_ADMIN_EMAIL: email,
      KOERS_ADMIN_PASSWORD: password,
      KOERS_REGION_NAME: 'Testregio',
    });
  });
  afterAll(() => t.close());

  it('creates the region, the bureau and a secretariat account that can log in', async () => {
    // Outside the demo the secretariat must set up a second factor before anything else (test/mfa.spec.ts).
    token = (await loginAndEnrol(t, email, password)).token;
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user).toMatchObject({ email, platformRole: 'secretariaat' });
    expect(me.body.organisation).toMatchObject({
      // Named from the region's words (their defaults until the secretariat changes them).
      name: 'Bureau RVS Testregio',
      type: 'bureau',
    });
    const organisations = await t.http().get('/api/organisations').set('Authorization', `Bearer ${token}`).expect(200);
    expect(organisations.body).toHaveLength(1);
  });

  it('seeds no demo data', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'secretariaat@demo.koers.nl', password: 'koers-demo' });
    expect(response.status).toBe(401);
  });

  it('lets the new secretariat account create the strategy', async () => {
    const created = await t
      .http()
      .post('/api/strategies')
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Regionale Veiligheidsstrategie 2027-2030', periodStart: '2027-01-01', periodEnd: '2030-12-31' })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'concept', periodStart: '2027-01-01' });
  });
});
