// Hocuspocus 4 as people run it, minus persistence: in memory only (no Database/SQLite extension), which
// makes its job easier than Koers's (Koers acknowledges an update only once PostgreSQL has it).
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT);
const server = new Server({ port, address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
console.log(`LISTENING ${server.address.port}`);
