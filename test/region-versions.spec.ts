import { Api, DEMO, errorBody, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Versions on the region's own settings (issue #12): its words, its districts, its default composition rules
 * and a werkgroep's composition rules. A change based on an older version is 409 STALE_VERSION with what is
 * stored now, changes nothing and is audited as refused; the words and the default rules have separate
 * versions, so saving one never makes an open form of the other stale.
 */
describe('versions of the region, its districts and composition rules', () => {
  let t: TestApp;
  let api: Api;
  const S = DEMO.secretariaat;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
  }, 180_000);
  afterAll(() => t.close());

  async function send(method: 'patch' | 'put' | 'delete', path: string, body?: object, ifMatch?: string) {
    const http = t.http();
    let request = http[method](path).set('Authorization', `Bearer ${await api.token(S)}`);
    if (ifMatch !== undefined) request = request.set('If-Match', ifMatch);
    return body === undefined ? request : request.send(body);
  }

  async function refusals(action: string) {
    return (await api.audit({ action, outcome: 'denied' })).items.filter(
      (entry) => (entry.summary as { reason?: string }).reason === 'stale_version',
    );
  }

  it("refuses a stale change of the region's words with the stored words, and audits the refusal", async () => {
    const read = expectStatus(await api.get(S, '/api/region'), 200);
    const base = read.body.version as number;
    expect(read.headers.etag).toBe(`"${base}"`);

    const saved = expectStatus(await send('patch', '/api/region', { bureauName: 'Bureau Eerste' }, `"${base}"`), 200);
    expect(saved.body).toMatchObject({ bureauName: 'Bureau Eerste', version: base + 1 });
    expect(saved.headers.etag).toBe(`"${base + 1}"`);

    const stale = expectStatus(await send('patch', '/api/region', { bureauName: 'Bureau Tweede' }, `"${base}"`), 409);
    expect(stale.body).toEqual(errorBody('STALE_VERSION'));
    expect(stale.body.error.current).toMatchObject({ bureauName: 'Bureau Eerste', version: base + 1 });
    // The same through `version` in the body; nothing of either refused save was written.
    expectStatus(await send('patch', '/api/region', { bureauName: 'Bureau Tweede', version: base }), 409);
    expect(expectStatus(await api.get(S, '/api/region'), 200).body).toMatchObject({
      bureauName: 'Bureau Eerste',
      version: base + 1,
    });

    const audited = await refusals('region.update');
    expect(audited.length).toBe(2);
    expect(audited[0]).toMatchObject({ entityType: 'region', outcome: 'denied' });
    expect(audited[0].summary).toMatchObject({ expected: base, current: base + 1 });

    // Saving the same words again is not a change: the version stays.
    const same = expectStatus(
      await send('patch', '/api/region', { bureauName: 'Bureau Eerste' }, `"${base + 1}"`),
      200,
    );
    expect(same.body.version).toBe(base + 1);
  });

  it('versions the default composition rules apart from the words', async () => {
    const read = expectStatus(await api.get(S, '/api/region/composition-rules'), 200);
    const base = read.body.version as number;
    expect(read.headers.etag).toBe(`"${base}"`);
    const wordsBefore = expectStatus(await api.get(S, '/api/region'), 200).body.version as number;
    const seats = [{ label: 'Burgemeester als voorzitter', function: 'burgemeester', role: 'aanjager' }];

    const saved = expectStatus(
      await send('put', '/api/region/composition-rules', { compositionRules: seats }, `"${base}"`),
      200,
    );
    expect(saved.body).toEqual({ compositionRules: seats, version: base + 1 });
    // The words' version did not move, so an open words form is not stale now.
    expect(expectStatus(await api.get(S, '/api/region'), 200).body.version).toBe(wordsBefore);
    // Nor do the rules' version move when the words change.
    expectStatus(await send('patch', '/api/region', { bureauName: unique('Bureau') }, `"${wordsBefore}"`), 200);
    expect(expectStatus(await api.get(S, '/api/region/composition-rules'), 200).body.version).toBe(base + 1);

    const stale = expectStatus(
      await send('put', '/api/region/composition-rules', { compositionRules: [] }, `"${base}"`),
      409,
    );
    expect(stale.body).toEqual(errorBody('STALE_VERSION'));
    expect(stale.body.error.current).toEqual({ compositionRules: seats, version: base + 1 });
    expect(expectStatus(await api.get(S, '/api/region/composition-rules'), 200).body.compositionRules).toEqual(seats);
    const audited = await refusals('region.composition.update');
    expect(audited.length).toBe(1);
    expect(audited[0].summary).toMatchObject({ expected: base, current: base + 1 });

    // The same rules again change nothing; the right version goes through.
    const same = expectStatus(
      await send('put', '/api/region/composition-rules', { compositionRules: seats, version: base + 1 }),
      200,
    );
    expect(same.body.version).toBe(base + 1);
    const cleared = expectStatus(
      await send('put', '/api/region/composition-rules', { compositionRules: [] }, `"${base + 1}"`),
      200,
    );
    expect(cleared.body).toEqual({ compositionRules: [], version: base + 2 });
  });

  it('versions a district: a stale rename or delete is refused with the stored name and audited', async () => {
    const created = expectStatus(await api.post(S, '/api/districts', { name: unique('District') }), 201).body;
    expect(created.version).toBe(1);
    const path = `/api/districts/${created.id}`;
    const listed = expectStatus(await api.get(S, '/api/districts'), 200).body as Array<{ id: string; version: number }>;
    expect(listed.find((d) => d.id === created.id)?.version).toBe(1);

    const first = unique('District Eerste');
    const renamed = expectStatus(await send('patch', path, { name: first }, '"1"'), 200);
    expect(renamed.body).toMatchObject({ id: created.id, name: first, version: 2 });
    expect(renamed.headers.etag).toBe('"2"');

    const stale = expectStatus(await send('patch', path, { name: unique('District Tweede') }, '"1"'), 409);
    expect(stale.body).toEqual(errorBody('STALE_VERSION'));
    expect(stale.body.error.current).toMatchObject({ id: created.id, name: first, version: 2 });
    const audited = await refusals('district.update');
    expect(audited.map((e) => e.entityId)).toContain(created.id);

    expectStatus(await send('delete', path, undefined, '"1"'), 409);
    expect((await refusals('district.delete')).map((e) => e.entityId)).toContain(created.id);
    expect(
      (expectStatus(await api.get(S, '/api/districts'), 200).body as Array<{ id: string }>).some(
        (d) => d.id === created.id,
      ),
    ).toBe(true);
    expectStatus(await send('delete', path, undefined, '"2"'), 204);
  });

  it("refuses a stale change of a werkgroep's composition rules with the stored rules", async () => {
    const id = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    const read = expectStatus(await api.get(S, `/api/workgroups/${id}`), 200).body;
    const base = read.version as number;
    const seats = [{ label: 'Officier van justitie', organisationType: 'openbaar_ministerie' }];
    const saved = expectStatus(
      await send('patch', `/api/workgroups/${id}`, { compositionRules: seats }, `"${base}"`),
      200,
    );
    expect(saved.body.version).toBe(base + 1);
    const stale = expectStatus(
      await send('patch', `/api/workgroups/${id}`, { compositionRules: read.compositionRules }, `"${base}"`),
      409,
    );
    expect(stale.body.error.current).toMatchObject({
      version: base + 1,
      compositionRules: [expect.objectContaining(seats[0])],
    });
    expect((await refusals('workgroup.update')).map((e) => e.entityId)).toContain(id);
  });

  it('refuses an outsider before looking at the body or the version', async () => {
    const outsider = await t
      .http()
      .patch('/api/region')
      .set('Authorization', `Bearer ${await api.token(DEMO.aanjagerOndermijning)}`)
      .set('If-Match', '"1"')
      .send({ bureauName: '' });
    expect(outsider.status).toBe(403);
  });
});
