import { SESSION_TYPE_LABELS, SessionDetail } from './session.model';

/**
 * The session as an iCalendar invitation (RFC 5545), written by hand: CRLF line endings, lines folded at
 * 75 octets (never inside a UTF-8 sequence), TEXT values escaped, times in UTC.
 */
export function sessionToICalendar(session: SessionDetail, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Koers//Werk- en kennissessies//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${session.id}@koers`,
    `SEQUENCE:${session.sequence}`,
    `DTSTAMP:${icalUtc(now)}`,
    `DTSTART:${icalUtc(session.startsAt)}`,
    `DTEND:${icalUtc(session.endsAt)}`,
    `SUMMARY:${escapeText(session.title)}`,
    ...(session.location ? [`LOCATION:${escapeText(session.location)}`] : []),
    // A URI value is not TEXT: it is not escaped, but it must not break the line.
    ...(session.onlineUrl ? [`URL:${stripControl(session.onlineUrl)}`] : []),
    `DESCRIPTION:${escapeText(description(session))}`,
    `STATUS:${session.state === 'concept' ? 'TENTATIVE' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
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
