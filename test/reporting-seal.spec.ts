import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Api, DEMO, errorBody, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Closing a reporting cycle after its RVC meeting seals its bundle: the JSON and the PDF the board received
 * stay byte-identical whatever happens afterwards (a new werkgroep, new reports), with a verifiable SHA-256,
 * and the closed cycle and its reports are read-only.
 */
describe('closing a reporting cycle seals its RVC bundle', () => {
  let t: TestApp;
  let api: Api;
  let strategyId: string;
  let ondermijningId: string;
  let cyberId: string;
  let cycleId: string;
  let reportId: string;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    api = new Api(t);
    strategyId = (await api.strategy()).id;
    ondermijningId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    cyberId = await api.workgroupId(WORKGROUP_NAMES.cyber);
    cycleId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
        strategyId,
        title: unique('Gehouden vergadering'),
        meetingDate: '2025-06-30',
        reportDeadline: '2025-06-01',
      }),
      201,
    ).body.id;
    reportId = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/progress-reports`, { cycleId }),
      201,
    ).body.id;
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/progress-reports/${reportId}`, {
        summary: 'Verzegeld verslag.',
      }),
      200,
    );
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/progress-reports/${reportId}/submit`), 200);
    expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/accept`), 200);
  });
  afterAll(() => t.close());

  async function bytes(path: string): Promise<{ body: Buffer; digest: string | undefined }> {
    const response = await t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await api.token(DEMO.rvc)}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expectStatus(response, 200);
    return { body: response.body as Buffer, digest: response.headers['repr-digest'] as string | undefined };
  }

  it('refuses to close before the meeting, and refuses anyone but the secretariat', async () => {
    const future = expectStatus(
      await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
        strategyId,
        title: unique('Komende vergadering'),
        meetingDate: '2099-06-30',
        reportDeadline: '2099-06-01',
      }),
      201,
    ).body.id;
    const early = expectStatus(await api.post(DEMO.secretariaat, `/api/reporting-cycles/${future}/close`), 409);
    expect(early.body).toEqual(errorBody('CONFLICT'));
    expectStatus(await api.post(DEMO.rvc, `/api/reporting-cycles/${cycleId}/close`), 403);
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/reporting-cycles/${cycleId}/close`), 403);
  });

  it('seals the bundle: stored with its SHA-256, served byte for byte, unchanged by later work', async () => {
    const closed = expectStatus(await api.post(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}/close`), 200);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    const cycle = expectStatus(await api.get(DEMO.rvc, `/api/reporting-cycles/${cycleId}`), 200).body;
    expect(cycle.seal).toMatchObject({
      verified: true,
      jsonSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const json = await bytes(`/api/reporting-cycles/${cycleId}/bundle`);
    const pdf = await bytes(`/api/reporting-cycles/${cycleId}/bundle.pdf`);
    expect(sha256(json.body)).toBe(cycle.seal.jsonSha256);
    expect(sha256(pdf.body)).toBe(cycle.seal.pdfSha256);
    expect(json.digest).toBe(`sha-256=:${Buffer.from(cycle.seal.jsonSha256, 'hex').toString('base64')}:`);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const sealed = JSON.parse(json.body.toString('utf8'));
    const workgroupsAtMeeting = sealed.workgroups.length;
    expect(
      sealed.workgroups.find((w: { workgroupId: string }) => w.workgroupId === ondermijningId).report,
    ).toMatchObject({
      content: { summary: 'Verzegeld verslag.' },
    });

    // Afterwards: a new werkgroep in the strategy, and new work elsewhere.
    const theme = expectStatus(
      await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/themes`, { title: unique('Nieuwe prioriteit') }),
      201,
    ).body;
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/workgroups', { themeId: theme.id, name: unique('Nieuwe werkgroep') }),
      201,
    );
    expectStatus(
      await api.post(DEMO.aanjagerCyber, `/api/workgroups/${cyberId}/actions`, { title: unique('Latere actie') }),
      201,
    );

    const jsonAfter = await bytes(`/api/reporting-cycles/${cycleId}/bundle`);
    const pdfAfter = await bytes(`/api/reporting-cycles/${cycleId}/bundle.pdf`);
    expect(jsonAfter.body.equals(json.body)).toBe(true);
    expect(pdfAfter.body.equals(pdf.body)).toBe(true);
    expect(JSON.parse(jsonAfter.body.toString('utf8')).workgroups).toHaveLength(workgroupsAtMeeting);

    const audit = await api.audit({ entityType: 'reporting_cycle', entityId: cycleId });
    expect(audit.items.find((e) => e.action === 'reporting_cycle.close')).toMatchObject({
      outcome: 'success',
      summary: { jsonSha256: cycle.seal.jsonSha256, pdfSha256: cycle.seal.pdfSha256 },
    });
  });

  it('keeps a closed cycle and its reports read-only (409), and the seal itself append-only', async () => {
    expectStatus(await api.post(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}/close`), 409);
    expectStatus(await api.patch(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}`, { title: 'Anders' }), 409);
    expectStatus(await api.post(DEMO.aanjagerCyber, `/api/workgroups/${cyberId}/progress-reports`, { cycleId }), 409);
    expectStatus(
      await api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/return`, { comment: 'Toch niet.' }),
      409,
    );
    await expect(
      db.query("UPDATE reporting_cycle_seals SET json_sha256 = repeat('0', 64) WHERE cycle_id = $1", [cycleId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query('UPDATE reporting_cycles SET title = $2 WHERE id = $1', [cycleId, 'Stiekem anders']),
    ).rejects.toThrow(/closed/);
  });
});
