import { createTestApp, TestApp } from './support/test-app';

interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: string;
}
interface Workgroup {
  id: string;
  theme: { focusAreas: Array<{ id: string; title: string }> };
  members: Member[];
}

const DAY = 86_400_000;
/** A moment n days from now at a whole hour, with a Dutch winter/summer offset as clients send it. */
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe('sessions (werk- en kennissessies) and decisions', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let ondermijning: Workgroup;
  let onrust: Workgroup;
  let cyber: Workgroup;
  const as = (who: string) =>
    tokens[who] ? { Authorization: `Bearer ${tokens[who]}` } : ({} as Record<string, string>);
  const people = [
    'secretariaat',
    'aanjager.ondermijning',
    'ovj.ondermijning',
    'politie.ondermijning',
    'riec',
    'aanjager.cyber',
    'aanjager.onrust',
    'waarnemer.onrust',
    'rvc',
  ];

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of people) tokens[who] = await t.login(`${who}@demo.koers.nl`);
    const list = await t.http().get('/api/workgroups').set(as('secretariaat')).expect(200);
    const load = async (part: string) => {
      const id = list.body.find((w: { name: string }) => w.name.includes(part)).id as string;
      return (await t.http().get(`/api/workgroups/${id}`).set(as('secretariaat')).expect(200)).body as Workgroup;
    };
    ondermijning = await load('Ondermijning');
    onrust = await load('onrust');
    cyber = await load('Digitale');
  });
  afterAll(() => t.close());

  const userId = (email: string, wg = ondermijning) =>
    wg.members.find((m) => m.email === `${email}@demo.koers.nl`)!.userId;
  const createSession = (who: string, body: Record<string, unknown>, workgroupId = ondermijning.id) =>
    t.http().post(`/api/workgroups/${workgroupId}/sessions`).set(as(who)).send(body);
  const plan = async (
    overrides: Record<string, unknown> = {},
    who = 'aanjager.ondermijning',
    workgroupId = ondermijning.id,
  ) =>
    (
      await createSession(
        who,
        {
          type: 'werksessie',
          title: 'Werksessie jonge aanwas',
          startsAt: at(20, 8),
          endsAt: at(20, 10),
          location: 'Stadhuis Nieuwegein, zaal 2',
          ...overrides,
        },
        workgroupId,
      ).expect(201)
    ).body;
  const addItem = (who: string, sessionId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/sessions/${sessionId}/agenda`).set(as(who)).send(body);
  const fields = (response: { body: { error: { fields?: Array<{ field: string }> } } }) =>
    (response.body.error.fields ?? []).map((f) => f.field).sort();

  it('plans a session with an ordered agenda and a backlog of proposals, and reorders it', async () => {
    const session = await plan({
      title: 'Werksessie criminele geldstromen',
      onlineUrl: 'https://meet.example.nl/geldstromen',
      inviteeIds: [userId('ovj.ondermijning'), userId('politie.ondermijning'), userId('riec')],
    });
    expect(session).toMatchObject({
      type: 'werksessie',
      state: 'concept',
      location: 'Stadhuis Nieuwegein, zaal 2',
      agenda: [],
      backlog: [],
      minutesDocumentId: null,
    });
    expect(session.attendees.map((a: { status: string }) => a.status)).toEqual([
      'uitgenodigd',
      'uitgenodigd',
      'uitgenodigd',
    ]);

    const opening = (
      await addItem('aanjager.ondermijning', session.id, {
        title: 'Opening en mededelingen',
        minutesAllotted: 10,
      }).expect(201)
    ).body;
    const casus = (
      await addItem('aanjager.ondermijning', session.id, {
        title: 'Casus witwassen via vastgoed',
        presenterId: userId('ovj.ondermijning'),
        minutesAllotted: 45,
        outcome: 'besluit',
      }).expect(201)
    ).body;
    const hackshield = (
      await addItem('ovj.ondermijning', session.id, {
        title: 'Ervaringen signaaltafel',
        presenterName: 'Gastspreker RIEC Oost',
        minutesAllotted: 30,
        outcome: 'informatie',
      }).expect(201)
    ).body;
    expect([opening.placement, opening.position, casus.position, hackshield.position]).toEqual(['agenda', 1, 2, 3]);
    expect(casus.presenterName).toBe(ovjName());
    expect(hackshield).toMatchObject({ presenterId: null, presenterName: 'Gastspreker RIEC Oost' });

    // A guest proposes (backlog by default), may not put it on the agenda, and may edit only their own proposal.
    const proposal = (
      await addItem('riec', session.id, { title: 'Voorstel: casus mensenhandel bespreken' }).expect(201)
    ).body;
    expect(proposal).toMatchObject({ placement: 'backlog', proposedByName: 'Adviseur RIEC (demo)' });
    await addItem('riec', session.id, { title: 'Direct op de agenda', placement: 'agenda' }).expect(403);
    await t
      .http()
      .patch(`/api/agenda-items/${proposal.id}`)
      .set(as('riec'))
      .send({ description: 'Twee casussen uit Utrecht' })
      .expect(200);
    await t.http().patch(`/api/agenda-items/${proposal.id}`).set(as('riec')).send({ placement: 'agenda' }).expect(403);
    await t.http().patch(`/api/agenda-items/${opening.id}`).set(as('riec')).send({ title: 'Overgenomen' }).expect(403);

    const reordered = await t
      .http()
      .put(`/api/sessions/${session.id}/agenda/order`)
      .set(as('aanjager.ondermijning'))
      .send({ itemIds: [casus.id, opening.id, hackshield.id] })
      .expect(200);
    expect(reordered.body.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual([
      [casus.id, 1],
      [opening.id, 2],
      [hackshield.id, 3],
    ]);
    const incomplete = await t
      .http()
      .put(`/api/sessions/${session.id}/agenda/order`)
      .set(as('aanjager.ondermijning'))
      .send({ itemIds: [casus.id, opening.id] })
      .expect(400);
    expect(fields(incomplete)).toEqual(['itemIds']);
    await t
      .http()
      .put(`/api/sessions/${session.id}/agenda/order`)
      .set(as('aanjager.ondermijning'))
      .send({ itemIds: [casus.id, opening.id, proposal.id] })
      .expect(400);
    await t
      .http()
      .put(`/api/sessions/${session.id}/agenda/order`)
      .set(as('riec'))
      .send({ itemIds: [opening.id, casus.id, hackshield.id] })
      .expect(403);

    // The aanjager takes the proposal onto the agenda: it goes last.
    await t
      .http()
      .patch(`/api/agenda-items/${proposal.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ placement: 'agenda', minutesAllotted: 20 })
      .expect(200);
    const detail = (await t.http().get(`/api/sessions/${session.id}`).set(as('riec')).expect(200)).body;
    expect(detail.agenda.map((i: { title: string }) => i.title)).toEqual([
      'Casus witwassen via vastgoed',
      'Opening en mededelingen',
      'Ervaringen signaaltafel',
      'Voorstel: casus mensenhandel bespreken',
    ]);
    expect(detail.backlog).toEqual([]);
    expect(detail.totalMinutes).toBe(45 + 10 + 30 + 20);

    await t.http().delete(`/api/agenda-items/${opening.id}`).set(as('aanjager.ondermijning')).expect(204);
    const after = (await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(200)).body;
    expect(after.agenda.map((i: { id: string }) => i.id)).toEqual([casus.id, hackshield.id, proposal.id]);
  });

  function ovjName() {
    return ondermijning.members.find((m) => m.email === 'ovj.ondermijning@demo.koers.nl')!.displayName;
  }

  it('lists upcoming sessions first (soonest first), then past ones, and filters by state', async () => {
    const wg = cyber.id;
    const later = await plan(
      { title: 'Kennissessie HackShield', type: 'kennissessie', startsAt: at(40, 9), endsAt: at(40, 11) },
      'aanjager.cyber',
      wg,
    );
    const soon = await plan(
      { title: 'Werksessie interventies', startsAt: at(5, 9), endsAt: at(5, 11), state: 'geagendeerd' },
      'aanjager.cyber',
      wg,
    );
    const past = await plan(
      {
        title: 'Bestuurlijk overleg voorjaar',
        type: 'bestuurlijk_overleg',
        startsAt: at(-30, 9),
        endsAt: at(-30, 11),
        state: 'afgerond',
      },
      'aanjager.cyber',
      wg,
    );
    const older = await plan(
      {
        title: 'Bestuurlijk overleg najaar',
        type: 'bestuurlijk_overleg',
        startsAt: at(-90, 9),
        endsAt: at(-90, 11),
        state: 'afgerond',
      },
      'aanjager.cyber',
      wg,
    );
    // The demo werkgroep has sessions of its own: look at the order of the ones made here.
    const ours = new Set([later.id, soon.id, past.id, older.id]);
    const mine = (body: Array<{ id: string; upcoming: boolean }>) => body.filter((s) => ours.has(s.id));
    const list = await t.http().get(`/api/workgroups/${wg}/sessions`).set(as('aanjager.cyber')).expect(200);
    expect(mine(list.body).map((s) => s.id)).toEqual([soon.id, later.id, past.id, older.id]);
    expect(mine(list.body).map((s) => s.upcoming)).toEqual([true, true, false, false]);
    const done = await t
      .http()
      .get(`/api/workgroups/${wg}/sessions?state=afgerond`)
      .set(as('aanjager.cyber'))
      .expect(200);
    expect(done.body.every((s: { state: string }) => s.state === 'afgerond')).toBe(true);
    expect(mine(done.body).map((s) => s.id)).toEqual([past.id, older.id]);
    const open = await t
      .http()
      .get(`/api/workgroups/${wg}/sessions?state=concept,geagendeerd`)
      .set(as('aanjager.cyber'))
      .expect(200);
    expect(open.body.every((s: { state: string }) => s.state !== 'afgerond')).toBe(true);
    expect(mine(open.body).map((s) => s.id)).toEqual([soon.id, later.id]);
    await t.http().get(`/api/workgroups/${wg}/sessions?state=gepland`).set(as('aanjager.cyber')).expect(400);
  });

  it('keeps attendance: invited members, present, absent, regrets sent by the invitee themself', async () => {
    const session = await plan({
      title: 'Werksessie aanwezigheid',
      inviteeIds: [userId('ovj.ondermijning'), userId('riec')],
    });
    const update = await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('aanjager.ondermijning'))
      .send({
        attendees: [
          { userId: userId('ovj.ondermijning'), status: 'aanwezig' },
          { userId: userId('politie.ondermijning'), status: 'afwezig' },
          { userId: userId('belastingdienst.ondermijning') },
        ],
      })
      .expect(200);
    const statusOf = (body: { attendees: Array<{ userId: string; status: string }> }, email: string) =>
      body.attendees.find((a) => a.userId === userId(email))?.status;
    expect(statusOf(update.body, 'ovj.ondermijning')).toBe('aanwezig');
    expect(statusOf(update.body, 'politie.ondermijning')).toBe('afwezig');
    expect(statusOf(update.body, 'belastingdienst.ondermijning')).toBe('uitgenodigd');
    expect(
      update.body.attendees.find((a: { userId: string }) => a.userId === userId('ovj.ondermijning')),
    ).toMatchObject({ displayName: ovjName(), organisationName: 'Openbaar Ministerie Midden-Nederland', role: 'lid' });

    // The invited guest sends regrets for themself, but cannot mark anyone else.
    const regrets = await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('riec'))
      .send({ attendees: [{ userId: userId('riec'), status: 'afgemeld' }] })
      .expect(200);
    expect(statusOf(regrets.body, 'riec')).toBe('afgemeld');
    await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('riec'))
      .send({ attendees: [{ userId: userId('riec'), status: 'aanwezig' }] })
      .expect(403);
    await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('riec'))
      .send({ attendees: [{ userId: userId('ovj.ondermijning'), status: 'afgemeld' }] })
      .expect(403);

    // Only members of the werkgroep can be invited.
    const outsider = await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('aanjager.ondermijning'))
      .send({ attendees: [{ userId: userId('aanjager.cyber', cyber) }] })
      .expect(400);
    expect(fields(outsider)).toEqual(['attendees.0.userId']);
    const removed = await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('aanjager.ondermijning'))
      .send({ removeUserIds: [userId('politie.ondermijning')] })
      .expect(200);
    expect(statusOf(removed.body, 'politie.ondermijning')).toBeUndefined();
    await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('aanjager.ondermijning'))
      .send({ attendees: [{ userId: userId('riec'), status: 'misschien' }] })
      .expect(400);
  });

  it('creates the minutes document from the verslag template, once, and members can open it', async () => {
    const session = await plan({ title: 'Werksessie met verslag' });
    const minutes = await t.http().post(`/api/sessions/${session.id}/minutes`).set(as('ovj.ondermijning')).expect(201);
    expect(minutes.body).toMatchObject({
      title: 'Verslag Werksessie met verslag',
      kind: 'verslag',
      workgroupId: ondermijning.id,
    });
    const document = await t.http().get(`/api/documents/${minutes.body.id}`).set(as('riec')).expect(200);
    expect(document.body.kind).toBe('verslag');
    const text = await t.http().get(`/api/documents/${minutes.body.id}/export?format=text`).set(as('riec')).expect(200);
    expect(text.text).toContain('Besluiten');
    const detail = await t.http().get(`/api/sessions/${session.id}`).set(as('riec')).expect(200);
    expect(detail.body).toMatchObject({
      minutesDocumentId: minutes.body.id,
      minutesDocumentTitle: 'Verslag Werksessie met verslag',
    });
    await t.http().post(`/api/sessions/${session.id}/minutes`).set(as('ovj.ondermijning')).expect(409);
    await t.http().post(`/api/sessions/${session.id}/minutes`).set(as('riec')).expect(403);
  });

  it('creates the minutes once when two members ask at the same moment, leaving no stray document', async () => {
    const session = await plan({ title: 'Werksessie met gelijktijdig verslag' });
    const create = () => t.http().post(`/api/sessions/${session.id}/minutes`).set(as('ovj.ondermijning'));
    const statuses = (await Promise.all([create(), create(), create()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const documents = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/documents`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    const titles = (documents.body as Array<{ title: string }>).map((d) => d.title);
    expect(titles.filter((title) => title === 'Verslag Werksessie met gelijktijdig verslag')).toHaveLength(1);
  });

  it('records decisions; a decision creates two actions in one step that appear in the action list and remember it', async () => {
    const session = await plan({
      title: 'Bestuurlijk overleg geldstromen',
      type: 'bestuurlijk_overleg',
      startsAt: at(-2, 9),
      endsAt: at(-2, 11),
      state: 'afgerond',
    });
    const item = (
      await addItem('aanjager.ondermijning', session.id, {
        title: 'Aanpak witwassen vastgoed',
        outcome: 'besluit',
      }).expect(201)
    ).body;
    const focusArea = ondermijning.theme.focusAreas.find(
      (f) => f.title === 'Verstoren en terugdringen criminele geldstromen',
    )!;
    const decision = await t
      .http()
      .post(`/api/sessions/${session.id}/decisions`)
      .set(as('aanjager.ondermijning'))
      .send({
        text: 'De werkgroep start een pilot met een meldpunt voor verdachte vastgoedtransacties.',
        agendaItemId: item.id,
        actions: [
          {
            title: 'Pilot meldpunt vastgoed uitwerken',
            ownerId: userId('ovj.ondermijning'),
            dueDate: '2026-12-01',
            focusAreaId: focusArea.id,
          },
          { title: 'Gemeenten werven voor de pilot', ownerId: userId('ambtelijk.ondermijning') },
        ],
      })
      .expect(201);
    expect(decision.body).toMatchObject({
      agendaItemId: item.id,
      agendaItemTitle: 'Aanpak witwassen vastgoed',
      session: { id: session.id, title: 'Bestuurlijk overleg geldstromen' },
    });
    expect(decision.body.actions.map((a: { title: string }) => a.title)).toEqual([
      'Pilot meldpunt vastgoed uitwerken',
      'Gemeenten werven voor de pilot',
    ]);

    const list = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?limit=500`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    const created = list.body.items.filter((a: { id: string }) =>
      decision.body.actions.some((d: { id: string }) => d.id === a.id),
    );
    expect(created).toHaveLength(2);
    for (const action of created) {
      expect(action.origin).toBe('sessiebesluit');
      expect(action.originNote).toContain('Bestuurlijk overleg geldstromen');
      expect(action.originNote).toContain('meldpunt voor verdachte vastgoedtransacties');
    }
    expect(created.find((a: { title: string }) => a.title === 'Pilot meldpunt vastgoed uitwerken')).toMatchObject({
      ownerName: ovjName(),
      dueDate: '2026-12-01',
      focusAreaId: focusArea.id,
    });

    // The action remembers its decision (and the decision its actions).
    const back = await t.http().get(`/api/actions/${created[0].id}/decision`).set(as('riec')).expect(200);
    expect(back.body).toMatchObject({ id: decision.body.id, session: { id: session.id } });
    const one = await t.http().get(`/api/decisions/${decision.body.id}`).set(as('riec')).expect(200);
    expect(one.body.actions).toHaveLength(2);
    const free = (
      await t
        .http()
        .post(`/api/workgroups/${ondermijning.id}/actions`)
        .set(as('aanjager.ondermijning'))
        .send({ title: 'Vrije actie zonder besluit' })
        .expect(201)
    ).body;
    await t.http().get(`/api/actions/${free.id}/decision`).set(as('aanjager.ondermijning')).expect(404);

    // More actions from the same decision later; a wrong owner is refused before anything is created.
    const before = list.body.total;
    const refused = await t
      .http()
      .post(`/api/decisions/${decision.body.id}/actions`)
      .set(as('aanjager.ondermijning'))
      .send({
        actions: [
          { title: 'Geldige actie' },
          { title: 'Eigenaar uit andere werkgroep', ownerId: userId('aanjager.cyber', cyber) },
        ],
      })
      .expect(400);
    expect(fields(refused)).toEqual(['actions.1.ownerId']);
    const unchanged = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?limit=500`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(unchanged.body.total).toBe(before + 1); // only the free action above
    const more = await t
      .http()
      .post(`/api/decisions/${decision.body.id}/actions`)
      .set(as('ovj.ondermijning'))
      .send({ actions: [{ title: 'Terugkoppeling aan het RVC' }] })
      .expect(201);
    expect(more.body.actions).toHaveLength(3);
    await t
      .http()
      .post(`/api/decisions/${decision.body.id}/actions`)
      .set(as('riec'))
      .send({ actions: [{ title: 'Gast maakt actie' }] })
      .expect(403);
    await t
      .http()
      .post(`/api/decisions/${decision.body.id}/actions`)
      .set(as('aanjager.ondermijning'))
      .send({ actions: [] })
      .expect(400);

    // Decisions are listed per session, can be corrected, and one that created actions stays.
    const second = (
      await t
        .http()
        .post(`/api/sessions/${session.id}/decisions`)
        .set(as('ovj.ondermijning'))
        .send({ text: 'Volgende sessie in maart.' })
        .expect(201)
    ).body;
    const patched = await t
      .http()
      .patch(`/api/decisions/${second.id}`)
      .set(as('ovj.ondermijning'))
      .send({ text: 'Volgende sessie in april.' })
      .expect(200);
    expect(patched.body.text).toBe('Volgende sessie in april.');
    const decisions = await t.http().get(`/api/sessions/${session.id}/decisions`).set(as('riec')).expect(200);
    expect(decisions.body.map((d: { id: string }) => d.id).sort()).toEqual([decision.body.id, second.id].sort());
    await t.http().delete(`/api/decisions/${decision.body.id}`).set(as('aanjager.ondermijning')).expect(409);
    await t.http().delete(`/api/decisions/${second.id}`).set(as('riec')).expect(403);
    await t.http().delete(`/api/decisions/${second.id}`).set(as('aanjager.ondermijning')).expect(204);
    await t.http().get(`/api/decisions/${second.id}`).set(as('aanjager.ondermijning')).expect(404);
    // A session with decisions is their record and is not deleted.
    await t.http().delete(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(409);

    const otherSession = await plan({ title: 'Andere sessie' });
    const otherItem = (await addItem('aanjager.ondermijning', otherSession.id, { title: 'Punt van een andere sessie' }))
      .body;
    const wrongItem = await t
      .http()
      .post(`/api/sessions/${session.id}/decisions`)
      .set(as('aanjager.ondermijning'))
      .send({ text: 'Besluit bij verkeerd punt', agendaItemId: otherItem.id })
      .expect(400);
    expect(fields(wrongItem)).toEqual(['agendaItemId']);
  });

  it('offers the invitation as iCalendar: CRLF, folded at 75 octets, escaped text, times in UTC', async () => {
    const startsAt = '2026-03-12T09:30:00+01:00';
    const session = await plan({
      title: 'Kennissessie ondermijning; vastgoed, horeca en branches in Midden-Nederland (één dag)',
      type: 'kennissessie',
      startsAt,
      endsAt: '2026-03-12T12:00:00+01:00',
      location: 'Stadhuis Nieuwegein, zaal 2',
      onlineUrl: 'https://meet.example.nl/kennissessie?id=42',
      description: 'Regel één\nRegel twee met een \\ backslash',
    });
    await addItem('aanjager.ondermijning', session.id, {
      title: 'Branches en locaties: wat werkt?',
      presenterName: 'Adviseur RIEC',
      minutesAllotted: 40,
    }).expect(201);
    const response = await t
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
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const raw = response.body as string;
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = raw.slice(0, -2).split('\r\n');
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true); // something was folded
    const lines = raw
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toEqual(
      expect.arrayContaining(['VERSION:2.0', 'BEGIN:VEVENT', 'END:VEVENT', `UID:${session.id}@koers`]),
    );
    const value = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
    expect(value('DTSTART')).toBe('20260312T083000Z');
    expect(value('DTEND')).toBe('20260312T110000Z');
    expect(value('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(value('SUMMARY')).toBe(
      'Kennissessie ondermijning\\; vastgoed\\, horeca en branches in Midden-Nederland (één dag)',
    );
    expect(value('LOCATION')).toBe('Stadhuis Nieuwegein\\, zaal 2');
    expect(value('URL')).toBe('https://meet.example.nl/kennissessie?id=42');
    const description = value('DESCRIPTION')!;
    expect(description).toContain('Regel één\\nRegel twee met een \\\\ backslash');
    expect(description).toContain('1. Branches en locaties: wat werkt? (Adviseur RIEC\\, 40 min)');
    expect(description).not.toMatch(/[^\\][,;]/);
  });

  it('exports agenda, attendance and decisions as Markdown and as printable, escaped HTML', async () => {
    const session = await plan({ title: 'Werksessie <export> & print', inviteeIds: [userId('ovj.ondermijning')] });
    await addItem('aanjager.ondermijning', session.id, {
      title: 'Punt met <script>alert(1)</script>',
      minutesAllotted: 15,
      outcome: 'actie',
    }).expect(201);
    await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('aanjager.ondermijning'))
      .send({ attendees: [{ userId: userId('ovj.ondermijning'), status: 'aanwezig' }] })
      .expect(200);
    await t
      .http()
      .post(`/api/sessions/${session.id}/decisions`)
      .set(as('aanjager.ondermijning'))
      .send({ text: 'Besluit: *integraal* aanpakken', actions: [{ title: 'Plan van aanpak schrijven' }] })
      .expect(201);

    const md = await t.http().get(`/api/sessions/${session.id}/export?format=md`).set(as('riec')).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('## Agenda');
    expect(md.text).toContain('Punt met \\<script\\>alert(1)\\</script\\>');
    expect(md.text).toContain('uitkomst: Actie');
    expect(md.text).toContain('## Aanwezigheid');
    expect(md.text).toContain(`| ${ovjName()} | Openbaar Ministerie Midden-Nederland | Aanwezig |`);
    expect(md.text).toContain('## Besluiten');
    expect(md.text).toContain('Besluit: \\*integraal\\* aanpakken');
    expect(md.text).toContain('Actie: Plan van aanpak schrijven');

    const html = await t.http().get(`/api/sessions/${session.id}/export?format=html`).set(as('riec')).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<title>Werksessie &lt;export&gt; &amp; print</title>');
    expect(html.text).toContain('@media print');
    expect(html.text).not.toContain('<script>');
    expect(html.text).toContain('Punt met &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.text).toContain('<td>Aanwezig</td>');
    expect(html.text).toContain('Besluit: *integraal* aanpakken');
    await t.http().get(`/api/sessions/${session.id}/export?format=pdf`).set(as('riec')).expect(400);
  });

  it('refuses invalid input with 400 and the fields concerned', async () => {
    const base = { type: 'werksessie', title: 'Geldige titel', startsAt: at(10, 9), endsAt: at(10, 11) };
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...base, endsAt: at(10, 8) }, ['endsAt']],
      [{ ...base, endsAt: base.startsAt }, ['endsAt']],
      [{ ...base, onlineUrl: 'http://meet.example.nl/sessie' }, ['onlineUrl']],
      [{ ...base, onlineUrl: 'javascript:alert(1)' }, ['onlineUrl']],
      [{ ...base, startsAt: '2026-03-12 09:30' }, ['startsAt']],
      [{ ...base, startsAt: '2026-03-12T09:30:00' }, ['startsAt']],
      [{ ...base, type: 'borrel' }, ['type']],
      [{ ...base, title: 'x' }, ['title']],
      [{ ...base, state: 'geagendeerd' }, ['location']],
      [{ ...base, inviteeIds: [userId('aanjager.cyber', cyber)] }, ['inviteeIds']],
      [{ ...base, workgroupId: onrust.id }, ['workgroupId']],
    ];
    for (const [body, expected] of cases) {
      const response = await createSession('aanjager.ondermijning', body).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(fields(response)).toEqual(expected);
    }
    const session = await plan();
    const patch = await t
      .http()
      .patch(`/api/sessions/${session.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ endsAt: at(19, 8) })
      .expect(400);
    expect(fields(patch)).toEqual(['endsAt']);
    for (const [body, expected] of [
      [{ title: 'Te lang', minutesAllotted: 481 }, ['minutesAllotted']],
      [{ title: 'Te kort', minutesAllotted: 0 }, ['minutesAllotted']],
      [{ title: 'Gebroken', minutesAllotted: 1.5 }, ['minutesAllotted']],
      [{ title: 'Presentator van buiten', presenterId: userId('aanjager.cyber', cyber) }, ['presenterId']],
      [
        { title: 'Twee presentatoren', presenterId: userId('ovj.ondermijning'), presenterName: 'Iemand' },
        ['presenterName'],
      ],
      [{ title: 'Uitkomst', outcome: 'misschien' }, ['outcome']],
    ] as Array<[Record<string, unknown>, string[]]>) {
      expect(fields(await addItem('aanjager.ondermijning', session.id, body).expect(400))).toEqual(expected);
    }
    const ok = await t
      .http()
      .patch(`/api/sessions/${session.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ state: 'geagendeerd', title: 'Werksessie jonge aanwas (definitief)' })
      .expect(200);
    expect(ok.body).toMatchObject({ state: 'geagendeerd', title: 'Werksessie jonge aanwas (definitief)', sequence: 1 });
    await t
      .http()
      .post(`/api/sessions/${session.id}/decisions`)
      .set(as('aanjager.ondermijning'))
      .send({ text: 'x' })
      .expect(400);
  });

  it('applies the permission matrix to every session route', async () => {
    const session = await plan({ title: 'Vertrouwelijke sessie ondermijning', inviteeIds: [userId('riec')] });
    const item = (await addItem('aanjager.ondermijning', session.id, { title: 'Vertrouwelijk agendapunt' }).expect(201))
      .body;
    const decision = (
      await t
        .http()
        .post(`/api/sessions/${session.id}/decisions`)
        .set(as('aanjager.ondermijning'))
        .send({ text: 'Vertrouwelijk besluit' })
        .expect(201)
    ).body;
    const reads = [
      `/api/workgroups/${ondermijning.id}/sessions`,
      `/api/sessions/${session.id}`,
      `/api/sessions/${session.id}/decisions`,
      `/api/decisions/${decision.id}`,
      `/api/sessions/${session.id}/invite.ics`,
      `/api/sessions/${session.id}/export?format=md`,
    ];
    const writes: Array<[method: 'post' | 'patch' | 'put' | 'delete', url: string, body: Record<string, unknown>]> = [
      [
        'post',
        `/api/workgroups/${ondermijning.id}/sessions`,
        { type: 'werksessie', title: 'Overgenomen sessie', startsAt: at(3, 9), endsAt: at(3, 10) },
      ],
      ['patch', `/api/sessions/${session.id}`, { title: 'Overgenomen' }],
      ['post', `/api/sessions/${session.id}/agenda`, { title: 'Overgenomen punt', placement: 'agenda' }],
      ['patch', `/api/agenda-items/${item.id}`, { title: 'Overgenomen' }],
      ['put', `/api/sessions/${session.id}/agenda/order`, { itemIds: [item.id] }],
      [
        'patch',
        `/api/sessions/${session.id}/attendance`,
        { attendees: [{ userId: userId('riec'), status: 'aanwezig' }] },
      ],
      ['post', `/api/sessions/${session.id}/minutes`, {}],
      ['post', `/api/sessions/${session.id}/decisions`, { text: 'Overgenomen besluit' }],
      ['patch', `/api/decisions/${decision.id}`, { text: 'Overgenomen' }],
      ['post', `/api/decisions/${decision.id}/actions`, { actions: [{ title: 'Overgenomen actie' }] }],
      ['delete', `/api/decisions/${decision.id}`, {}],
      ['delete', `/api/agenda-items/${item.id}`, {}],
      ['delete', `/api/sessions/${session.id}`, {}],
    ];
    // Readers: every member role and the secretariat; RVC members see the werkgroep but not its sessions.
    for (const [who, status] of [
      ['secretariaat', 200],
      ['aanjager.ondermijning', 200],
      ['ovj.ondermijning', 200],
      ['riec', 200],
      ['rvc', 403],
      ['waarnemer.onrust', 404],
      ['aanjager.cyber', 404],
      ['anonymous', 401],
    ] as const) {
      for (const url of reads) {
        const response = await t.http().get(url).set(as(who));
        expect([who, url, response.status]).toEqual([who, url, status]);
        if (status !== 200) expect(response.text).not.toContain('Vertrouwelijk');
      }
    }
    // Writers are refused without changing anything.
    for (const [who, status] of [
      ['riec', 403],
      ['rvc', 403],
      ['waarnemer.onrust', 404],
      ['aanjager.cyber', 404],
      ['anonymous', 401],
    ] as const) {
      for (const [method, url, body] of writes) {
        const response = await t.http()[method](url).set(as(who)).send(body);
        expect([who, method, url, response.status]).toEqual([who, method, url, status]);
      }
    }
    const unchanged = (await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(200))
      .body;
    expect(unchanged).toMatchObject({ title: 'Vertrouwelijke sessie ondermijning', minutesDocumentId: null });
    expect(unchanged.agenda.map((i: { title: string }) => i.title)).toEqual(['Vertrouwelijk agendapunt']);
    expect(unchanged.decisions.map((d: { text: string; actions: unknown[] }) => [d.text, d.actions.length])).toEqual([
      ['Vertrouwelijk besluit', 0],
    ]);

    // Secretariat, aanjager and lid manage sessions.
    await t
      .http()
      .patch(`/api/sessions/${session.id}`)
      .set(as('secretariaat'))
      .send({ description: 'Door het secretariaat' })
      .expect(200);
    await t
      .http()
      .patch(`/api/sessions/${session.id}`)
      .set(as('ovj.ondermijning'))
      .send({ description: 'Door de officier' })
      .expect(200);
    await createSession('secretariaat', {
      type: 'kennissessie',
      title: 'Sessie van het secretariaat',
      startsAt: at(9, 9),
      endsAt: at(9, 10),
    }).expect(201);
    await createSession('ovj.ondermijning', {
      type: 'werksessie',
      title: 'Sessie van de officier',
      startsAt: at(9, 9),
      endsAt: at(9, 10),
    }).expect(201);

    // The observer reads its own werkgroep's sessions and changes nothing there.
    const onrustSession = await plan(
      { title: 'Werksessie duiding onrust', location: 'Lelystad' },
      'aanjager.onrust',
      onrust.id,
    );
    await t.http().get(`/api/workgroups/${onrust.id}/sessions`).set(as('waarnemer.onrust')).expect(200);
    await t.http().get(`/api/sessions/${onrustSession.id}`).set(as('waarnemer.onrust')).expect(200);
    await t.http().get(`/api/sessions/${onrustSession.id}/invite.ics`).set(as('waarnemer.onrust')).expect(200);
    await addItem('waarnemer.onrust', onrustSession.id, { title: 'Voorstel van de waarnemer' }).expect(403);
    await t
      .http()
      .patch(`/api/sessions/${onrustSession.id}`)
      .set(as('waarnemer.onrust'))
      .send({ title: 'Overgenomen' })
      .expect(403);
    await t
      .http()
      .post(`/api/sessions/${onrustSession.id}/decisions`)
      .set(as('waarnemer.onrust'))
      .send({ text: 'Besluit van de waarnemer' })
      .expect(403);
    await createSession(
      'waarnemer.onrust',
      { type: 'werksessie', title: 'Sessie van de waarnemer', startsAt: at(3, 9), endsAt: at(3, 10) },
      onrust.id,
    ).expect(403);

    // Ids that do not exist or are malformed are not found.
    await t
      .http()
      .get('/api/sessions/00000000-0000-4000-8000-000000000000')
      .set(as('aanjager.ondermijning'))
      .expect(404);
    await t.http().get('/api/sessions/not-a-uuid').set(as('aanjager.ondermijning')).expect(404);
    await t
      .http()
      .get('/api/decisions/00000000-0000-4000-8000-000000000000')
      .set(as('aanjager.ondermijning'))
      .expect(404);
    await t
      .http()
      .patch('/api/agenda-items/00000000-0000-4000-8000-000000000000')
      .set(as('aanjager.ondermijning'))
      .send({ title: 'Bestaat niet' })
      .expect(404);
  });

  it('deletes a session without decisions and audits every change in the same transaction', async () => {
    const session = await plan({ title: 'Dubbel ingeplande sessie' });
    const item = (await addItem('aanjager.ondermijning', session.id, { title: 'Enig agendapunt' }).expect(201)).body;
    await t
      .http()
      .put(`/api/sessions/${session.id}/agenda/order`)
      .set(as('aanjager.ondermijning'))
      .send({ itemIds: [item.id] })
      .expect(200);
    await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('aanjager.ondermijning'))
      .send({ attendees: [{ userId: userId('ovj.ondermijning') }] })
      .expect(200);
    await t
      .http()
      .patch(`/api/sessions/${session.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ location: 'Provinciehuis Utrecht' })
      .expect(200);
    await t.http().post(`/api/sessions/${session.id}/minutes`).set(as('aanjager.ondermijning')).expect(201);
    await t.http().delete(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(204);
    await t.http().get(`/api/sessions/${session.id}`).set(as('aanjager.ondermijning')).expect(404);
    const list = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/sessions`)
      .set(as('aanjager.ondermijning'))
      .expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain(session.id);

    const audit = await t
      .http()
      .get(`/api/audit?entityType=session&entityId=${session.id}`)
      .set(as('secretariaat'))
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(
      [
        'session.agenda.create',
        'session.agenda.reorder',
        'session.attendance.update',
        'session.create',
        'session.delete',
        'session.minutes.create',
        'session.update',
      ].sort(),
    );
    const withDecision = await plan({ title: 'Sessie met besluit' });
    const decision = (
      await t
        .http()
        .post(`/api/sessions/${withDecision.id}/decisions`)
        .set(as('aanjager.ondermijning'))
        .send({ text: 'Besluit met actie', actions: [{ title: 'Actie uit besluit' }] })
        .expect(201)
    ).body;
    const decisionAudit = await t
      .http()
      .get(`/api/audit?entityType=decision&entityId=${decision.id}`)
      .set(as('secretariaat'))
      .expect(200);
    expect(decisionAudit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'decision.actions.create',
      'decision.create',
    ]);
    const actionAudit = await t
      .http()
      .get(`/api/audit?entityType=action&entityId=${decision.actions[0].id}`)
      .set(as('secretariaat'))
      .expect(200);
    expect(actionAudit.body.items.map((e: { action: string }) => e.action)).toEqual(['action.create']);
    const denied = await t.http().get('/api/audit?outcome=denied&action=session.').set(as('secretariaat')).expect(200);
    expect(denied.body.total).toBeGreaterThan(0);
  });
});
