import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
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
 */
@Injectable()
export class UpdateLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UpdateLog.name);
  private queue: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;

  constructor(private readonly repository: DocumentRepository) {}

  append(update: PendingUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...update, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything appended so far is stored (used on shutdown). */
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
        this.logger.error(`Storing ${batch.length} document update(s) failed: ${err.message}`);
        batch.forEach((u) => u.reject(err));
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
