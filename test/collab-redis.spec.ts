import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { CollabTestClient, eventually } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

// The embedded database belongs to one process: several instances need a real PostgreSQL (TEST_DATABASE_URL).
const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/** Two API instances on two ports, one database, one Redis: they must behave as one. */
suite('several instances behind a load balancer (Redis)', () => {
  let available = false;
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    available = await redisAvailable();
    if (!available) {
      if (process.env.KOERS_REQUIRE_REDIS === '1')
        throw new Error(`Redis is required (KOERS_REQUIRE_REDIS=1) but not reachable at ${REDIS_URL}`);
      console.warn(`Skipping the multi-instance tests: no Redis at ${REDIS_URL}`);
      return;
    }
    database = await createTestDatabase();
    one = await createTestApp({ REDIS_URL }, { database });
    two = await createTestApp({ REDIS_URL }, { database });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    if (!available) return;
    await one.close();
    await two.close();
    await database.drop();
  });

  it('lets a client on each instance co-edit one document: updates and presence cross over, both converge, both write the same log', async () => {
    if (!available) return;
    const mayorToken = await one.login('aanjager.ondermijning@demo.koers.nl');
    const prosecutorToken = await two.login('ovj.ondermijning@demo.koers.nl');
    const workgroups = (await one.http().get('/api/workgroups').set('Authorization', `Bearer ${mayorToken}`))
      .body as Array<{ id: string; name: string }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    const document = (
      await one
        .http()
        .post(`/api/workgroups/${workgroupId}/documents`)
        .set('Authorization', `Bearer ${mayorToken}`)
        .send({ title: 'Gedeeld over instanties', kind: 'notitie' })
        .expect(201)
    ).body;

    const { client: onOne } = await CollabTestClient.open(one.url, mayorToken, document.id);
    const { client: onTwo } = await CollabTestClient.open(two.url, prosecutorToken, document.id);
    clients.push(onOne, onTwo);
    for (let i = 0; i < 25; i++) {
      onOne.type('a');
      onTwo.type('z');
    }
    await eventually(() => {
      expect(onOne.text()).toHaveLength(50);
      expect(onTwo.text()).toBe(onOne.text());
    });
    expect([...(await onOne.settled()), ...(await onTwo.settled())].every((ack) => ack.ok)).toBe(true);

    onTwo.awareness.setLocalStateField('cursor', { anchor: 3 });
    await eventually(() => {
      const seen = onOne.awareness.getStates().get(onTwo.doc.clientID) as { user?: { name: string } } | undefined;
      expect(seen?.user?.name).toBe('Officier van justitie ondermijning (demo)');
    });

    const writers: Array<{ user_id: string }> = await one.app
      .get(DataSource)
      .query('SELECT DISTINCT user_id FROM document_updates WHERE document_id = $1 AND user_id IS NOT NULL', [
        document.id,
      ]);
    expect(writers.length).toBe(2);

    // A third client joining on either instance gets the same state.
    const { client: late } = await CollabTestClient.open(two.url, mayorToken, document.id);
    clients.push(late);
    await eventually(() => expect(late.text()).toBe(onOne.text()));
  });
});
