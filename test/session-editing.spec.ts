import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { eventually } from './support/collab-client';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Editing a session and its agenda after creation (docs/sessions.md): attendance and decisions stay, every
 * change is in the session's history, a stale version is refused, and the people invited get an updated
 * invitation (same UID, higher SEQUENCE) or a cancellation by e-mail through a real SMTP server. Every .ics is
 * read with an independent iCalendar parser (ical.js), not by matching strings.
 */
const PUBLIC_URL = 'https://koers.example.nl';
const DEMO = (who: string) => `${who}@demo.koers.nl`;

interface Member {
  userId: string;
  email: string;
}

interface ParsedInvitation {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string | null;
  start: Date;
  end: Date;
  organizer: { address: string; cn: string };
  attendees: Array<{ address: string; cn: string; role: string; partstat: string; rsvp: string; cutype: string }>;
}

/** The calendar as ical.js reads it. */
function parseCalendar(ics: string): ParsedInvitation {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  const address = (value: unknown) => String(value).replace(/^mailto:/i, '');
  const organizer = vevent.getFirstProperty('organizer')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status')),
    summary: event.summary,
    location: event.location ?? null,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    organizer: { address: address(organizer.getFirstValue()), cn: String(organizer.getParameter('cn')) },
    attendees: vevent.getAllProperties('attendee').map((p) => ({
      address: address(p.getFirstValue()),
      cn: String(p.getParameter('cn')),
      role: String(p.getParameter('role')),
      partstat: String(p.getParameter('partstat')),
      rsvp: String(p.getParameter('rsvp')),
      cutype: String(p.getParameter('cutype')),
    })),
  };
}

/** The invitation a mail carries (the text/calendar part). */
function calendarOf(mail: ParsedMail): ParsedInvitation {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`No calendar in mail "${mail.subject}"`);
  return parseCalendar(part.content.toString('utf8'));
}

