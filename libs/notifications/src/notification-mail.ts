import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, BackgroundWork, EventBus } from '@koers/core';
import { NOTIFICATION_KIND_LABELS, NotificationKind } from '@koers/contracts';
import { escapeHtml } from '@koers/core';
import { PREFERENCES_PATH } from './digest-content';
import { LoopRepository } from './loop.repository';
import { Mailer, OutgoingMail } from './mailer';
import type { NotificationView } from './notification.model';

/**
 * The notifications that close a loop, which someone waits for before they can go on: these also go by
 * e-mail. Changes to what one follows, reminders and assignments do not (the bell and the weekly digest
 * carry them), so the mailbox does not fill with every edit.
 */
export const EMAIL_KINDS: readonly NotificationKind[] = [
  'rapportage_ingediend',
  'rapportage_teruggestuurd',
  'rapportage_geaccepteerd',
  'reactie',
  'vermelding',
  // Named a contact person of an organisation in an inventory or consultation: the organisation's answer waits on them.
  'contactpersoon',
];

/**
 * Sends a committed notification of an EMAIL_KINDS kind by e-mail, when SMTP is configured and the person
 * did not turn it off (`emailNotifications`). Listens to the same `notification` event that pushes the bell,
 * so nothing is mailed for a change that was rolled back. At most once: a failed send is logged, the
 * notification stays in the bell. Only the title and a link: never the words of a comment or a return
 * remark, since mail leaves our hands (as for the digest).
 */
@Injectable()
export class NotificationMail implements OnModuleInit {
  private readonly logger = new Logger(NotificationMail.name);
  private readonly background = new BackgroundWork();

  constructor(
    private readonly events: EventBus,
    private readonly mailer: Mailer,
    private readonly loops: LoopRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.mailer.enabled) return;
    this.events.on('notification', 'notification e-mail', ({ userId, notification }) => {
      if (!EMAIL_KINDS.includes(notification.kind)) return;
      void this.background.track(this.send(userId, notification));
    });
  }

  /** Resolves when every mail started so far is sent or has failed (tests and shutdown). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  private async send(userId: string, notification: NotificationView): Promise<void> {
    try {
      const person = await this.loops.mailRecipient(userId);
      if (!person?.emailNotifications) return;
      await this.mailer.send({
        to: { name: person.displayName, address: person.email },
        ...composeNotificationMail(person.displayName, notification, this.config.mail!.publicUrl),
      });
    } catch (err) {
      this.logger.warn(`E-mail for notification ${notification.id} failed: ${(err as Error).message}`);
    }
  }
}

/** One notification as a short Dutch e-mail (plain text and accessible HTML): what happened and a link. */
export function composeNotificationMail(
  displayName: string,
  notification: Pick<NotificationView, 'kind' | 'title' | 'link' | 'detail'>,
  publicUrl: string,
): Omit<OutgoingMail, 'to'> {
  const label = NOTIFICATION_KIND_LABELS[notification.kind];
  const subject = `Koers: ${notification.title}`.slice(0, 200);
  const href = `${publicUrl}${notification.link ?? '/'}`;
  const settings = `${publicUrl}${PREFERENCES_PATH}`;
  const more = notification.detail ? 'Er is een toelichting bij; die leest u in Koers.' : null;
  const footer = 'Deze meldingen ook per e-mail ontvangen of niet? Dat kiest u bij Mijn instellingen:';
  const text = [
    `Beste ${displayName},`,
    '',
    `${label}: ${notification.title}`,
    ...(more ? ['', more] : []),
    '',
    `Openen in Koers: ${href}`,
    '',
    '-- ',
    footer,
    settings,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 1em;">',
    `<h1 style="font-size: 1.3em;">${escapeHtml(label)}</h1>`,
    `<p>Beste ${escapeHtml(displayName)},</p>`,
    `<p><a href="${escapeHtml(href)}" style="color: #0b4f8a;">${escapeHtml(notification.title)}</a></p>`,
    ...(more ? [`<p>${escapeHtml(more)}</p>`] : []),
    '<hr>',
    `<p style="font-size: 0.9em;">${escapeHtml(footer)} <a href="${escapeHtml(settings)}" style="color: #0b4f8a;">Mijn instellingen</a>.</p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html };
}
