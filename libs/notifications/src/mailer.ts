import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig, MailConfig } from '@koers/core';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /**
   * An iCalendar invitation (iTIP, RFC 6047): sent as a text/calendar alternative with its method, which
   * mail clients show with accept and decline buttons, and as an .ics attachment.
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

/**
 * Sends e-mail over the configured SMTP server (nodemailer). Exists only in spirit without SMTP settings:
 * `enabled` is false and `send` refuses, so callers check first. Timeouts are short: a hanging server
 * fails one send, which is retried later, instead of holding a run.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.mail !== null;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const config = this.config.mail;
    if (!config) throw new Error('No SMTP server is configured');
    this.transport ??= createTransport(transportOptions(config));
    await this.transport.sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.calendar
        ? {
            icalEvent: {
              method: mail.calendar.method,
              content: mail.calendar.content,
              filename: mail.calendar.filename,
            },
          }
        : {}),
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}

function transportOptions(config: MailConfig) {
  const common = {
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // Credentials and digests (action titles, werkgroepen) never go in clear text, and only to the real
    // server: STARTTLS is required and the certificate verified, unless the operator declared a local relay.
    requireTLS: !config.localRelay,
    tls: { rejectUnauthorized: !config.localRelay, minVersion: 'TLSv1.2' as const },
  };
  const { smtp } = config;
  if ('url' in smtp) return { url: smtp.url, ...common };
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    ...common,
  };
}
