import { Api, DEMO, errorBody, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** A document's rename and archive are versioned like every editable resource (issue #12). */
describe('PATCH /documents/:id with a version', () => {
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
  }, 180_000);
  afterAll(() => t.close());

  it('sends an ETag, refuses a stale If-Match with 409 and the current state, and accepts the current one', async () => {
    const workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    const A = DEMO.aanjagerOndermijning;
    const created = expectStatus(
      await api.post(A, `/api/workgroups/${workgroupId}/documents`, { title: 'Versietest', kind: 'notitie' }),
      201,
    ).body as { id: string; version: number };
    const read = await t
      .http()
      .get(`/api/documents/${created.id}`)
      .set('Authorization', `Bearer ${await api.token(A)}`)
      .expect(200);
    expect(read.headers.etag).toBe(`"${created.version}"`);

    const renamed = expectStatus(
      await api.patch(A, `/api/documents/${created.id}`, { title: 'Eerste naam', version: created.version }),
      200,
    ).body as { title: string; version: number };
    expect(renamed.version).toBeGreaterThan(created.version);

    // A second page still at the first version: its rename would overwrite the first one unseen.
    const stale = await api.patch(A, `/api/documents/${created.id}`, {
      title: 'Tweede naam',
      version: created.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(errorBody('STALE_VERSION'));
    expect(stale.body.error.current).toMatchObject({ title: 'Eerste naam', version: renamed.version });
    const stored = expectStatus(await api.get(A, `/api/documents/${created.id}`), 200).body as { title: string };
    expect(stored.title).toBe('Eerste naam');

    expectStatus(
      await api.patch(A, `/api/documents/${created.id}`, { title: 'Tweede naam', version: renamed.version }),
      200,
    );
  });
});