describe('editing sessions, their history and the invitations people can accept', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let workgroupId: string;
  let members: Member[];
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const userId = (who: string) => members.find((m) => m.email === DEMO(who))!.userId;
  /** Invitation mails about one session (the digest or other mails may arrive too). */
  const mailsAbout = (sessionId: string) =>
    sink.mails.filter((m) => {
      try {
        return calendarOf(m).uid === `${sessionId}@koers`;
      } catch {
        return false;
      }
    });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      KOERS_SMTP_URL: sink.url,
      KOERS_SMTP_LOCAL_RELAY: 'true',
      KOERS_MAIL_FROM: 'Koers <koers@example.nl>',
      KOERS_PUBLIC_URL: PUBLIC_URL,
      KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
      KOERS_REMINDER_INTERVAL_MS: '0',
    });
    for (const who of ['aanjager.ondermijning', 'ovj.ondermijning', 'riec', 'secretariaat'])
      tokens[who] = await t.login(DEMO(who));
    const list = await t.http().get('/api/workgroups').set(as('secretariaat')).expect(200);
    workgroupId = list.body.find((w: { name: string }) => w.name.includes('Ondermijning')).id;
    members = (await t.http().get(`/api/workgroups/${workgroupId}`).set(as('secretariaat')).expect(200)).body.members;
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const plan = async (body: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/sessions`)
        .set(as('aanjager.ondermijning'))
        .send({
          type: 'werksessie',
          state: 'geagendeerd',
          title: 'Werksessie ondermijnende drugscriminaliteit',
          startsAt: '2027-03-11T09:30:00+01:00',
          endsAt: '2027-03-11T11:00:00+01:00',
          location: 'Stadhuis Nieuwegein, zaal 2',
          inviteeIds: [userId('ovj.ondermijning'), userId('politie.ondermijning'), userId('riec')],
          ...body,
        })
        .expect(201)
    ).body;
  const patch = (path: string, body: Record<string, unknown>, version?: number, who = 'aanjager.ondermijning') => {
    const request = t.http().patch(path).set(as(who));
    if (version !== undefined) request.set('If-Match', `"${version}"`);
    return request.send(body);
  };

  it('sends an invitation people can accept: REQUEST with organiser and an attendee per invited member', async () => {
    const session = await plan();
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(3));
    const mails = mailsAbout(session.id);
    expect(mails.map(recipientOf).sort()).toEqual(
      [DEMO('ovj.ondermijning'), DEMO('politie.ondermijning'), DEMO('riec')].sort(),
    );
    expect(mails[0].subject).toMatch(/^Uitnodiging: Werksessie ondermijnende drugscriminaliteit/);
    expect(mails[0].text).toContain(`${PUBLIC_URL}/werkgroepen/${workgroupId}/sessies/${session.id}`);
    const invitation = calendarOf(mails[0]);
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      uid: `${session.id}@koers`,
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Werksessie ondermijnende drugscriminaliteit',
      location: 'Stadhuis Nieuwegein, zaal 2',
      organizer: { address: DEMO('aanjager.ondermijning') },
    });
    expect(invitation.organizer.cn.length).toBeGreaterThan(0);
    expect(invitation.start.toISOString()).toBe('2027-03-11T08:30:00.000Z');
    expect(invitation.end.toISOString()).toBe('2027-03-11T10:00:00.000Z');
    expect(invitation.attendees.map((a) => a.address).sort()).toEqual(mails.map(recipientOf).sort());
    for (const attendee of invitation.attendees) {
      expect(attendee).toMatchObject({ partstat: 'NEEDS-ACTION', rsvp: 'TRUE', cutype: 'INDIVIDUAL' });
      expect(attendee.cn).not.toBe('Onbekend');
    }
    // The RIEC adviser is a guest: optional.
    expect(invitation.attendees.find((a) => a.address === DEMO('riec'))!.role).toBe('OPT-PARTICIPANT');
    expect(invitation.attendees.find((a) => a.address === DEMO('ovj.ondermijning'))!.role).toBe('REQ-PARTICIPANT');

    // The download is the same invitation.
    const download = await t
      .http()
      .get(`/api/sessions/${session.id}/invite.ics`)
      .set(as('riec'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(download.headers['content-type']).toMatch(/method=REQUEST/);
    const downloaded = parseCalendar(download.body as string);
    expect(downloaded).toMatchObject({ method: 'REQUEST', uid: `${session.id}@koers`, sequence: 0 });
    expect(downloaded.attendees).toHaveLength(3);
  });

  it('edits date, time and place keeping attendance and decisions; SEQUENCE rises and an update is mailed', async () => {
    const session = await plan({ title: 'Werksessie witwassen via vastgoed' });
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(3));
    await patch(`/api/sessions/${session.id}/attendance`, {
      attendees: [{ userId: userId('ovj.ondermijning'), status: 'aanwezig' }],
    }).expect(200);
    await t
      .http()
      .post(`/api/sessions/${session.id}/decisions`)
      .set(as('aanjager.ondermijning'))
      .send({ text: 'Vastgoedcasus gaat naar het RIEC' })
      .expect(201);
    const loaded = await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(200);
    expect(loaded.headers.etag).toBe(`"${loaded.body.version}"`);

    // A change calendars do not show (the description) keeps the SEQUENCE and mails nobody.
    const described = await patch(
      `/api/sessions/${session.id}`,
      { description: 'Met de casus van de gemeente.' },
      loaded.body.version,
    ).expect(200);
    expect(described.body.sequence).toBe(0);

    const moved = await patch(
      `/api/sessions/${session.id}`,
      {
        startsAt: '2027-03-18T13:00:00+01:00',
        endsAt: '2027-03-18T15:30:00+01:00',
        location: 'Gemeentehuis Houten',
        title: 'Werksessie witwassen via vastgoed (verplaatst)',
      },
      described.body.version,
    ).expect(200);
    expect(moved.body).toMatchObject({
      sequence: 1,
      location: 'Gemeentehuis Houten',
      title: 'Werksessie witwassen via vastgoed (verplaatst)',
    });
    expect(new Date(moved.body.startsAt).toISOString()).toBe('2027-03-18T12:00:00.000Z');
    expect(moved.body.attendees).toEqual(loaded.body.attendees);
    expect(moved.body.decisions.map((d: { text: string }) => d.text)).toEqual(['Vastgoedcasus gaat naar het RIEC']);

    // The update: same UID, higher SEQUENCE, the new time; exactly one more mail per person (the description
    // change sent none).
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(6));
    const updates = mailsAbout(session.id).slice(3);
    expect(updates.map(recipientOf).sort()).toEqual(
      [DEMO('ovj.ondermijning'), DEMO('politie.ondermijning'), DEMO('riec')].sort(),
    );
    for (const mail of updates) {
      expect(mail.subject).toMatch(/^Gewijzigd: Werksessie witwassen via vastgoed \(verplaatst\)/);
      const update = calendarOf(mail);
      expect(update).toMatchObject({
        method: 'REQUEST',
        uid: `${session.id}@koers`,
        sequence: 1,
        location: 'Gemeentehuis Houten',
      });
      expect(update.start.toISOString()).toBe('2027-03-18T12:00:00.000Z');
      // The one who was marked present keeps that in the calendar too.
      expect(update.attendees.find((a) => a.address === DEMO('ovj.ondermijning'))!.partstat).toBe('ACCEPTED');
    }

    // History: who changed what, when, oldest first.
    const history = moved.body.history as Array<{
      kind: string;
      changedByName: string | null;
      changes: Record<string, { from: unknown; to: unknown }>;
    }>;
    expect(history.map((h) => h.kind)).toEqual([
      'session.create',
      'attendance.update',
      'decision.create',
      'session.update',
      'session.update',
    ]);
    const last = history.at(-1)!;
    expect(last.changedByName).toBeTruthy();
    expect(last.changes.location).toEqual({ from: 'Stadhuis Nieuwegein, zaal 2', to: 'Gemeentehuis Houten' });
    expect(last.changes.startsAt).toEqual({ from: '2027-03-11T08:30:00.000Z', to: '2027-03-18T12:00:00.000Z' });
    expect(Object.values(history[1].changes)).toEqual([{ from: 'uitgenodigd', to: 'aanwezig' }]);

    // A change based on an older version is refused and changes nothing.
    const stale = await patch(`/api/sessions/${session.id}`, { location: 'Elders' }, loaded.body.version).expect(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const after = await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(200);
    expect(after.body).toMatchObject({ location: 'Gemeentehuis Houten', version: moved.body.version, sequence: 1 });
  });

  it('edits agenda items (title, presenter, minutes, order) with their history and a 409 on a stale version', async () => {
    const session = await plan({ state: 'concept', inviteeIds: [] });
    const add = async (title: string) =>
      (
        await t
          .http()
          .post(`/api/sessions/${session.id}/agenda`)
          .set(as('aanjager.ondermijning'))
          .send({ title, minutesAllotted: 20 })
          .expect(201)
      ).body;
    const first = await add('Opening');
    const second = await add('Casus horeca');
    const edited = await patch(
      `/api/agenda-items/${second.id}`,
      { title: 'Casus horeca en vastgoed', presenterId: userId('ovj.ondermijning'), minutesAllotted: 45 },
      second.version,
    ).expect(200);
    expect(edited.body).toMatchObject({ title: 'Casus horeca en vastgoed', minutesAllotted: 45 });
    expect(edited.headers.etag).toBe(`"${edited.body.version}"`);
    const stale = await patch(`/api/agenda-items/${second.id}`, { title: 'Iets anders' }, second.version).expect(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    await t
      .http()
      .put(`/api/sessions/${session.id}/agenda/order`)
      .set(as('aanjager.ondermijning'))
      .send({ itemIds: [second.id, first.id] })
      .expect(200);
    const detail = (await t.http().get(`/api/sessions/${session.id}`).set(as('ovj.ondermijning')).expect(200)).body;
    expect(detail.agenda.map((i: { title: string }) => i.title)).toEqual(['Casus horeca en vastgoed', 'Opening']);
    expect(detail.totalMinutes).toBe(65);
    const update = detail.history.find((h: { kind: string }) => h.kind === 'agenda.update');
    expect(update.subject).toBe('Casus horeca');
    expect(update.changes.title).toEqual({ from: 'Casus horeca', to: 'Casus horeca en vastgoed' });
    expect(update.changes.minutesAllotted).toEqual({ from: 20, to: 45 });
    // The presenter by name, not by id.
    expect(update.changes.presenterId.from).toBeNull();
    expect(typeof update.changes.presenterId.to).toBe('string');
    expect(update.changes.presenterId.to).not.toBe(userId('ovj.ondermijning'));
    const reorder = detail.history.find((h: { kind: string }) => h.kind === 'agenda.reorder');
    expect(reorder.changes.order).toEqual({
      from: ['Opening', 'Casus horeca en vastgoed'],
      to: ['Casus horeca en vastgoed', 'Opening'],
    });
    // A concept mails nobody; planning it sends the first invitation.
    expect(mailsAbout(session.id)).toHaveLength(0);
  });

  it('invites someone added later, cancels for someone taken off, and cancels everyone when removed', async () => {
    const session = await plan({ title: 'Bestuurlijk overleg ondermijning', inviteeIds: [userId('ovj.ondermijning')] });
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(1));
    await patch(`/api/sessions/${session.id}/attendance`, {
      attendees: [{ userId: userId('politie.ondermijning') }],
    }).expect(200);
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(2));
    const added = mailsAbout(session.id)[1];
    expect(recipientOf(added)).toBe(DEMO('politie.ondermijning'));
    expect(
      calendarOf(added)
        .attendees.map((a) => a.address)
        .sort(),
    ).toEqual([DEMO('ovj.ondermijning'), DEMO('politie.ondermijning')].sort());

    await patch(`/api/sessions/${session.id}/attendance`, { removeUserIds: [userId('ovj.ondermijning')] }).expect(200);
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(3));
    const withdrawn = mailsAbout(session.id)[2];
    expect(recipientOf(withdrawn)).toBe(DEMO('ovj.ondermijning'));
    expect(withdrawn.subject).toMatch(/^Geannuleerd: /);
    expect(calendarOf(withdrawn)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });
    expect(calendarOf(withdrawn).attendees.map((a) => a.address)).toEqual([DEMO('ovj.ondermijning')]);

    const current = (await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(200))
      .body;
    await t
      .http()
      .delete(`/api/sessions/${session.id}`)
      .set(as('aanjager.ondermijning'))
      .set('If-Match', `"${current.version}"`)
      .expect(204);
    await eventually(() => expect(mailsAbout(session.id)).toHaveLength(4));
    const cancellation = calendarOf(mailsAbout(session.id)[3]);
    expect(recipientOf(mailsAbout(session.id)[3])).toBe(DEMO('politie.ondermijning'));
    expect(cancellation).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: `${session.id}@koers` });
    expect(cancellation.sequence).toBeGreaterThan(current.sequence);
  });

  it('answers bad input with a Dutch 400 and changes nothing; only who manages sessions may edit', async () => {
    const session = await plan({ state: 'concept', inviteeIds: [] });
    const item = (
      await t
        .http()
        .post(`/api/sessions/${session.id}/agenda`)
        .set(as('aanjager.ondermijning'))
        .send({ title: 'Opening' })
        .expect(201)
    ).body;
    const refused = async (path: string, body: Record<string, unknown>, field: string) => {
      const response = await patch(path, body).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      const problem = response.body.error.fields.find((f: { field: string }) => f.field === field);
      expect(problem).toBeDefined();
      // Dutch, for people: no class-validator English.
      expect(problem.messages.join(' ')).toMatch(/\b(een|de|het|van|is|moet|hoogstens|Gebruik|Kies|Geef|Dit|Een)\b/);
      expect(problem.messages.join(' ')).not.toMatch(/must be|should/);
    };
    await refused(`/api/sessions/${session.id}`, { title: 'x'.repeat(10_000) }, 'title');
    await refused(`/api/sessions/${session.id}`, { endsAt: '2027-03-11T08:00:00+01:00' }, 'endsAt');
    await refused(
      `/api/sessions/${session.id}`,
      { startsAt: '2027-03-11T12:00:00+01:00', endsAt: '2027-03-11T10:00:00+01:00' },
      'endsAt',
    );
    await refused(`/api/sessions/${session.id}`, { startsAt: '11-03-2027 09:30' }, 'startsAt');
    await refused(`/api/sessions/${session.id}`, { startsAt: '2027-02-30T09:30:00+01:00' }, 'startsAt');
    await refused(`/api/sessions/${session.id}`, { title: null }, 'title');
    await refused(`/api/sessions/${session.id}`, { location: 'y'.repeat(10_000) }, 'location');
    await refused(`/api/sessions/${session.id}`, { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl');
    await refused(`/api/agenda-items/${item.id}`, { title: 'z'.repeat(10_000) }, 'title');
    await refused(`/api/agenda-items/${item.id}`, { presenterId: randomUUID() }, 'presenterId');
    await refused(`/api/agenda-items/${item.id}`, { presenterId: 'iemand' }, 'presenterId');
    await refused(`/api/agenda-items/${item.id}`, { minutesAllotted: 100_000 }, 'minutesAllotted');
    const badVersion = await t
      .http()
      .patch(`/api/sessions/${session.id}`)
      .set(as('aanjager.ondermijning'))
      .set('If-Match', 'gisteren')
      .send({ title: 'Nieuwe titel' })
      .expect(400);
    expect(badVersion.body.error.fields[0].field).toBe('If-Match');

    // A guest (RIEC) reads but may not edit; someone outside the werkgroep does not even see it.
    await patch(`/api/sessions/${session.id}`, { title: 'Door de gast' }, undefined, 'riec').expect(403);
    await patch(`/api/agenda-items/${item.id}`, { title: 'Door de gast' }, undefined, 'riec').expect(403);

    const after = (await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(200)).body;
    expect(after).toMatchObject({ title: session.title, version: session.version, startsAt: session.startsAt });
    expect(after.agenda[0]).toMatchObject({ title: 'Opening', version: item.version });
    expect(after.history.map((h: { kind: string }) => h.kind)).toEqual(['session.create', 'agenda.create']);
  });
});
