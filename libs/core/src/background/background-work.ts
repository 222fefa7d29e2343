/**
 * Work a service starts after its answer has gone out (a mail, a notification): kept track of, so that
 * shutdown waits for it and tests can await `settled()` instead of sleeping. A rejection is the starter's
 * to log; here it only ends the tracking.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Returns `work` itself, so a caller can still await it (an event listener that may be retried). */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.catch(() => undefined).finally(() => this.pending.delete(work));
    return work;
  }

  /** Resolves once everything tracked has settled, including work started while waiting. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
