import type { EntityManager } from 'typeorm';
import { BundleService } from '../libs/reporting/src/bundle.service';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Closing a cycle compiles a first bundle before its transaction (rendering the PDF is slow) and seals what it
 * compiles again inside it, with the cycle row locked. An acceptance that lands between the two is in the
 * sealed bundle; one that waits on the lock finds the cycle closed. The races are forced by running the
 * acceptance from inside the compile steps, not by timing.
 */
describe('sealing a cycle misses no acceptance that races it', () => {
  let t: TestApp;
  let api: Api;
  let bundles: BundleService;
  let strategyId: string;
  let cyberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    bundles = t.app.get(BundleService);
    strategyId = (await api.strategy()).id;
    cyberId = await api.workgroupId(WORKGROUP_NAMES.cyber);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  /** A held cycle with one submitted (not yet accepted) cyber report. */
  async function heldCycleWithSubmittedReport(meetingDate: string, summary: string) {
    const cycleId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
        strategyId,
        title: unique('Race'),
        meetingDate,
        reportDeadline: `${meetingDate.slice(0, 8)}01`,
      }),
      201,
    ).body.id as string;
    const reportId = expectStatus(
      await api.post(DEMO.aanjagerCyber, `/api/workgroups/${cyberId}/progress-reports`, { cycleId }),
      201,
    ).body.id as string;
    expectStatus(await api.patch(DEMO.aanjagerCyber, `/api/progress-reports/${reportId}`, { summary }), 200);
    expectStatus(await api.post(DEMO.aanjagerCyber, `/api/progress-reports/${reportId}/submit`), 200);
    return { cycleId, reportId };
  }

  async function sealedCyberReport(cycleId: string) {
    const cycle = expectStatus(await api.get(DEMO.rvc, `/api/reporting-cycles/${cycleId}`), 200).body;
    expect(cycle.seal).toMatchObject({ verified: true });
    const bundle = expectStatus(await api.get(DEMO.rvc, `/api/reporting-cycles/${cycleId}/bundle`), 200).body;
    return bundle.workgroups.find((w: { workgroupId: string }) => w.workgroupId === cyberId).report;
  }

  it('seals an acceptance that lands after the first compile', async () => {
    const { cycleId, reportId } = await heldCycleWithSubmittedReport('2025-02-28', 'Geaccepteerd tussendoor.');
    const compileBefore = bundles.bundle.bind(bundles);
    jest.spyOn(bundles, 'bundle').mockImplementationOnce(async (...args) => {
      const draft = await compileBefore(...args);
      // The acceptance comes in after the bundle was compiled, before the closing transaction starts.
      expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/accept`), 200);
      return draft;
    });

    expectStatus(await api.post(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}/close`), 200);

    expect(await sealedCyberReport(cycleId)).toMatchObject({ content: { summary: 'Geaccepteerd tussendoor.' } });
  });

  it('turns away an acceptance that waits for the sealing transaction (409), and seals without it', async () => {
    const { cycleId, reportId } = await heldCycleWithSubmittedReport('2025-01-31', 'Te laat geaccepteerd.');
    const compile = bundles.compile.bind(bundles);
    let racing: Promise<{ status: number }> | undefined;
    jest.spyOn(bundles, 'compile').mockImplementation(async (id: string, now?: Date, manager?: EntityManager) => {
      // Inside the transaction, the cycle row locked: the acceptance starts now and can only finish after it.
      if (manager && !racing) racing = api.post(DEMO.secretariaat, `/api/progress-reports/${reportId}/accept`);
      return compile(id, now, manager);
    });

    expectStatus(await api.post(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}/close`), 200);

    expect(racing).toBeDefined();
    expect((await racing!).status).toBe(409);
    expect(await sealedCyberReport(cycleId)).toBeNull();
    const report = expectStatus(await api.get(DEMO.secretariaat, `/api/progress-reports/${reportId}`), 200).body;
    expect(report.status).toBe('ingediend');
  });
});
