import { createTestDatabase, TestDatabase } from '@koers/testing';
import { CollabTestClient, eventually } from './support/collab-client';
import { OwnRedis } from './support/own-services';
import { createTestApp, TestApp } from './support/test-app';

// Two instances need a real PostgreSQL; the Redis is the test's own, so it can be stopped.
const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

suite('instances that heal after a Redis outage', () => {
  let redis: OwnRedis;
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.create();
    database = await createTestDatabase();
    one = await createTestApp({ REDIS_URL: redis.url }, { database });
    two = await createTestApp({ REDIS_URL: redis.url }, { database });
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await one?.close();
    await two?.close();
    await redis?.stop();
    await database?.drop();
  });

  const health = async (t: TestApp) => (await t.http().get('/api/health')).body as { redis: { status: string } };

  it('keeps serving each instance alone while Redis is down, says so in /api/health, and converges without a reload once it is back', async () => {
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
        .send({ title: 'Redis valt weg', kind: 'notitie' })
        .expect(201)
    ).body as { id: string };
    const { client: onOne } = await CollabTestClient.open(one.url, mayorToken, document.id);
    const { client: onTwo } = await CollabTestClient.open(two.url, prosecutorToken, document.id);
    clients.push(onOne, onTwo);
    expect((await health(one)).redis.status).toBe('up');

    onOne.type('a');
    onTwo.type('z');
    await eventually(() => expect(onOne.text()).toHaveLength(2));
    await eventually(() => expect(onTwo.text()).toBe(onOne.text()));

    await redis.stop();
    await eventually(async () => expect((await health(one)).redis.status).toBe('down'));
    // Both keep typing; each instance stores and acknowledges its own clients' edits.
    for (let i = 0; i < 10; i++) {
      onOne.type('b');
      onTwo.type('y');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const acksDuring = [...(await onOne.settled()), ...(await onTwo.settled())];
    expect(acksDuring.every((ack) => ack.ok)).toBe(true);

    await redis.start();
    await eventually(async () => expect((await health(one)).redis.status).toBe('up'), 20_000);
    await eventually(async () => expect((await health(two)).redis.status).toBe('up'), 20_000);
    for (let i = 0; i < 5; i++) {
      onOne.type('c');
      onTwo.type('x');
    }
    await Promise.all([onOne.settled(), onTwo.settled()]);
    await eventually(() => {
      expect(onOne.text()).toHaveLength(32);
      expect(onTwo.text()).toBe(onOne.text());
    }, 20_000);
  }, 90_000);
});
