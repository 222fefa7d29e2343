import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { RepeatLogger } from '@koers/core';
import { DocumentRepository, PendingUpdate } from '../document.repository';

const MAX_BATCH = 5_000;

interface Waiting extends PendingUpdate {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Group commit for document updates: updates that arrive while a write is in flight are written together
 * in the next single INSERT, so acknowledgement stays fast under load. Each caller's promise resolves only
 * once its row is committed: that is when the client gets its ack.
 *
 * The log never gets a hole: when a batch fails, every update of the same documents still waiting behind
 * it is refused with it (a later update may build on a failed one). Listeners hear of the failure before
 * any promise settles, so nothing can be appended on the assumption that the failed updates will be stored.
 */
@Injectable()
export class UpdateLog implements BeforeApplicationShutdown {
  private readonly log = new RepeatLogger(UpdateLog.name);
  private queue: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private readonly failureListeners: Array<(documentIds: Set<string>) => void> = [];

  constructor(private readonly repository: DocumentRepository) {}

  append(update: PendingUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...update, resolve, reject });
      this.schedule();
    });
  }

  /** Called synchronously when writes of these documents failed (before their callers hear of it). */
  onFailure(listener: (documentIds: Set<string>) => void): void {
    this.failureListeners.push(listener);
  }

  /** Resolves when everything appended so far is stored or refused (used on shutdown). */
  async flush(): Promise<void> {
    while (this.queue.length || this.writing) {
      if (this.writing) await this.writing.catch(() => undefined);
      else await this.writeBatch();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private schedule() {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // Let every update of this event-loop turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.writeBatch();
    });
  }

  private async writeBatch(): Promise<void> {
    if (this.writing || !this.queue.length) return;
    // Bounded: one INSERT carries 3 parameters per update and PostgreSQL allows 65,535 parameters.
    const batch = this.queue.splice(0, MAX_BATCH);
    this.writing = this.repository.appendUpdates(batch).then(
      () => batch.forEach((u) => u.resolve()),
      (err: Error) => {
        const documentIds = new Set(batch.map((u) => u.documentId));
        const behind = this.queue.filter((u) => documentIds.has(u.documentId));
        this.queue = this.queue.filter((u) => !documentIds.has(u.documentId));
        this.log.error(`Storing document updates failed: ${err.message}`);
        for (const listener of this.failureListeners) listener(documentIds);
        for (const u of [...batch, ...behind]) u.reject(err);
      },
    );
    try {
      await this.writing;
    } finally {
      this.writing = null;
      if (this.queue.length) this.schedule();
    }
  }
}
