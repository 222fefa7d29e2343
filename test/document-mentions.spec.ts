import type { Socket } from 'socket.io-client';
import { Api, DEMO, expectStatus } from './support/api-helpers';
import { eventually } from './support/collab-client';
import { liveSocket } from './support/live-client';
import { createTestApp, TestApp } from './support/test-app';

/** What the bell's live events carry. */
type LivePayload = { notification?: Notification; unreadCount?: number };

interface Notification {
  id: string;
  kind: string;
  title: string;
  entityType: string | null;
  entityId: string | null;
  workgroupId: string | null;
  link: string | null;
  readAt: string | null;
}
interface Thread {
  id: string;
  body: string;
  replies: Array<{ id: string; body: string }>;
}

describe('@mentions in document comments', () => {
  let t: TestApp;
  let api: Api;
  let workgroupId: string;
  let documentId: string;
  const ids: Record<string, string> = {};
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({});
    api = new Api(t);
    workgroupId = await api.workgroupId('Bestuurlijke werkgroep Ondermijning');
    for (const who of ['aanjagerOndermijning', 'ovjOndermijning', 'politieOndermijning', 'aanjagerOnrust'] as const)
      ids[who] = await api.userId(DEMO[who]);
    documentId = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/documents`, {
        title: 'Plan van aanpak drugslabs',
        kind: 'notitie',
      }),
      201,
    ).body.id;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const mentionsOf = async (email: string) =>
    (
      expectStatus(await api.get(email, '/api/me/notifications?limit=100'), 200).body as { items: Notification[] }
    ).items.filter((n) => n.kind === 'vermelding');

  it('notifies the mentioned member only, live and with a link to the thread, never the author', async () => {
    const [ovj, politie, author] = await Promise.all([
      liveSocket<LivePayload>(t.url, await api.token(DEMO.ovjOndermijning)),
      liveSocket<LivePayload>(t.url, await api.token(DEMO.politieOndermijning)),
      liveSocket<LivePayload>(t.url, await api.token(DEMO.aanjagerOndermijning)),
    ]);
    sockets.push(ovj.socket, politie.socket, author.socket);
    const unreadBefore = (
      expectStatus(await api.get(DEMO.ovjOndermijning, '/api/me/notifications'), 200).body as { unreadCount: number }
    ).unreadCount;

    // The author mentions the prosecutor, and (by accident) themselves.
    const threads = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/documents/${documentId}/comments`, {
        body: '@Officier kun jij dit aanvullen?',
        quote: 'drugslabs',
        mentions: [ids.ovjOndermijning, ids.aanjagerOndermijning],
      }),
      201,
    ).body as Thread[];
    const thread = threads.find((c) => c.body === '@Officier kun jij dit aanvullen?')!;

    const expected = {
      kind: 'vermelding',
      title: 'Burgemeester Nieuwegein (demo) noemde u in een reactie op Plan van aanpak drugslabs',
      entityType: 'document_comment',
      entityId: thread.id,
      workgroupId,
      link: `/documenten/${documentId}?reactie=${thread.id}`,
      readAt: null,
    };
    await eventually(() =>
      expect(ovj.received).toEqual([
        {
          event: 'notification',
          payload: { notification: expect.objectContaining(expected), unreadCount: unreadBefore + 1 },
        },
      ]),
    );
    expect(await mentionsOf(DEMO.ovjOndermijning)).toEqual([expect.objectContaining(expected)]);
    expect(await mentionsOf(DEMO.aanjagerOndermijning)).toEqual([]);
    expect(await mentionsOf(DEMO.politieOndermijning)).toEqual([]);

    // A reply that mentions the author tells the author, with a link to that reply.
    const replied = expectStatus(
      await api.post(DEMO.politieOndermijning, `/api/comments/${thread.id}/replies`, {
        body: 'Ik kijk mee, @Burgemeester.',
        mentions: [ids.aanjagerOndermijning],
      }),
      201,
    ).body as Thread[];
    const reply = replied.find((c) => c.id === thread.id)!.replies[0];
    await eventually(async () =>
      expect(await mentionsOf(DEMO.aanjagerOndermijning)).toEqual([
        expect.objectContaining({
          title: 'Sectorhoofd politie ondermijning (demo) noemde u in een reactie op Plan van aanpak drugslabs',
          link: `/documenten/${documentId}?reactie=${reply.id}`,
        }),
      ]),
    );
    await eventually(() => expect(author.received.map((r) => r.event)).toEqual(['notification']));

    // Editing the first comment to mention the police too tells only the newly mentioned person.
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/comments/${thread.id}`, {
        body: '@Officier @Politie kunnen jullie dit aanvullen?',
        mentions: [ids.ovjOndermijning, ids.politieOndermijning],
      }),
      200,
    );
    await eventually(async () =>
      expect(await mentionsOf(DEMO.politieOndermijning)).toEqual([expect.objectContaining({ entityId: thread.id })]),
    );
    expect(await mentionsOf(DEMO.ovjOndermijning)).toHaveLength(1);
    await eventually(() => expect(politie.received.map((r) => r.event)).toEqual(['notification']));
    expect(ovj.received).toHaveLength(1);
  });

  it('refuses a mention of someone outside the werkgroep and then notifies nobody', async () => {
    const before = await mentionsOf(DEMO.ovjOndermijning);
    const refused = await api.post(DEMO.aanjagerOndermijning, `/api/documents/${documentId}/comments`, {
      body: 'Zie ook',
      mentions: [ids.ovjOndermijning, ids.aanjagerOnrust],
    });
    expectStatus(refused, 400);
    expect(refused.body.error.fields[0].field).toBe('mentions');
    expect(await mentionsOf(DEMO.ovjOndermijning)).toEqual(before);
    expect(await mentionsOf(DEMO.aanjagerOnrust)).toEqual([]);
    const threads = expectStatus(await api.get(DEMO.aanjagerOndermijning, `/api/documents/${documentId}/comments`), 200)
      .body as Thread[];
    expect(threads.map((c) => c.body)).not.toContain('Zie ook');
  });
});
