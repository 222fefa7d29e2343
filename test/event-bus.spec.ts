import { DataSource } from 'typeorm';
import { ActionService } from '@koers/actions';
import { EventBus, TransactionHost } from '@koers/core';
import { AuthService } from '@koers/identity';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** Domain events go out after the commit, to listeners that cannot hurt the request or each other (#10, #12). */
describe('the event bus and the ambient transaction', () => {
  let t: TestApp;
  let api: Api;
  let bus: EventBus;
  let transactions: TransactionHost;
  let workgroupId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    bus = t.app.get(EventBus);
    transactions = t.app.get(TransactionHost);
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
  });
  afterAll(() => t.close());

  it('answers 2xx and keeps the committed change when a listener throws after the commit', async () => {
    const title = unique('Actie met een kapotte luisteraar');
    const heard = new Promise<string>((resolve) =>
      bus.on('action.created', 'test: a later listener', ({ action }) => {
        if (action.title === title) resolve(action.id);
      }),
    );
    bus.on('action.created', 'test: throws', () => {
      throw new Error('listener broken on purpose');
    });
    bus.on('action.created', 'test: rejects', () => Promise.reject(new Error('listener broken on purpose')));

    const created = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/actions`, { title }),
      201,
    ).body as { id: string };
    expect(await heard).toBe(created.id);
    expect(
      expectStatus(await api.get(DEMO.aanjagerOndermijning, `/api/actions/${created.id}`), 200).body,
    ).toMatchObject({
      title,
    });
  });

  it('delivers only after the commit, never after a rollback, and retries a listener that asks for it', async () => {
    const seen: string[] = [];
    let attempts = 0;
    const retried = new Promise<void>((resolve) =>
      bus.on(
        'membership.changed',
        'test: fails twice',
        ({ userId }) => {
          if (userId !== 'retry') return;
          attempts += 1;
          if (attempts < 3) throw new Error('not yet');
          resolve();
        },
        { retries: 3 },
      ),
    );
    bus.on('membership.changed', 'test: records', ({ userId }) => void seen.push(userId));

    await expect(
      transactions.transaction(async () => {
        bus.publish('membership.changed', { workgroupId, userId: 'rolled-back' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await transactions.transaction(async () => {
      bus.publish('membership.changed', { workgroupId, userId: 'committed' });
      // Joining: a nested transaction is the same one; its events wait for the outer commit.
      await transactions.transaction(async () => {
        bus.publish('membership.changed', { workgroupId, userId: 'nested' });
      });
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['committed', 'nested']);

    bus.publish('membership.changed', { workgroupId, userId: 'retry' });
    await retried;
    expect(attempts).toBe(3);
  });

  it('lets a repository pick up the caller transaction, so a nested service call rolls back with it', async () => {
    const dataSource = t.app.get(DataSource);
    const title = unique('Teruggedraaide actie');
    const actor = await t.app.get(AuthService).authenticate(await api.token(DEMO.aanjagerOndermijning), null);
    await expect(
      transactions.transaction(async (manager) => {
        await manager.query('SELECT 1');
        const response = await t.app.get(ActionService).create(actor, workgroupId, { title });
        expect(response.title).toBe(title);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const rows: unknown[] = await dataSource.query('SELECT id FROM actions WHERE title = $1', [title]);
    expect(rows).toEqual([]);
  });

  it('creates the actions of a decision in the decision transaction', async () => {
    const sessions = expectStatus(await api.get(DEMO.secretariaat, `/api/workgroups/${workgroupId}/sessions`), 200)
      .body as Array<{ id: string }> | { items: Array<{ id: string }> };
    const sessionId = (Array.isArray(sessions) ? sessions : sessions.items)[0].id;
    const titles = [unique('Besluitactie een'), unique('Besluitactie twee')];
    const decision = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/sessions/${sessionId}/decisions`, {
        text: unique('Besluit met acties'),
        actions: titles.map((title) => ({ title })),
      }),
      201,
    ).body as { actions: Array<{ id: string; title: string }> };
    expect(decision.actions.map((a) => a.title).sort()).toEqual([...titles].sort());
  });
});
