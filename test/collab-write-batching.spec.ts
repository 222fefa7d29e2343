import net from 'node:net';
import { CollabTestClient, eventually } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

/** The WebSocket frames in one write of the server (frames from a server are not masked). */
function frames(data: Buffer): Array<{ opcode: number; payload: Buffer }> {
  const found: Array<{ opcode: number; payload: Buffer }> = [];
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = data[at] & 0x0f;
    let length = data[at + 1] & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = data.readUInt16BE(at + 2);
      start += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(at + 2));
      start += 8;
    }
    found.push({ opcode, payload: data.subarray(start, start + length) });
    at = start + length;
  }
  return found;
}

describe('a Socket.IO packet leaves the server in one write', () => {
  let t: TestApp;
  let documentId: string;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const token = await t.login('aanjager.ondermijning@demo.koers.nl');
    const workgroups = (
      await t
        .http()
        .get('/api/workgroups')
        .set({ Authorization: `Bearer ${token}` })
    ).body as Array<{
      id: string;
      name: string;
    }>;
    const workgroup = workgroups.find((w) => w.name.includes('Ondermijning'))!;
    const created = await t
      .http()
      .post(`/api/workgroups/${workgroup.id}/documents`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ title: 'Frames', kind: 'notitie' })
      .expect(201);
    documentId = created.body.id;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('sends an update header and its binary attachment to another editor together', async () => {
    const token = await t.login('ovj.ondermijning@demo.koers.nl');
    const writer = (await CollabTestClient.open(t.url, token, documentId)).client;
    const reader = (await CollabTestClient.open(t.url, token, documentId)).client;
    clients.push(writer, reader);
    await Promise.all([writer.settled(), reader.settled()]);

    const serverPort = Number(new URL(t.url).port);
    const writes: Buffer[] = [];
    const socketProto = net.Socket.prototype as unknown as {
      _write(chunk: Buffer, encoding: string, cb: () => void): void;
      _writev(chunks: Array<{ chunk: Buffer }>, cb: () => void): void;
    };
    const { _write, _writev } = socketProto;
    const fromServer = (socket: net.Socket) => socket.localPort === serverPort;
    socketProto._write = function (this: net.Socket, chunk, encoding, cb) {
      if (fromServer(this)) writes.push(Buffer.from(chunk));
      return _write.call(this, chunk, encoding, cb);
    };
    socketProto._writev = function (this: net.Socket, chunks, cb) {
      if (fromServer(this)) writes.push(Buffer.concat(chunks.map((c) => Buffer.from(c.chunk))));
      return _writev.call(this, chunks, cb);
    };
    try {
      writer.type('Eén frame per bericht');
      await writer.settled();
      await eventually(() => expect(reader.text()).toBe('Eén frame per bericht'));
    } finally {
      socketProto._write = _write;
      socketProto._writev = _writev;
    }

    const withHeader = writes.filter((w) => w.includes('"_placeholder":true'));
    expect(withHeader.length).toBeGreaterThan(0);
    for (const write of withHeader) {
      const inWrite = frames(write);
      // The text header announcing an attachment is followed, in the same write, by the binary frame.
      const header = inWrite.findIndex((f) => f.opcode === 1 && f.payload.includes('"_placeholder":true'));
      expect(inWrite[header + 1]?.opcode).toBe(2);
    }
  });
});
