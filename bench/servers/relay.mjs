// The floor: a bare Socket.IO relay on the same /collab events as Koers, doing no Yjs work at all.
// join -> room; yjs -> forwarded to the room (not to the sender) and acknowledged at once. No state, no
// merging, no storage: every message is forwarded as it arrives.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 2 * 1024 * 1024 });
const room = (id) => `doc:${id}`;
io.of('/collab').on('connection', (socket) => {
  socket.on('join', (body, ack) => {
    socket.join(room(body.documentId));
    ack?.({ ok: true, readOnly: false });
  });
  socket.on('leave', (body, ack) => {
    socket.leave(room(body.documentId));
    ack?.({ ok: true });
  });
  socket.on('yjs', (documentId, message, ack) => {
    socket.to(room(documentId)).emit('yjs', documentId, message);
    ack?.({ ok: true });
  });
});
http.listen(port, '127.0.0.1', () => console.log(`LISTENING ${http.address().port}`));
const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
