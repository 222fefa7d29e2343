import { AttendanceStatus, SESSION_TYPE_LABELS, SessionDetail } from './session.model';

/** iTIP methods (RFC 5546): an invitation (new or changed) people can accept, or its cancellation. */
export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** A person in an invitation: the organiser, or someone invited. */
export interface CalendarPerson {
  displayName: string;
  email: string;
}

export interface CalendarAttendee extends CalendarPerson {
  /** Membership role in the werkgroep (aanjager chairs; gast and waarnemer are optional). */
  role: string | null;
  status: AttendanceStatus;
}

export interface CalendarInvitation {
  method: CalendarMethod;
  /** Who invites (the session's creator); without one the calendar is published, not sent as a request. */
  organizer: CalendarPerson | null;
  attendees: CalendarAttendee[];
  /** The sequence to write; a cancellation raises it past the session's own. */
  sequence?: number;
}

const ATTENDEE_ROLE: Record<string, string> = {
  aanjager: 'CHAIR',
  gast: 'OPT-PARTICIPANT',
  waarnemer: 'OPT-PARTICIPANT',
};
const PARTSTAT: Record<AttendanceStatus, string> = {
  uitgenodigd: 'NEEDS-ACTION',
  aanwezig: 'ACCEPTED',
  afwezig: 'NEEDS-ACTION',
  afgemeld: 'DECLINED',
};

/**
 * The session as an iCalendar invitation (RFC 5545 with the iTIP methods of RFC 5546), written by hand:
 * CRLF line endings, lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped, times
 * in UTC. `REQUEST` carries the organiser and an ATTENDEE per invited person (RSVP requested), so calendar
 * clients offer to accept; the same UID with a higher SEQUENCE updates it, and `CANCEL` withdraws it.
 */
export function sessionToICalendar(session: SessionDetail, now: Date, invitation: CalendarInvitation): string {
  const method = invitation.organizer ? invitation.method : 'PUBLISH';
  const cancelled = invitation.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Koers//Werk- en kennissessies//NL',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${session.id}@koers`,
    `SEQUENCE:${invitation.sequence ?? session.sequence}`,
    `DTSTAMP:${icalUtc(now)}`,
    `DTSTART:${icalUtc(session.startsAt)}`,
    `DTEND:${icalUtc(session.endsAt)}`,
    `SUMMARY:${escapeText(session.title)}`,
    ...(session.location ? [`LOCATION:${escapeText(session.location)}`] : []),
    // A URI value is not TEXT: it is not escaped, but it must not break the line.
    ...(session.onlineUrl ? [`URL:${stripControl(session.onlineUrl)}`] : []),
    `DESCRIPTION:${escapeText(description(session))}`,
    `STATUS:${cancelled ? 'CANCELLED' : session.state === 'concept' ? 'TENTATIVE' : 'CONFIRMED'}`,
    ...(invitation.organizer
      ? [`ORGANIZER;CN=${paramValue(invitation.organizer.displayName)}:${mailto(invitation.organizer.email)}`]
      : []),
    ...(invitation.organizer
      ? invitation.attendees.map(
          (a) =>
            `ATTENDEE;CN=${paramValue(a.displayName)};CUTYPE=INDIVIDUAL;ROLE=${ATTENDEE_ROLE[a.role ?? ''] ?? 'REQ-PARTICIPANT'};` +
            `PARTSTAT=${PARTSTAT[a.status]};RSVP=${cancelled ? 'FALSE' : 'TRUE'}:${mailto(a.email)}`,
        )
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 5545 3.2: a parameter value is quoted; DQUOTE and control characters cannot appear in it at all. */
export function paramValue(value: string): string {
  const clean = stripControl(value)
    .replace(/[\r\n"]/g, '')
    .trim();
  return `"${clean || 'Onbekend'}"`;
}

function mailto(email: string): string {
  return `mailto:${email.replace(/[^\x21-\x7e]/g, '')}`;
}

function description(session: SessionDetail): string {
  const parts = [`${SESSION_TYPE_LABELS[session.type]} van de ${session.workgroupName}`];
  if (session.description.trim()) parts.push(session.description.trim());
  if (session.onlineUrl) parts.push(`Online deelnemen: ${session.onlineUrl}`);
  if (session.agenda.length) {
    parts.push(
      [
        'Agenda:',
        ...session.agenda.map((item, index) => {
          const details = [item.presenterName, item.minutesAllotted ? `${item.minutesAllotted} min` : null]
            .filter(Boolean)
            .join(', ');
          return `${index + 1}. ${item.title}${details ? ` (${details})` : ''}`;
        }),
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}

/** 20260115T083000Z */
export function icalUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 3.3.11: backslash, semicolon and comma are escaped, newlines become \n. */
export function escapeText(value: string): string {
  return stripControl(value.replace(/\r\n|\r/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

function stripControl(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** RFC 5545 3.1: at most 75 octets per line; a continuation line starts with one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}
