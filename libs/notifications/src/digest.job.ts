import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@koers/core';
import { composeDigest } from './digest-content';
import { amsterdamClock, digestDue } from './digest-schedule';
import { DigestRecipient, DigestRepository } from './digest.repository';
import { Mailer } from './mailer';
import { NotificationService } from './notification.service';
import { RepeatingRun } from './repeating-run';

/** The advisory lock instances compete for while claiming (an arbitrary constant, unique to this job). */
export const DIGEST_LOCK_KEY = 7_263_900_012;
/** People claimed per transaction: a claim is sent within minutes, long before it could go stale. */
const BATCH = 25;
/** A claim older than this was left by an instance that stopped while sending: it is claimed again. */
const STALE_AFTER_MS = 30 * 60_000;
/** A digest that failed this often in one week is given up for that week (the errors stay recorded). */
const MAX_ATTEMPTS = 5;

export interface DigestRun {
  /** False when e-mail is off, the week's moment has not come, or another instance is claiming. */
  ran: boolean;
  isoWeek: string;
  sent: number;
  /** Claimed, but nothing waited on them: no mail. */
  empty: number;
  failed: number;
}

/**
 * The weekly e-mail digest of "needs your attention", once per person per ISO week, however many
 * instances run it and however often. Like the reminder job, each claim runs in a transaction holding
 * a transaction-scoped advisory lock (another instance claiming at that moment gives up at once and
 * leaves the run to this one), and the record per (person, week) is the idempotency key: it is claimed
 * ('sending') in a committed transaction before the mail goes out, then marked sent, empty or failed.
 * Mail is never sent inside a transaction, so a slow SMTP server holds no database connection.
 * A failed send is logged and claimed again by a later run (up to MAX_ATTEMPTS per week); a claim left
 * by an instance that stopped mid-send is taken over after STALE_AFTER_MS (that person may then get the
 * mail twice: at least once, never lost).
 */
@Injectable()
export class DigestJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DigestJob');
  private readonly schedule = new RepeatingRun(
    this.logger,
    'Weekly digest run',
    () => this.runOnce(),
    (run) => (run.sent || run.failed ? `Weekly digest ${run.isoWeek}: ${run.sent} sent, ${run.failed} failed` : null),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DigestRepository,
    private readonly notifications: NotificationService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule.start(this.config.mail?.digestCheckIntervalMs ?? 0);
  }

  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  /** One run; tests call it directly. `now` decides the week and whether its moment has come. */
  async runOnce(now = new Date()): Promise<DigestRun> {
    const clock = amsterdamClock(now);
    const run: DigestRun = { ran: false, isoWeek: clock.isoWeek, sent: 0, empty: 0, failed: 0 };
    const mail = this.config.mail;
    if (!mail || !digestDue(clock, { weekday: mail.digestWeekday, ...mail.digestTime })) return run;
    // The database's clock, as claims are stamped with it: what failed in this run waits for the next.
    let runStartedAt: Date | null = null;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const [{ locked, now: dbNow }] = await manager.query(
          `SELECT pg_try_advisory_xact_lock(${DIGEST_LOCK_KEY}) AS locked, now() AS now`,
        );
        if (!locked) return null;
        runStartedAt ??= new Date(dbNow);
        return this.repository.claim(
          clock.isoWeek,
          { runStartedAt, staleAfterMs: STALE_AFTER_MS, maxAttempts: MAX_ATTEMPTS, limit: BATCH },
          manager,
        );
      });
      if (claimed === null) return run;
      run.ran = true;
      if (claimed.length === 0) return run;
      for (const person of await this.repository.recipients(claimed)) {
        const outcome = await this.deliver(person, clock.isoWeek, mail.publicUrl);
        run[outcome] += 1;
      }
    }
  }

  private async deliver(
    person: DigestRecipient,
    isoWeek: string,
    publicUrl: string,
  ): Promise<'sent' | 'empty' | 'failed'> {
    try {
      const attention = await this.notifications.attention({
        userId: person.userId,
        platformRole: person.platformRole,
      });
      if (attention.total === 0) {
        await this.repository.finish(person.userId, isoWeek, { status: 'empty' });
        return 'empty';
      }
      const message = composeDigest(person, attention, publicUrl, isoWeek);
      await this.mailer.send({ to: { name: person.displayName, address: person.email }, ...message });
      await this.repository.finish(person.userId, isoWeek, { status: 'sent' });
      return 'sent';
    } catch (err) {
      const error = (err as Error).message;
      this.logger.error(`Weekly digest ${isoWeek} for user ${person.userId} failed (retried by a later run): ${error}`);
      await this.repository
        .finish(person.userId, isoWeek, { status: 'failed', error })
        .catch((e: Error) => this.logger.error(`Could not record the failure: ${e.message}`));
      return 'failed';
    }
  }
}
