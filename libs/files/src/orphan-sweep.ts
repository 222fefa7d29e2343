import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@koers/core';
import { PostgresFileStore } from './postgres-file-store';

/**
 * Removes the chunks of uploads that a crash interrupted (docs/files.md, "Storage"): once at start and then
 * every `KOERS_FILES_SWEEP_INTERVAL_MS`, the chunks no version refers to whose newest chunk is older than
 * `KOERS_FILES_ORPHAN_MINUTES`. Several instances may sweep at once: the delete is idempotent.
 */
@Injectable()
export class OrphanSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrphanSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: PostgresFileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    const every = this.config.files.sweepIntervalMs;
    if (every > 0) {
      this.timer = setInterval(() => void this.tick(), every);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep; the number of interrupted uploads whose chunks were removed. Tests call it directly. */
  sweepOnce(minutes = this.config.files.orphanMinutes): Promise<number> {
    return this.store.sweepOrphans(minutes);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweepOnce();
    try {
      const removed = await this.running;
      if (removed) this.logger.log(`Removed the chunks of ${removed} unfinished upload(s)`);
    } catch (err) {
      this.logger.warn(`Sweeping orphaned chunks failed: ${(err as Error).message}`);
    } finally {
      this.running = null;
    }
  }
}
