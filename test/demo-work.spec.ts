import { createTestApp, TestApp } from './support/test-app';

/** A new user sees a werkgroep at work: past and upcoming sessions, decisions that became actions. */
describe('demo werkgroepen at work', () => {
  let t: TestApp;
  let token: string;
  const as = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.login('secretariaat@demo.koers.nl');
  });
  afterAll(() => t.close());

  it('gives every werkgroep one past session with decisions and attendance, and one upcoming session with an agenda', async () => {
    const workgroups = (await t.http().get('/api/workgroups').set(as()).expect(200)).body as Array<{
      id: string;
      name: string;
    }>;
    expect(workgroups).toHaveLength(3);
    for (const workgroup of workgroups) {
      const sessions = (await t.http().get(`/api/workgroups/${workgroup.id}/sessions`).set(as()).expect(200)).body as
        | Array<{ id: string; state: string; startsAt: string }>
        | { items: Array<{ id: string; state: string; startsAt: string }> };
      const list = Array.isArray(sessions) ? sessions : sessions.items;
      const past = list.filter((s) => s.state === 'afgerond' && new Date(s.startsAt) < new Date());
      const upcoming = list.filter((s) => s.state === 'geagendeerd' && new Date(s.startsAt) > new Date());
      expect(past).toHaveLength(1);
      expect(upcoming).toHaveLength(1);
      const pastSession = (await t.http().get(`/api/sessions/${past[0].id}`).set(as()).expect(200)).body;
      expect(pastSession.decisions.length).toBeGreaterThan(0);
      expect(pastSession.attendees.some((a: { status: string }) => a.status === 'aanwezig')).toBe(true);
      const upcomingSession = (await t.http().get(`/api/sessions/${upcoming[0].id}`).set(as()).expect(200)).body;
      expect(upcomingSession.agenda.length).toBeGreaterThan(1);
    }
  });

  it('links the actions that came from a session decision to that decision', async () => {
    const workgroups = (await t.http().get('/api/workgroups').set(as())).body as Array<{ id: string; name: string }>;
    const ondermijning = workgroups.find((w) => w.name.includes('Ondermijning'))!;
    const actions = (await t.http().get(`/api/workgroups/${ondermijning.id}/actions?limit=500`).set(as()).expect(200))
      .body.items as Array<{ id: string; origin: string }>;
    const fromDecisions = actions.filter((a) => a.origin === 'sessiebesluit');
    expect(fromDecisions.length).toBeGreaterThan(0);
    for (const action of fromDecisions) {
      const decision = (await t.http().get(`/api/actions/${action.id}/decision`).set(as()).expect(200)).body;
      expect(decision.session.state).toBe('afgerond');
      expect(decision.actions.map((a: { id: string }) => a.id)).toContain(action.id);
    }
  });
});
