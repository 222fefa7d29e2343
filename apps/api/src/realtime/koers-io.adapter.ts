import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { AppConfig } from '@koers/core';
import { batchPacketWrites } from './write-batching';

/**
 * Socket.IO for Koers: the allowed origins only (a page on another site cannot open a socket with the
 * user's cookie: cross-site WebSocket hijacking), a bounded message size, and with REDIS_URL the Redis
 * adapter so rooms span every instance. Each packet's frames leave in one write (`write-batching.ts`).
 */
export class KoersIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Socket.IO');
  private redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const allowed = new Set(this.config.http.allowedOrigins);
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: [...allowed], credentials: true },
      // Socket.IO drops a connection whose message exceeds this; below it we refuse with a clear error.
      maxHttpBufferSize: this.config.collab.maxMessageBytes * 2 + 64 * 1024,
      allowRequest: (
        request: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        const origin = request.headers.origin;
        // Browsers always send Origin on cross-site requests; programs (tests, other clients) may send none.
        callback(null, !origin || allowed.has(origin));
      },
    });
    if (this.config.redisUrl) {
      const pub = new Redis(this.config.redisUrl);
      const sub = pub.duplicate();
      for (const client of [pub, sub]) client.on('error', (err) => this.logger.error(`Redis: ${err.message}`));
      this.redisClients.push(pub, sub);
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }

  override bindClientConnect(server: Server, callback: (socket: Socket) => void): void {
    server.on('connection', (socket: Socket) => {
      batchPacketWrites(socket);
      callback(socket);
    });
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => undefined)));
    this.redisClients = [];
  }
}
