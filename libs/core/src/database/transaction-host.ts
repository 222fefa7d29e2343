import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

interface OpenTransaction {
  manager: EntityManager;
  afterCommit: Array<() => void>;
}

/**
 * The one transaction helper: an ambient transaction (AsyncLocalStorage) that repositories and services pick
 * up, so a service called inside another's transaction joins it instead of committing on its own; and work
 * to do once the outermost transaction has committed (publishing events), dropped when it rolls back.
 */
@Injectable()
export class TransactionHost {
  private readonly logger = new Logger(TransactionHost.name);
  private readonly storage = new AsyncLocalStorage<OpenTransaction>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in the caller's transaction when one is open, otherwise in a new one. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.storage.getStore();
    if (open) return work(open.manager);
    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) =>
      this.storage.run({ manager, afterCommit }, () => work(manager)),
    );
    for (const task of afterCommit) this.runCommitted(task);
    return result;
  }

  /** The manager a query should use: the given one, else the open transaction's, else the pool's. */
  manager(explicit?: EntityManager): EntityManager {
    return explicit ?? this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  /** Runs `task` once the open transaction has committed (never if it rolls back); at once when none is open. */
  afterCommit(task: () => void): void {
    const open = this.storage.getStore();
    if (open) open.afterCommit.push(task);
    else this.runCommitted(task);
  }

  /** What runs after a commit can no longer change its outcome: a failure is logged, never thrown. */
  private runCommitted(task: () => void): void {
    try {
      task();
    } catch (err) {
      this.logger.error(`After-commit task failed: ${(err as Error).message}`);
    }
  }
}
