import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { addDays, todayInNetherlands } from '@koers/core';
import { ConfigError, loadConfig } from '@koers/core';
import { ActionAssignmentNotifier, NotificationService, REMINDER_LOCK_KEY, ReminderJob } from '@koers/notifications';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';
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
interface NotificationPage {
  items: Notification[];
  total: number;
  unreadCount: number;
}

const today = () => todayInNetherlands();

describe('notifications, reminders and the attention view', () => {
  let t: TestApp;
  let api: Api;
  let workgroupId: string;
  const ids: Record<string, string> = {};
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    workgroupId = await api.workgroupId('Bestuurlijke werkgroep Ondermijning');
    for (const who of [
      'ovjOndermijning',
      'politieOndermijning',
      'aanjagerOndermijning',
      'belastingdienstOndermijning',
      'aanjagerCyber',
      'ambtelijkOndermijning',
    ] as const)
      ids[who] = await api.userId(DEMO[who]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const settle = () => t.app.get(ActionAssignmentNotifier).settled();
  const createAction = async (who: string, body: Record<string, unknown>) =>
    expectStatus(
      await api.post(who, `/api/workgroups/${workgroupId}/actions`, { title: unique('Actie'), ...body }),
      201,
    ).body as { id: string; title: string };
  const notificationsOf = async (who: string, query = '') =>
    expectStatus(await api.get(who, `/api/me/notifications${query}`), 200).body as NotificationPage;
  /** The assignment and reminder notifications about an action (owners also follow it: changes come as 'gevolgd'). */
  const about = (page: NotificationPage, actionId: string) =>
    page.items.filter((n) => n.entityId === actionId && n.kind !== 'gevolgd');

  it('tells the new owner when an action is assigned to them, and nobody when one assigns oneself', async () => {
    const assigned = await createAction(DEMO.aanjagerOndermijning, {
      ownerId: ids.ovjOndermijning,
      dueDate: addDays(today(), 20),
    });
    const own = await createAction(DEMO.aanjagerOndermijning, { ownerId: ids.aanjagerOndermijning });
    await settle();
    const ovj = await notificationsOf(DEMO.ovjOndermijning);
    expect(about(ovj, assigned.id)).toEqual([
      expect.objectContaining({
        kind: 'toegewezen',
        entityType: 'action',
        workgroupId,
        readAt: null,
        link: `/werkgroepen/${workgroupId}?actie=${assigned.id}`,
        title: expect.stringContaining(assigned.title),
      }),
    ]);
    expect(about(await notificationsOf(DEMO.aanjagerOndermijning), own.id)).toEqual([]);

    // Handing it to someone else notifies them; a change that keeps the owner does not.
    expectStatus(
      await api.patch(DEMO.ambtelijkOndermijning, `/api/actions/${assigned.id}`, { ownerId: ids.politieOndermijning }),
      200,
    );
    expectStatus(
      await api.patch(DEMO.ambtelijkOndermijning, `/api/actions/${assigned.id}`, { status: 'in_uitvoering' }),
      200,
    );
    // The new owner takes over an action for themselves: no notification to themselves.
    expectStatus(
      await api.patch(DEMO.belastingdienstOndermijning, `/api/actions/${assigned.id}`, {
        ownerId: ids.belastingdienstOndermijning,
      }),
      200,
    );
    await settle();
    expect(about(await notificationsOf(DEMO.politieOndermijning), assigned.id).map((n) => n.kind)).toEqual([
      'toegewezen',
    ]);
    expect(about(await notificationsOf(DEMO.ovjOndermijning), assigned.id)).toHaveLength(1);
    expect(about(await notificationsOf(DEMO.belastingdienstOndermijning), assigned.id)).toEqual([]);
  });

  it("pushes the notification with the unread count to the owner's own sockets only", async () => {
    const mine = await liveSocket<LivePayload>(t.url, await api.token(DEMO.politieOndermijning));
    const outsider = await liveSocket<LivePayload>(t.url, await api.token(DEMO.aanjagerCyber));
    const colleague = await liveSocket<LivePayload>(t.url, await api.token(DEMO.ovjOndermijning));
    sockets.push(mine.socket, outsider.socket, colleague.socket);
    // The colleague even subscribes to the werkgroep: they see the action, not the notification.
    expect(await colleague.socket.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });
    const before = (await notificationsOf(DEMO.politieOndermijning)).unreadCount;
    const action = await createAction(DEMO.aanjagerOndermijning, { ownerId: ids.politieOndermijning });
    await eventually(() =>
      expect(mine.received).toEqual([
        {
          event: 'notification',
          payload: {
            notification: expect.objectContaining({ kind: 'toegewezen', entityId: action.id, readAt: null }),
            unreadCount: before + 1,
          },
        },
      ]),
    );
    const pushed = mine.received[0].payload.notification!;
    expectStatus(await api.post(DEMO.politieOndermijning, `/api/me/notifications/${pushed.id}/read`), 200);
    await eventually(() =>
      expect(mine.received[1]).toEqual({
        event: 'notifications.read',
        payload: { ids: [pushed.id], unreadCount: before },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outsider.received).toEqual([]);
    expect(colleague.received.map((r) => r.event)).toEqual(['action.created']);
  });

  it("lists one's own notifications paged with the unread count, marks them read, and keeps others' out of reach", async () => {
    for (let i = 0; i < 3; i++) await createAction(DEMO.aanjagerOndermijning, { ownerId: ids.ovjOndermijning });
    await settle();
    const all = await notificationsOf(DEMO.ovjOndermijning, '?limit=2');
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(4);
    const unread = await notificationsOf(DEMO.ovjOndermijning, '?unread=true&limit=100');
    expect(unread.unreadCount).toBe(unread.total);
    expect(unread.items.every((n) => n.readAt === null)).toBe(true);

    const first = unread.items[0];
    // Someone else cannot read or mark it: "not found", and it stays unread.
    expectStatus(await api.post(DEMO.politieOndermijning, `/api/me/notifications/${first.id}/read`), 404);
    expect((await notificationsOf(DEMO.politieOndermijning)).items.map((n) => n.id)).not.toContain(first.id);
    const marked = expectStatus(
      await api.post(DEMO.ovjOndermijning, `/api/me/notifications/${first.id}/read`),
      200,
    ).body;
    expect(marked).toEqual({ unreadCount: unread.unreadCount - 1 });
    const again = await notificationsOf(DEMO.ovjOndermijning, '?unread=true&limit=100');
    expect(again.items.map((n) => n.id)).not.toContain(first.id);
    expect(expectStatus(await api.post(DEMO.ovjOndermijning, '/api/me/notifications/read-all'), 200).body).toEqual({
      marked: unread.unreadCount - 1,
      unreadCount: 0,
    });
    expect((await notificationsOf(DEMO.ovjOndermijning, '?unread=true')).items).toEqual([]);
    expect((await notificationsOf(DEMO.ovjOndermijning)).total).toBe(all.total);

    expectStatus(await api.get(DEMO.ovjOndermijning, '/api/me/notifications?unread=misschien'), 400);
    expectStatus(await api.get(DEMO.ovjOndermijning, '/api/me/notifications?limit=0'), 400);
    expectStatus(await api.post(DEMO.ovjOndermijning, '/api/me/notifications/geen-uuid/read'), 404);
    expectStatus(await api.request(null, 'GET', '/api/me/notifications'), 401);
  });

  it('reminds the owner once of an action due within 3 days and once when it is overdue, however often the job runs', async () => {
    const job = t.app.get(ReminderJob);
    const owner = DEMO.politieOndermijning;
    const soon = await createAction(DEMO.aanjagerOndermijning, {
      ownerId: ids.politieOndermijning,
      dueDate: addDays(today(), 2),
    });
    const late = await createAction(DEMO.aanjagerOndermijning, {
      ownerId: ids.politieOndermijning,
      dueDate: addDays(today(), -1),
    });
    const later = await createAction(DEMO.aanjagerOndermijning, {
      ownerId: ids.politieOndermijning,
      dueDate: addDays(today(), 10),
    });
    const done = await createAction(DEMO.aanjagerOndermijning, {
      ownerId: ids.politieOndermijning,
      dueDate: addDays(today(), -1),
      status: 'afgerond',
    });
    const unowned = await createAction(DEMO.aanjagerOndermijning, { dueDate: addDays(today(), -1) });
    await settle();

    const first = await job.runOnce();
    expect(first.ran).toBe(true);
    expect(first.created).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 3; i++) expect(await job.runOnce()).toEqual({ ran: true, created: 0 });
    const page = await notificationsOf(owner, '?limit=100');
    const reminders = (id: string) => about(page, id).filter((n) => n.kind !== 'toegewezen');
    expect(reminders(soon.id)).toEqual([
      expect.objectContaining({
        kind: 'binnenkort',
        title: expect.stringMatching(/^Deadline nadert \(\d\d-\d\d-\d{4}\): /),
      }),
    ]);
    expect(reminders(late.id)).toEqual([
      expect.objectContaining({ kind: 'verlopen', title: expect.stringContaining(late.title) }),
    ]);
    expect(reminders(later.id)).toEqual([]);
    expect(reminders(done.id)).toEqual([]);
    const keyed: Array<{ n: number }> = await t.app
      .get(DataSource)
      .query('SELECT count(*) AS n FROM notifications WHERE entity_id = $1', [unowned.id]);
    expect(keyed[0].n).toBe(0);

    // Days later the "soon" action is overdue: one more reminder, once.
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    expect((await job.runOnce(inThreeDays)).created).toBeGreaterThanOrEqual(1);
    expect((await job.runOnce(inThreeDays)).created).toBe(0);
    expect(
      about(await notificationsOf(owner, '?limit=100'), soon.id)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['binnenkort', 'toegewezen', 'verlopen']);

    // A new due date is a new deadline: reminded again for it.
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/actions/${late.id}`, { dueDate: addDays(today(), 1) }),
      200,
    );
    expect((await job.runOnce()).created).toBe(1);
    expect(
      about(await notificationsOf(owner, '?limit=100'), late.id)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['binnenkort', 'toegewezen', 'verlopen']);
  });

  it('lets other features announce a decision to the people it concerns, once', async () => {
    const notifications = t.app.get(NotificationService);
    const decision = {
      id: '6f1f7c3e-0000-4000-8000-000000000001',
      title: 'Convenant signaaltafel ondertekenen',
      workgroupId,
      decidedBy: ids.aanjagerOndermijning,
    };
    const created = await notifications.notifyDecision(
      [ids.ovjOndermijning, ids.aanjagerOndermijning, ids.ovjOndermijning],
      decision,
    );
    expect(created).toEqual([
      expect.objectContaining({
        kind: 'besluit',
        title: 'Besluit: Convenant signaaltafel ondertekenen',
        entityType: 'decision',
        entityId: decision.id,
      }),
    ]);
    expect(await notifications.notifyDecision([ids.ovjOndermijning], decision)).toEqual([]);
    expect(about(await notificationsOf(DEMO.ovjOndermijning), decision.id)).toHaveLength(1);
    expect(about(await notificationsOf(DEMO.aanjagerOndermijning), decision.id)).toEqual([]);
  });

  it('shows per person what waits on them: overdue and due-soon actions, and unread notifications', async () => {
    const overdue = await createAction(DEMO.ambtelijkOndermijning, {
      ownerId: ids.belastingdienstOndermijning,
      dueDate: addDays(today(), -5),
      priority: 'hoog',
    });
    const soon = await createAction(DEMO.ambtelijkOndermijning, {
      ownerId: ids.belastingdienstOndermijning,
      dueDate: addDays(today(), 3),
    });
    const later = await createAction(DEMO.ambtelijkOndermijning, {
      ownerId: ids.belastingdienstOndermijning,
      dueDate: addDays(today(), 4),
    });
    const done = await createAction(DEMO.ambtelijkOndermijning, {
      ownerId: ids.belastingdienstOndermijning,
      dueDate: addDays(today(), -5),
      status: 'afgerond',
    });
    const someoneElses = await createAction(DEMO.ambtelijkOndermijning, {
      ownerId: ids.ovjOndermijning,
      dueDate: addDays(today(), -5),
    });
    await settle();
    const view = expectStatus(await api.get(DEMO.belastingdienstOndermijning, '/api/me/attention'), 200).body;
    const overdueIds = view.overdue.map((a: { id: string }) => a.id);
    const soonIds = view.dueSoon.map((a: { id: string }) => a.id);
    expect(overdueIds).toContain(overdue.id);
    expect(soonIds).toContain(soon.id);
    for (const absent of [later.id, done.id, someoneElses.id])
      expect([...overdueIds, ...soonIds]).not.toContain(absent);
    expect(view.overdue.find((a: { id: string }) => a.id === overdue.id)).toMatchObject({
      workgroupId,
      workgroupName: 'Bestuurlijke werkgroep Ondermijning',
      dueDate: addDays(today(), -5),
      priority: 'hoog',
      link: `/werkgroepen/${workgroupId}?actie=${overdue.id}`,
    });
    expect(view.overdue.every((a: { dueDate: string }) => a.dueDate < view.today)).toBe(true);
    expect(
      view.dueSoon.every((a: { dueDate: string }) => a.dueDate >= view.today && a.dueDate <= view.dueSoonUntil),
    ).toBe(true);
    const bell = await notificationsOf(DEMO.belastingdienstOndermijning, '?unread=true');
    expect(view.notifications.unreadCount).toBe(bell.unreadCount);
    // Four assignments (the fifth action went to someone else).
    expect(view.notifications.unreadCount).toBeGreaterThanOrEqual(4);
    expect(view.notifications.items.length).toBe(Math.min(10, bell.unreadCount));
    expect(view.total).toBe(view.overdue.length + view.dueSoon.length + view.notifications.unreadCount);

    // Someone with nothing waiting gets an empty view, not someone else's.
    const empty = expectStatus(await api.get(DEMO.rvc, '/api/me/attention'), 200).body;
    expect(empty).toMatchObject({ overdue: [], dueSoon: [], notifications: { unreadCount: 0, items: [] }, total: 0 });
  });

  it('validates the reminder configuration', () => {
    expect(
      loadConfig({ KOERS_DATA_DIR: '/tmp/koers-config-test', KOERS_JWT_SECRET: 'x'.repeat(48) }).reminders,
    ).toEqual({ intervalMs: 900_000, dueSoonDays: 3 });
    expect(
      loadConfig({
        KOERS_DATA_DIR: '/tmp/koers-config-test',
        KOERS_JWT_SECRET: 'x'.repeat(48),
        KOERS_REMINDER_INTERVAL_MS: '0',
      }).reminders.intervalMs,
    ).toBe(0);
    expect(() =>
      loadConfig({
        KOERS_DATA_DIR: '/tmp/koers-config-test',
        KOERS_JWT_SECRET: 'x'.repeat(48),
        KOERS_REMINDER_INTERVAL_MS: '-5',
        KOERS_REMINDER_DUE_SOON_DAYS: 'drie',
      }),
    ).toThrow(ConfigError);
  });
});

// Several instances on one database need a real PostgreSQL (the embedded database belongs to one process).
const withPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withPostgres('the reminder job across instances (PostgreSQL)', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let api: Api;
  let workgroupId: string;
  let ownerId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    one = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }, { database });
    two = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }, { database });
    api = new Api(one);
    workgroupId = await api.workgroupId('Bestuurlijke werkgroep Ondermijning');
    ownerId = await api.userId(DEMO.ovjOndermijning);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  const dueActions = async (n: number) => {
    const created: string[] = [];
    for (let i = 0; i < n; i++) {
      const body = {
        title: unique('Herinnering'),
        ownerId,
        dueDate: addDays(todayInNetherlands(), i % 2 === 0 ? -2 : 1),
      };
      created.push(
        expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/actions`, body), 201)
          .body.id,
      );
    }
    return created;
  };
  const reminderCounts = async (actionIds: string[]) =>
    (await one.app
      .get(DataSource)
      .query(
        "SELECT entity_id AS id, count(*) AS n FROM notifications WHERE entity_id = ANY($1) AND kind IN ('binnenkort', 'verlopen') GROUP BY entity_id",
        [actionIds],
      )) as Array<{ id: string; n: number }>;

  it('sends each reminder once when both instances run the job at the same time, again and again', async () => {
    const actionIds = await dueActions(12);
    const jobs = [one.app.get(ReminderJob), two.app.get(ReminderJob)];
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => jobs[i % 2].runOnce()));
    const totalKeyed: Array<{ n: number }> = await one.app
      .get(DataSource)
      .query('SELECT count(*) AS n FROM notifications WHERE dedupe_key IS NOT NULL');
    expect(runs.reduce((sum, r) => sum + r.created, 0)).toBe(totalKeyed[0].n);
    const counts = await reminderCounts(actionIds);
    expect(counts).toHaveLength(actionIds.length);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    expect(runs.some((r) => r.ran)).toBe(true);
  });

  it('skips the run on every instance while another holds the lock', async () => {
    const actionIds = await dueActions(2);
    const url = (database.config as { url: string }).url;
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      expect(
        (await holder.query(`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK_KEY}) AS locked`)).rows[0].locked,
      ).toBe(true);
      expect(await Promise.all([one.app.get(ReminderJob).runOnce(), two.app.get(ReminderJob).runOnce()])).toEqual([
        { ran: false, created: 0 },
        { ran: false, created: 0 },
      ]);
      expect(await reminderCounts(actionIds)).toEqual([]);
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    expect(await two.app.get(ReminderJob).runOnce()).toEqual({ ran: true, created: 2 });
  });

  it('runs on its own timer on every instance and still reminds once', async () => {
    const database2 = database;
    const timed = [
      await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '50' }, { database: database2 }),
      await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '50' }, { database: database2 }),
    ];
    try {
      const actionIds = await dueActions(3);
      await eventually(async () => expect((await reminderCounts(actionIds)).map((c) => c.n)).toEqual([1, 1, 1]));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await reminderCounts(actionIds)).map((c) => c.n)).toEqual([1, 1, 1]);
    } finally {
      await Promise.all(timed.map((app) => app.close()));
    }
  });
});
