import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@koers/core';

/** What instances tell each other about documents. */
export type CollabBusMessage =
  | { type: 'update'; documentId: string; update: Uint8Array }
  | { type: 'awareness'; documentId: string; update: Uint8Array }
  | { type: 'membership'; workgroupId: string; userId: string }
  | { type: 'signal'; documentId: string; event: string; payload: object };

type Listener = (message: CollabBusMessage) => void;

const CHANNEL = 'koers:collab';

/**
 * Cross-instance fan-out of document updates, awareness and membership changes. Without REDIS_URL there is
 * one instance and nothing to send. With it, every message goes through one Redis channel, so each
 * instance receives another's messages in the order they were published.
 */
@Injectable()
export class CollabBus implements OnModuleDestroy {
  private readonly logger = new Logger(CollabBus.name);
  private readonly instanceId = randomUUID();
  private readonly listeners: Listener[] = [];
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) return;
    this.publisher = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(config.redisUrl);
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (err) => this.logger.error(`Redis: ${err.message}`));
    void this.subscriber.subscribe(CHANNEL);
    this.subscriber.on('messageBuffer', (_channel: Buffer, raw: Buffer) => this.receive(raw));
  }

  onMessage(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Sends to the other instances (never back to this one). */
  publish(message: CollabBusMessage): void {
    if (!this.publisher) return;
    const payload = 'update' in message ? Buffer.from(message.update) : Buffer.alloc(0);
    const header = Buffer.from(JSON.stringify({ from: this.instanceId, ...message, update: undefined }));
    const frame = Buffer.alloc(4 + header.length + payload.length);
    frame.writeUInt32BE(header.length, 0);
    header.copy(frame, 4);
    payload.copy(frame, 4 + header.length);
    void this.publisher
      .publish(CHANNEL, frame)
      .catch((err: Error) => this.logger.error(`Publishing failed: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()].filter(Boolean));
  }

  private receive(frame: Buffer) {
    try {
      const length = frame.readUInt32BE(0);
      const header = JSON.parse(frame.subarray(4, 4 + length).toString()) as CollabBusMessage & { from: string };
      if (header.from === this.instanceId) return;
      const payload = new Uint8Array(frame.subarray(4 + length));
      const message =
        header.type === 'membership' || header.type === 'signal' ? header : { ...header, update: payload };
      for (const listener of this.listeners) listener(message as CollabBusMessage);
    } catch (err) {
      this.logger.error(`Unreadable bus message: ${(err as Error).message}`);
    }
  }
}
