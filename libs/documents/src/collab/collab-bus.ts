import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, RepeatLogger } from '@koers/core';

/** What instances tell each other about documents. */
export type CollabBusMessage =
  | { type: 'update'; documentId: string; update: Uint8Array }
  | { type: 'awareness'; documentId: string; update: Uint8Array }
  | { type: 'membership'; workgroupId: string; userId: string }
  | { type: 'signal'; documentId: string; event: string; payload: object };

type Listener = (message: CollabBusMessage) => void;

/** `off`: no REDIS_URL (one instance). `down`: configured but not connected; each instance serves alone. */
export type BusStatus = 'off' | 'up' | 'down';

const CHANNEL = 'koers:collab';

/**
 * Cross-instance fan-out of document updates, awareness and membership changes. Without REDIS_URL there is
 * one instance and nothing to send. With it, every message goes through one Redis channel, so each
 * instance receives another's messages in the order they were published.
 *
 * Redis pub/sub is fire-and-forget: what is published while an instance is cut off is lost for it. So
 * after every reconnect the bus tells its `onReconnect` listeners, which reload what they missed from
 * the update log (every update is stored before it is published). While Redis is down nothing queues up.
 */
@Injectable()
export class CollabBus implements OnModuleDestroy {
  private readonly log = new RepeatLogger(CollabBus.name);
  private readonly instanceId = randomUUID();
  private readonly listeners: Listener[] = [];
  private readonly reconnectListeners: Array<() => void> = [];
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) return;
    this.publisher = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(config.redisUrl);
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (err: Error) => this.log.error(`Redis: ${err.message}`));
    this.subscriber.on('messageBuffer', (_channel: Buffer, raw: Buffer) => this.receive(raw));
    this.subscriber.on('ready', () => void this.subscribed());
  }

  status(): BusStatus {
    if (!this.publisher || !this.subscriber) return 'off';
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready' ? 'up' : 'down';
  }

  onMessage(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Called whenever the subscription is (re)established: messages may have been missed before it. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Sends to the other instances (never back to this one). Dropped while Redis is down. */
  publish(message: CollabBusMessage): void {
    if (!this.publisher) return;
    const payload = 'update' in message ? Buffer.from(message.update) : Buffer.alloc(0);
    const header = Buffer.from(JSON.stringify({ from: this.instanceId, ...message, update: undefined }));
    const frame = Buffer.alloc(4 + header.length + payload.length);
    frame.writeUInt32BE(header.length, 0);
    header.copy(frame, 4);
    payload.copy(frame, 4 + header.length);
    this.publisher.publish(CHANNEL, frame).catch((err: Error) => this.log.error(`Publishing failed: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of [this.publisher, this.subscriber]) {
      if (!client) continue;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  }

  /** (Re)subscribes; the reply comes once the subscription is in effect, so nothing after it is missed. */
  private async subscribed() {
    try {
      await this.subscriber!.subscribe(CHANNEL);
    } catch (err) {
      this.log.error(`Subscribing failed: ${(err as Error).message}`);
      return;
    }
    // Also the first time: documents opened while Redis was still unreachable may have missed messages.
    for (const listener of this.reconnectListeners) listener();
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
      this.log.error(`Unreadable bus message: ${(err as Error).message}`);
    }
  }
}
