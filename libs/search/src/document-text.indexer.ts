import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventBus, RepeatLogger, TransactionHost } from '@koers/core';
import { CollabService, exportState } from '@koers/documents';

/** Merges of one document come in bursts: its text is computed once per quiet period. */
const DEBOUNCE_MS = 2_000;
/** Catches what no event announced (merges on another instance, a restart, documents never merged yet). */
const SWEEP_MS = 60_000;
const SWEEP_BATCH = 50;
/** A text longer than this is cut: the search needs words, not a whole book per document. */
const MAX_TEXT = 200_000;

/**
 * Keeps `document_search_texts` (a document's plain text, for the search) up to date from the Yjs state,
 * off the write path: after a merge (the `document.merged` event, debounced per document) and in a periodic
 * sweep of documents whose snapshot is newer than their text or that have no text yet. Editing never waits
 * for it; a failure is logged and the next sweep tries again.
 */
@Injectable()
export class DocumentTextIndexer implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new RepeatLogger(DocumentTextIndexer.name);
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly transactions: TransactionHost,
    private readonly collab: CollabService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.on('document.merged', 'search text', ({ documentId }) => this.schedule(documentId));
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.pending.clear();
    await this.running;
  }

  /** Queues a document; its text is computed after DEBOUNCE_MS without further merges of anything queued. */
  schedule(documentId: string): void {
    if (this.stopped) return;
    this.pending.add(documentId);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
    this.timer.unref();
  }

  /** Computes the text of every queued document now (also what the debounce timer runs). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.pending];
    this.pending.clear();
    return this.serially(async () => {
      for (const id of ids) await this.refresh(id);
    });
  }

  /** Indexes documents whose merged state is newer than their text, or that have none yet. */
  sweep(): Promise<void> {
    return this.serially(async () => {
      const rows: Array<{ id: string }> = await this.transactions.manager().query(
        `SELECT d.id FROM documents d
           LEFT JOIN document_snapshots s ON s.document_id = d.id
           LEFT JOIN document_search_texts t ON t.document_id = d.id
          WHERE t.document_id IS NULL OR s.updated_at > t.snapshot_at
          ORDER BY d.updated_at DESC LIMIT ${SWEEP_BATCH}`,
      );
      for (const { id } of rows) await this.refresh(id);
    });
  }

  /** One run at a time: refreshes never overlap, and shutdown waits for the one under way. */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await work();
      } catch (err) {
        this.log.error(`Indexing document text failed (the sweep retries): ${(err as Error).message}`);
      }
    });
    this.running = next;
    return next;
  }

  /** The document's text from its current state (snapshot with the log folded in, or the open copy). */
  private async refresh(documentId: string): Promise<void> {
    const stamp: Array<{ at: Date | null; exists: boolean }> = await this.transactions.manager().query(
      `SELECT (SELECT updated_at FROM document_snapshots WHERE document_id = $1) AS at,
                EXISTS (SELECT 1 FROM documents WHERE id = $1) AS exists`,
      [documentId],
    );
    if (!stamp[0]?.exists) return;
    const state = await this.collab.currentState(documentId);
    const text = exportState(state).text.slice(0, MAX_TEXT);
    await this.transactions.manager().query(
      `INSERT INTO document_search_texts (document_id, body, snapshot_at, updated_at)
       SELECT $1, $2, coalesce($3::timestamptz, '-infinity'), now() WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
       ON CONFLICT (document_id) DO UPDATE SET body = EXCLUDED.body, snapshot_at = EXCLUDED.snapshot_at, updated_at = now()`,
      [documentId, text, stamp[0].at],
    );
  }
}
