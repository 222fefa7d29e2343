import ICAL from 'ical.js';
import { escapeText, foldLine, icalUtc, sessionToICalendar } from './session-calendar';
import { parseMoment, SessionDetail } from './session.model';
import { escapeHtml } from '@koers/core';
import { escapeMarkdown } from './session-export';

describe('session calendar (RFC 5545)', () => {
  it('folds at 75 octets without splitting a UTF-8 sequence, and unfolds to the original', () => {
    const line = `SUMMARY:${'Veiligheidsstrategie één '.repeat(12)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(parts.join('')).not.toContain('\uFFFD');
  });

  it('leaves short lines alone', () => {
    expect(foldLine('BEGIN:VCALENDAR')).toBe('BEGIN:VCALENDAR');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('escapes backslash, semicolon, comma and newlines in TEXT', () => {
    expect(escapeText('a\\b; c, d\r\ne\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('writes times in UTC', () => {
    expect(icalUtc(new Date('2026-03-12T09:30:00+01:00'))).toBe('20260312T083000Z');
  });
});

describe('session invitation (iTIP), read back with ical.js', () => {
  const session = {
    id: '7d0f6c1e-2f7e-4a51-9a57-0a3c2b1d9e10',
    workgroupId: 'w',
    workgroupName: 'Werkgroep Ondermijning',
    type: 'werksessie',
    state: 'geagendeerd',
    title: 'Werksessie; vastgoed, horeca',
    description: '',
    startsAt: new Date('2027-03-11T08:30:00Z'),
    endsAt: new Date('2027-03-11T10:00:00Z'),
    location: null,
    onlineUrl: null,
    sequence: 3,
    agenda: [],
  } as unknown as SessionDetail;
  const organizer = { displayName: 'Burgemeester "de" Vries', email: 'aanjager@example.nl' };
  const attendees = [
    { displayName: 'Officier, van justitie', email: 'ovj@example.nl', role: 'lid', status: 'uitgenodigd' as const },
    { displayName: 'Adviseur; RIEC', email: 'riec@example.nl', role: 'gast', status: 'afgemeld' as const },
  ];
  const read = (ics: string) => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const event = calendar.getFirstSubcomponent('vevent')!;
    return { calendar, event };
  };

  it('writes a REQUEST with the organiser and every attendee, parameters quoted', () => {
    const { calendar, event } = read(
      sessionToICalendar(session, new Date('2027-01-01T00:00:00Z'), { method: 'REQUEST', organizer, attendees }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('summary')).toBe('Werksessie; vastgoed, horeca');
    const org = event.getFirstProperty('organizer')!;
    expect(org.getFirstValue()).toBe('mailto:aanjager@example.nl');
    expect(org.getParameter('cn')).toBe('Burgemeester de Vries');
    const people = event.getAllProperties('attendee').map((p) => ({
      cn: p.getParameter('cn'),
      role: p.getParameter('role'),
      partstat: p.getParameter('partstat'),
      rsvp: p.getParameter('rsvp'),
      value: p.getFirstValue(),
    }));
    expect(people).toEqual([
      {
        cn: 'Officier, van justitie',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
        value: 'mailto:ovj@example.nl',
      },
      {
        cn: 'Adviseur; RIEC',
        role: 'OPT-PARTICIPANT',
        partstat: 'DECLINED',
        rsvp: 'TRUE',
        value: 'mailto:riec@example.nl',
      },
    ]);
  });

  it('writes a CANCEL with the given sequence, and publishes without an organiser', () => {
    const cancel = read(
      sessionToICalendar(session, new Date(), { method: 'CANCEL', organizer, attendees, sequence: 4 }),
    );
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.getFirstPropertyValue('sequence')).toBe(4);
    const published = read(sessionToICalendar(session, new Date(), { method: 'REQUEST', organizer: null, attendees }));
    expect(published.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(published.event.getAllProperties('attendee')).toHaveLength(0);
  });
});

describe('moments', () => {
  it('refuses days the calendar does not have instead of rolling them over', () => {
    expect(parseMoment('2027-02-30T09:30:00+01:00').getTime()).toBeNaN();
    expect(parseMoment('2028-02-29T09:30:00+01:00').toISOString()).toBe('2028-02-29T08:30:00.000Z');
    expect(parseMoment('2027-03-11T25:30:00+01:00').getTime()).toBeNaN();
  });
});

describe('session export escaping', () => {
  it('escapes HTML and Markdown', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('*vet* | [link](x)\n# kop')).toBe('\\*vet\\* \\| \\[link\\](x) \\# kop');
  });
});
