import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@koers/core';
import { Mailer } from '@koers/notifications';
import { CalendarAttendee, CalendarMethod, CalendarPerson, sessionToICalendar } from './session-calendar';
import { escapeHtml } from '@koers/core';
import { formatDutchDateTime, formatDutchTime, SESSION_TYPE_LABELS, SessionDetail } from './session.model';
import { SessionRepository } from './session.repository';

/** Who an invitation is from and for, read before a change that takes people (or the session) away. */
export interface InvitationParty {
  organizer: CalendarPerson | null;
  attendees: Array<CalendarAttendee & { userId: string }>;
}

/** Why a mail goes out: a first invitation, a change to it, or its cancellation. */
export type InvitationReason = 'new' | 'changed' | 'cancelled';

const SUBJECT: Record<InvitationReason, string> = {
  new: 'Uitnodiging',
  changed: 'Gewijzigd',
  cancelled: 'Geannuleerd',
};

/**
 * The session's calendar invitation: as the download gives it, and by e-mail (when SMTP is set) to the
 * people invited: a `REQUEST` when they are invited or the session changes in a way calendars follow, a
 * `CANCEL` when the session is removed or they are taken off the list. Mails leave after the change is
 * committed and never fail it: a refused or unreachable server is logged.
 */
@Injectable()
export class SessionInvitations {
  private readonly logger = new Logger('SessionInvitations');

  constructor(
    private readonly repository: SessionRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async party(sessionId: string): Promise<InvitationParty> {
    const [organizer, attendees] = await Promise.all([
      this.repository.organizer(sessionId),
      this.repository.invitees(sessionId),
    ]);
    return { organizer, attendees };
  }

  /** The .ics for download: a REQUEST with everyone on the list. */
  async calendar(session: SessionDetail, now: Date): Promise<string> {
    const { organizer, attendees } = await this.party(session.id);
    return sessionToICalendar(session, now, { method: 'REQUEST', organizer, attendees });
  }

  /**
   * Mails the invitation to `recipients` (user ids; all of the party when omitted). Returns at once: the
   * mails go out in the background, one after the other.
   */
  send(
    session: SessionDetail,
    method: CalendarMethod,
    reason: InvitationReason,
    party: InvitationParty,
    recipients?: string[],
  ): void {
    if (!this.mailer.enabled || !party.organizer) return;
    const to = recipients ? party.attendees.filter((a) => recipients.includes(a.userId)) : party.attendees;
    if (to.length === 0) return;
    // A cancellation names the people it withdraws the invitation from; a request names everyone invited.
    const listed = method === 'CANCEL' ? to : party.attendees;
    const ics = sessionToICalendar(session, new Date(), {
      method,
      organizer: party.organizer,
      attendees: listed,
      sequence: session.sequence,
    });
    void this.deliver(session, method, reason, ics, to);
  }

  private async deliver(
    session: SessionDetail,
    method: CalendarMethod,
    reason: InvitationReason,
    ics: string,
    to: CalendarAttendee[],
  ): Promise<void> {
    const mail = invitationMail(session, reason, this.config.mail?.publicUrl ?? '');
    for (const person of to) {
      try {
        await this.mailer.send({
          to: { name: person.displayName, address: person.email },
          ...mail,
          calendar: { method, content: ics, filename: method === 'CANCEL' ? 'annulering.ics' : 'uitnodiging.ics' },
        });
      } catch (err) {
        this.logger.warn(`Invitation (${method}) for session ${session.id} not delivered: ${(err as Error).message}`);
      }
    }
  }
}

function invitationMail(
  session: SessionDetail,
  reason: InvitationReason,
  publicUrl: string,
): { subject: string; text: string; html: string } {
  const when = `${formatDutchDateTime(new Date(session.startsAt))} tot ${formatDutchTime(new Date(session.endsAt))}`;
  const subject = `${SUBJECT[reason]}: ${session.title} (${when})`;
  const intro =
    reason === 'cancelled'
      ? `De ${SESSION_TYPE_LABELS[session.type].toLowerCase()} "${session.title}" van de ${session.workgroupName} gaat niet door.`
      : reason === 'changed'
        ? `De ${SESSION_TYPE_LABELS[session.type].toLowerCase()} "${session.title}" van de ${session.workgroupName} is gewijzigd. De uitnodiging in uw agenda wordt bijgewerkt.`
        : `U bent uitgenodigd voor de ${SESSION_TYPE_LABELS[session.type].toLowerCase()} "${session.title}" van de ${session.workgroupName}.`;
  const facts = [
    `Wanneer: ${when}`,
    ...(session.location ? [`Waar: ${session.location}`] : []),
    ...(session.onlineUrl ? [`Online: ${session.onlineUrl}`] : []),
  ];
  const link = publicUrl ? `${publicUrl}/werkgroepen/${session.workgroupId}/sessies/${session.id}` : null;
  const after =
    reason === 'cancelled'
      ? 'Uw agenda haalt de afspraak weg wanneer u de bijlage opent of de annulering verwerkt.'
      : 'Accepteer of weiger de uitnodiging in uw agenda; afmelden kan ook in Koers.';
  const text = [
    intro,
    '',
    ...facts,
    '',
    after,
    ...(link ? ['', `De sessie in Koers: ${link}`] : []),
    '',
    'Met vriendelijke groet,',
    'Koers',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a;">',
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    `<p>${escapeHtml(after)}</p>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}" style="color: #0b4f8a;">De sessie in Koers</a></p>`] : []),
    '<p>Met vriendelijke groet,<br>Koers</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
