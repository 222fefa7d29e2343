import type { Socket } from 'socket.io-client';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { eventually } from './support/collab-client';
import { liveSocket } from './support/live-client';
import { createTestApp, TestApp } from './support/test-app';

interface SessionPayload {
  id: string;
  workgroupId: string;
  title?: string;
  state?: string;
  agendaItemCount?: number;
  decisionCount?: number;
  upcoming?: boolean;
}

const DAY = 86_400_000;
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe('live session lists over /live', () => {
  let t: TestApp;
  let api: Api;
  let ondermijning: string;
  let cyber: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    ondermijning = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    cyber = await api.workgroupId(WORKGROUP_NAMES.cyber);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const subscribed = async (email: string, workgroupId: string) => {
    const live = await liveSocket<SessionPayload>(t.url, await api.token(email));
    sockets.push(live.socket);
    expect(await live.socket.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });
    return live;
  };
  const plan = async (title: string) =>
    expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijning}/sessions`, {
        type: 'werksessie',
        title,
        startsAt: at(10, 8),
        endsAt: at(10, 10),
        location: 'Stadhuis Nieuwegein',
      }),
      201,
    ).body as { id: string };
  const sessionEvents = (received: Array<{ event: string; payload: SessionPayload }>) =>
    received.filter((r) => r.event.startsWith('session.'));

  it('tells every subscriber of the werkgroep when a session is planned, changed (agenda, attendance, decisions) and removed', async () => {
    const member = await subscribed(DEMO.ovjOndermijning, ondermijning);
    const outsider = await subscribed(DEMO.aanjagerCyber, cyber);

    const session = await plan('Werksessie live bijgewerkt');
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/sessions/${session.id}`, { state: 'geagendeerd' }),
      200,
    );
    const item = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/sessions/${session.id}/agenda`, {
        title: 'Opening',
        minutesAllotted: 10,
      }),
      201,
    ).body as { id: string };
    const ovj = await api.userId(DEMO.ovjOndermijning);
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/sessions/${session.id}/attendance`, {
        attendees: [{ userId: ovj }],
      }),
      200,
    );
    expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/sessions/${session.id}/decisions`, {
        text: 'We starten een pilot.',
        agendaItemId: item.id,
      }),
      201,
    );
    const removable = await plan('Werksessie die vervalt');
    expectStatus(await api.delete(DEMO.aanjagerOndermijning, `/api/sessions/${removable.id}`), 204);

    await eventually(() =>
      expect(
        sessionEvents(member.received).map((r) => [
          r.event,
          r.payload.id,
          r.payload.state,
          r.payload.agendaItemCount,
          r.payload.decisionCount,
        ]),
      ).toEqual([
        ['session.created', session.id, 'concept', 0, 0],
        ['session.updated', session.id, 'geagendeerd', 0, 0],
        ['session.updated', session.id, 'geagendeerd', 1, 0],
        ['session.updated', session.id, 'geagendeerd', 1, 0],
        ['session.updated', session.id, 'geagendeerd', 1, 1],
        ['session.created', removable.id, 'concept', 0, 0],
        ['session.deleted', removable.id, undefined, undefined, undefined],
      ]),
    );
    expect(sessionEvents(member.received)[0].payload).toMatchObject({
      workgroupId: ondermijning,
      title: 'Werksessie live bijgewerkt',
      upcoming: true,
    });
    // A member of another werkgroep, subscribed to their own, hears none of it.
    expect(sessionEvents(outsider.received)).toEqual([]);
  });

  it('refuses the subscription of outsiders and RVC members, who receive nothing', async () => {
    const outsider = await liveSocket<SessionPayload>(t.url, await api.token(DEMO.aanjagerCyber));
    const rvc = await liveSocket<SessionPayload>(t.url, await api.token(DEMO.rvc));
    sockets.push(outsider.socket, rvc.socket);
    expect(await outsider.socket.emitWithAck('subscribe', { workgroupId: ondermijning })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await rvc.socket.emitWithAck('subscribe', { workgroupId: ondermijning })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // A subscriber who may read, to know when the event has gone out.
    const member = await subscribed(DEMO.politieOndermijning, ondermijning);
    const session = await plan('Vertrouwelijke werksessie');
    await eventually(() => expect(sessionEvents(member.received).map((r) => r.payload.id)).toEqual([session.id]));
    expect(sessionEvents(outsider.received)).toEqual([]);
    expect(sessionEvents(rvc.received)).toEqual([]);
  });
});
