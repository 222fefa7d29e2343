import type { Socket } from 'socket.io-client';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { eventually } from './support/collab-client';
import { files, multipartBody } from './support/file-fixtures';
import { liveSocket } from './support/live-client';
import { createTestApp, TestApp } from './support/test-app';

interface FilePayload {
  id?: string;
  fileId?: string;
  parentType: string;
  parentId: string;
  name?: string;
  versionCount?: number;
}

/** Live file lists (docs/files.md, "Live updates"): `files.subscribe` on /live, events to who may read. */
describe('live file lists over /live', () => {
  let t: TestApp;
  let api: Api;
  let ondermijning: string;
  let cyber: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    ondermijning = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    cyber = await api.workgroupId(WORKGROUP_NAMES.cyber);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const connect = async (email: string) => {
    const live = await liveSocket<FilePayload>(t.url, await api.token(email));
    sockets.push(live.socket);
    return live;
  };
  const upload = async (email: string, path: string, name: string) => {
    const { body, contentType } = multipartBody(name, files.pdf(700, name));
    const response = await t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${await api.token(email)}`)
      .set('Content-Type', contentType)
      .send(body);
    return expectStatus(response, 201).body as { id: string; version: number };
  };
  const fileEvents = (received: Array<{ event: string; payload: FilePayload }>) =>
    received.filter((r) => r.event.startsWith('file.'));

  it('tells the readers of a parent when a file is added, versioned or archived; outsiders hear nothing', async () => {
    const sessionId = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijning}/sessions`, {
        type: 'werksessie',
        title: unique('Werksessie live bijlagen'),
        startsAt: '2030-04-01T13:00:00Z',
        endsAt: '2030-04-01T15:00:00Z',
      }),
      201,
    ).body.id as string;
    const parent = { parentType: 'session', parentId: sessionId };

    const member = await connect(DEMO.ovjOndermijning);
    expect(await member.socket.emitWithAck('files.subscribe', parent)).toEqual({ ok: true });
    // Another werkgroep's member may not follow the session (404, as over REST), and an RVC member may not either.
    const outsider = await connect(DEMO.aanjagerCyber);
    expect(await outsider.socket.emitWithAck('files.subscribe', parent)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const rvc = await connect(DEMO.rvc);
    expect((await rvc.socket.emitWithAck('files.subscribe', parent)) as { ok: boolean }).toMatchObject({ ok: false });
    // The outsider follows their own werkgroep's Documenten, to know when later events have gone out.
    expect(await outsider.socket.emitWithAck('files.subscribe', { parentType: 'workgroup', parentId: cyber })).toEqual({
      ok: true,
    });
    // Bad subscriptions get a Dutch answer, not a crash.
    expect(
      await member.socket.emitWithAck('files.subscribe', { parentType: 'bestand', parentId: sessionId }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const path = `/api/sessions/${sessionId}/files`;
    const file = await upload(DEMO.aanjagerOndermijning, path, 'agenda.pdf');
    const token = await api.token(DEMO.aanjagerOndermijning);
    const { body, contentType } = multipartBody('agenda-v2.pdf', files.pdf(800, 'tweede'));
    expectStatus(
      await t
        .http()
        .post(`/api/files/${file.id}/versions`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', contentType)
        .send(body),
      201,
    );
    expectStatus(await api.delete(DEMO.aanjagerOndermijning, `/api/files/${file.id}`), 204);

    await eventually(() =>
      expect(
        fileEvents(member.received).map((r) => [r.event, r.payload.id ?? r.payload.fileId, r.payload.versionCount]),
      ).toEqual([
        ['file.stored', file.id, 1],
        ['file.stored', file.id, 2],
        ['file.archived', file.id, undefined],
      ]),
    );
    expect(fileEvents(member.received)[0].payload).toMatchObject({
      parentType: 'session',
      parentId: sessionId,
      name: 'agenda.pdf',
    });

    const own = await upload(DEMO.aanjagerCyber, `/api/workgroups/${cyber}/files`, 'eigen.pdf');
    await eventually(() => expect(fileEvents(outsider.received).map((r) => r.payload.id)).toEqual([own.id]));
    expect(fileEvents(rvc.received)).toEqual([]);
    // The member followed only the session: the other werkgroep's upload did not reach them either.
    expect(fileEvents(member.received)).toHaveLength(3);
  });

  it('stops a subscriber who has lost access since subscribing from hearing more', async () => {
    const parent = { parentType: 'workgroup', parentId: ondermijning };
    const leaving = await connect(DEMO.belastingdienstOndermijning);
    const staying = await connect(DEMO.politieOndermijning);
    expect(await leaving.socket.emitWithAck('files.subscribe', parent)).toEqual({ ok: true });
    expect(await staying.socket.emitWithAck('files.subscribe', parent)).toEqual({ ok: true });
    const userId = await api.userId(DEMO.belastingdienstOndermijning);
    expectStatus(await api.delete(DEMO.secretariaat, `/api/workgroups/${ondermijning}/members/${userId}`), 204);

    const file = await upload(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijning}/files`, 'na-vertrek.pdf');
    await eventually(() => expect(fileEvents(staying.received).map((r) => r.payload.id)).toEqual([file.id]));
    expect(fileEvents(leaving.received)).toEqual([]);
  });
});
