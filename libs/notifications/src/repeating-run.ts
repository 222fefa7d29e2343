import { Logger } from '@nestjs/common';

/**
 * Runs a job on this instance every `intervalMs`, one run at a time (a tick that finds the previous run
 * still busy is skipped), without keeping the process alive, and waits for a run in progress on stop.
 * Which instance does the work is the job's own business (the jobs here take an advisory lock).
 */
export class RepeatingRun<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly run: () => Promise<T>,
    /** A line for the log about a finished run, or null when there is nothing to say. */
    private readonly summary: (result: T) => string | null,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs === 0) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.run();
    try {
      const line = this.summary(await this.running);
      if (line) this.logger.log(line);
    } catch (err) {
      this.logger.error(`${this.what} failed: ${(err as Error).message}`);
    } finally {
      this.running = null;
    }
  }
}
