import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';

/**
 * Every domain event and its payload, in one map. Each library adds the events it publishes by declaration
 * merging (`declare module '@koers/core' { interface DomainEvents { 'action.created': ... } }`), so emitters
 * and listeners are typed by the same map without the core knowing the libraries.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type DomainEventName = keyof DomainEvents;
type Listener<K extends DomainEventName> = (event: DomainEvents[K]) => unknown;

export interface ListenerOptions {
  /** Tries again after a failure (with a growing pause), for listeners whose work must not be lost. */
  retries?: number;
}

interface Subscription {
  name: string;
  listener: (event: unknown) => unknown;
  retries: number;
}

const RETRY_PAUSE_MS = 200;

/**
 * The one typed event bus for domain events. An event is delivered after the publisher's transaction commits
 * (and never when it rolls back); every listener runs on its own: one that throws is logged (and retried when
 * it asked for that) and changes neither the other listeners nor the answer to the request that committed.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly subscriptions = new Map<DomainEventName, Subscription[]>();

  constructor(private readonly transactions: TransactionHost) {}

  /** `name` says who listens, for the log. */
  on<K extends DomainEventName>(event: K, name: string, listener: Listener<K>, options: ListenerOptions = {}): void {
    const list = this.subscriptions.get(event) ?? [];
    list.push({ name, listener: listener as Subscription['listener'], retries: options.retries ?? 0 });
    this.subscriptions.set(event, list);
  }

  publish<K extends DomainEventName>(event: K, payload: DomainEvents[K]): void {
    this.transactions.afterCommit(() => {
      for (const subscription of this.subscriptions.get(event) ?? [])
        void this.deliver(event, subscription, payload, 0);
    });
  }

  private async deliver(event: string, subscription: Subscription, payload: unknown, attempt: number): Promise<void> {
    try {
      await subscription.listener(payload);
    } catch (err) {
      const message = `Listener ${subscription.name} of ${event} failed (attempt ${attempt + 1}): ${(err as Error).message}`;
      if (attempt >= subscription.retries) return this.logger.error(message);
      this.logger.warn(message);
      setTimeout(
        () => void this.deliver(event, subscription, payload, attempt + 1),
        RETRY_PAUSE_MS * 2 ** attempt,
      ).unref();
    }
  }
}
