import { Logger } from '@nestjs/common';

/** How often a cause that keeps failing is summarised. */
const SUMMARY_EVERY_MS = 15_000;

interface Cause {
  repeats: number;
  firstAt: number;
}

/**
 * Logs a failure once per cause, then a count per interval instead of one line (or stack trace) per
 * occurrence: during an outage thousands of messages fail for one reason, and the log must stay readable.
 */
export class RepeatLogger {
  private readonly logger: Logger;
  private readonly causes = new Map<string, Cause>();
  private timer: NodeJS.Timeout | null = null;

  constructor(context: string) {
    this.logger = new Logger(context);
  }

  /** `cause` groups occurrences (keep it free of ids); `detail` (e.g. a stack) is logged the first time only. */
  error(cause: string, detail?: string): void {
    const known = this.causes.get(cause);
    if (known) {
      known.repeats++;
      return;
    }
    this.causes.set(cause, { repeats: 0, firstAt: Date.now() });
    this.logger.error(detail && detail !== cause ? `${cause}\n${detail}` : cause);
    if (!this.timer) {
      this.timer = setInterval(() => this.summarise(), SUMMARY_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Reports and forgets what repeated since the last summary; causes that stopped repeating are dropped. */
  summarise(): void {
    for (const [cause, state] of this.causes) {
      if (state.repeats === 0) {
        this.causes.delete(cause);
        continue;
      }
      const seconds = Math.round((Date.now() - state.firstAt) / 1000);
      this.logger.error(`${cause} (${state.repeats} more time(s) in ${seconds} s)`);
      state.repeats = 0;
      state.firstAt = Date.now();
    }
    if (!this.causes.size && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
