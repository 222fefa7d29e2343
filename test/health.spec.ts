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
