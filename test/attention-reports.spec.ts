import { createTestApp, TestApp } from './support/test-app';

/** "Needs your attention" includes the progress reports that wait on someone. */
describe('reports in the attention view', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  type Task = { task: string; workgroupName: string; status: string; reportId: string | null; cycleId: string };
  const reports = async (who: string) =>
    (await t.http().get('/api/me/attention').set(as(who)).expect(200)).body.reports as Task[];

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['secretariaat', 'aanjager.ondermijning', 'ovj.ondermijning'])
      tokens[who] = await t.login(`${who}@demo.koers.nl`);
  });
  afterAll(() => t.close());

  it('asks the aanjager to submit, then asks the secretariat to review', async () => {
    const mine = await reports('aanjager.ondermijning');
    const toSubmit = mine.filter((r) => r.task === 'indienen');
    expect(toSubmit.map((r) => r.workgroupName)).toEqual(['Bestuurlijke werkgroep Ondermijning']);
    expect(await reports('ovj.ondermijning')).toEqual([]);
    const before = (await reports('secretariaat')).filter((r) => r.task === 'beoordelen').length;

    const workgroups = (await t.http().get('/api/workgroups').set(as('aanjager.ondermijning'))).body as Array<{
      id: string;
      name: string;
    }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    const reportId =
      toSubmit[0].reportId ??
      (
        await t
          .http()
          .post(`/api/workgroups/${workgroupId}/progress-reports`)
          .set(as('aanjager.ondermijning'))
          .send({ cycleId: toSubmit[0].cycleId })
          .expect(201)
      ).body.id;
    await t
      .http()
      .patch(`/api/progress-reports/${reportId}`)
      .set(as('aanjager.ondermijning'))
      .send({ summary: 'De aanpak ligt op koers.' })
      .expect(200);
    await t.http().post(`/api/progress-reports/${reportId}/submit`).set(as('aanjager.ondermijning')).expect(200);

    expect((await reports('aanjager.ondermijning')).filter((r) => r.task === 'indienen')).toEqual([]);
    const review = (await reports('secretariaat')).filter((r) => r.task === 'beoordelen');
    expect(review).toHaveLength(before + 1);
    expect(review.map((r) => r.reportId)).toContain(reportId);
  });
});
