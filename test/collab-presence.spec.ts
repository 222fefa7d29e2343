import * as encoding from 'lib0/encoding';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { CollabTestClient, eventually } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

/** A y-protocols awareness message with `count` client ids, each with a state of `stateBytes` characters. */
function awarenessFlood(count: number, stateBytes: number, firstClientId = 1_000_000): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(update, firstClientId + i);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, JSON.stringify({ cursor: null, pad: 'x'.repeat(stateBytes) }));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

describe('presence (awareness) within bounds', () => {
  let t: TestApp;
  let api: Api;
  let documentId: string;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    // Byte budgets generous enough that the presence bounds, not the byte rate, refuse the flood.
    t = await createTestApp({
      KOERS_COLLAB_BYTES_PER_SECOND: '67108864',
      KOERS_COLLAB_ACCOUNT_BYTES_PER_SECOND: '67108864',
    });
    api = new Api(t);
    const workgroupId = await api.workgroupId(WORKGROUP_NAMES.onrust);
    documentId = expectStatus(
      await api.post(DEMO.aanjagerOnrust, `/api/workgroups/${workgroupId}/documents`, {
        title: 'Aanwezigheid',
        kind: 'notitie',
      }),
      201,
    ).body.id as string;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  const open = async (email: string) => {
    const { client, join } = await CollabTestClient.open(t.url, await api.token(email), documentId);
    clients.push(client);
    expect(join.ok).toBe(true);
    return client;
  };

  it('refuses a waarnemer flooding presence; the next member to open the document receives a handful of states', async () => {
    const observer = await open(DEMO.waarnemerOnrust);
    for (let i = 0; i < 20; i++) {
      const ack = await observer.send(awarenessFlood(10_000, 1, 1_000_000 + i * 10_000));
      expect(ack).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    // One large state is refused too.
    expect(await observer.send(awarenessFlood(1, 8 * 1024))).toMatchObject({ ok: false });
    // An ordinary cursor still goes through.
    observer.awareness.setLocalStateField('cursor', { anchor: 1 });
    const mayor = await open(DEMO.aanjagerOnrust);
    await eventually(() => expect(mayor.awareness.getStates().has(observer.doc.clientID)).toBe(true));
    expect(mayor.awareness.getStates().size).toBeLessThanOrEqual(4);
    expect((await observer.settled()).filter((ack) => ack.ok).length).toBeGreaterThan(0);
  });

  it('bounds the client ids one connection may speak for', async () => {
    const member = await open(DEMO.ovjOnrust);
    expect(await member.send(awarenessFlood(4, 10, 5_000_000))).toEqual({ ok: true });
    expect(await member.send(awarenessFlood(1, 10, 5_000_004))).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });
});
