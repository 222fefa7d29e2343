import { createTestApp, TestApp } from './support/test-app';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as up without a login, without naming its kind', async () => {
    const response = await t.http().get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { status: 'up' }, redis: { status: 'off' } });
  });

  it('answers unknown API routes with the shared error shape', async () => {
    const response = await t
      .http()
      .get('/api/does-not-exist')
      .set('Authorization', `Bearer ${await t.login('secretariaat@demo.koers.nl')}`)
      .expect(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('publishes the OpenAPI description of the public API', async () => {
    const response = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/me',
        '/api/strategies/{id}',
        '/api/workgroups',
        '/api/workgroups/{id}',
        '/api/audit',
      ]),
    );
  });
});

describe('KOERS_API_DOCS', () => {
  it('authenticated: the document and its viewer only for a logged-in user', async () => {
    const t = await createTestApp({ KOERS_API_DOCS: 'authenticated' });
    try {
      const refused = await t.http().get('/api/docs-json').expect(401);
      expect(refused.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      await t.http().get('/api/docs').expect(401);
      const token = await t.login('riec@demo.koers.nl');
      const response = await t.http().get('/api/docs-json').set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.body.paths).toHaveProperty('/api/health');
    } finally {
      await t.close();
    }
  });

  it('off: no document at all, even for the secretariat', async () => {
    const t = await createTestApp({ KOERS_API_DOCS: 'off' });
    try {
      const token = await t.login('secretariaat@demo.koers.nl');
      await t.http().get('/api/docs-json').set('Authorization', `Bearer ${token}`).expect(404);
    } finally {
      await t.close();
    }
  });
});
