import type { BodyDetail, BodySummary, MeetingDetail, MeetingSummary } from '@koers/contracts';
import { Api, DEMO, errorBody, expectStatus, unique } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Governance bodies and their calendar (docs/strategy-cycle.md): bodies with kind, members (people and
 * organisations) and rhythm; meetings (sessions of a body) with agenda, documents, decisions and attendance;
 * members see their bodies' meetings, nobody else does; RVC members get nothing extra.
 */
describe('governance bodies and their calendar', () => {
  let t: TestApp;
  let api: Api;
  let bodyId: string;
  let meetingId: string;
  let omId: string;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    omId = await api.organisationId('Openbaar Ministerie Midden-Nederland');
  });
  afterAll(() => t.close());

  it('the demo region has the bodies of the factsheet with a year of meetings', async () => {
    const bodies = expectStatus(await api.get(DEMO.secretariaat, '/api/bodies'), 200).body as BodySummary[];
    const kinds = bodies.map((b) => b.kind);
    expect(kinds.filter((k) => k === 'dvc')).toHaveLength(5);
    expect(kinds).toEqual(expect.arrayContaining(['rvc', 'regionale_driehoek', 'adviescollege']));
    const rvc = bodies.find((b) => b.kind === 'rvc')!;
    expect(rvc).toMatchObject({ meetingsPerYearMin: 2, meetingsPerYearMax: 2 });
    const meetings = expectStatus(await api.get(DEMO.secretariaat, `/api/bodies/${rvc.id}/meetings`), 200)
      .body as MeetingSummary[];
    expect(meetings.length).toBeGreaterThanOrEqual(2);
  });

  it('the secretariat creates a body with members and a rhythm; bad input is a Dutch 400', async () => {
    const bad: Array<[object, string]> = [
      [{ kind: 'gemeenteraad', name: 'X orgaan' }, 'kind'],
      [{ kind: 'dvc', name: unique('DVC zonder district') }, 'districtId'],
      [
        { kind: 'stuurgroep', name: unique('Stuurgroep'), meetingsPerYearMin: 6, meetingsPerYearMax: 4 },
        'meetingsPerYearMax',
      ],
      [{ kind: 'stuurgroep', name: 'X' }, 'name'],
    ];
    for (const [body, field] of bad) {
      const response = expectStatus(await api.post(DEMO.secretariaat, '/api/bodies', body), 400);
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      expect(response.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(
      (await api.post(DEMO.aanjagerOnrust, '/api/bodies', { kind: 'overig', name: unique('Orgaan') })).status,
    ).toBe(403);
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/bodies', {
        kind: 'stuurgroep',
        name: unique('Stuurgroep ondermijning'),
        meetingsPerYearMin: 4,
        meetingsPerYearMax: 6,
      }),
      201,
    ).body as BodyDetail;
    bodyId = created.id;
    const withMembers = expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${bodyId}/members`, {
        members: [{ userId: await api.userId(DEMO.aanjagerOnrust), role: 'voorzitter' }, { organisationId: omId }],
      }),
      200,
    ).body as BodyDetail;
    expect(withMembers.members.map((m) => m.name)).toEqual(
      expect.arrayContaining(['Openbaar Ministerie Midden-Nederland']),
    );
    expect(withMembers.memberCount).toBe(2);
    const both = await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${bodyId}/members`, {
      members: [{ userId: await api.userId(DEMO.rvc), organisationId: omId }],
    });
    expect(both.status).toBe(400);
  });

  it('a meeting with date, agenda, documents, decisions and attendance is a session of the body', async () => {
    const aanjager = await api.userId(DEMO.aanjagerOnrust);
    const ovj = await api.userId(DEMO.ovjOnrust);
    const created = expectStatus(
      await api.post(DEMO.secretariaat, `/api/bodies/${bodyId}/meetings`, {
        title: 'Stuurgroep, eerste vergadering',
        startsAt: '2027-02-10T13:00:00+01:00',
        endsAt: '2027-02-10T15:00:00+01:00',
        location: 'Provinciehuis Utrecht',
        agenda: [{ title: 'Opening en mededelingen' }, { title: 'Jaarplan 2027' }],
        documents: [{ title: 'Concept jaarplan 2027', reference: 'STG-2027-01' }],
        decisions: ['Het jaarplan 2027 wordt vastgesteld.'],
        attendance: [
          { userId: aanjager, status: 'aanwezig' },
          { userId: ovj, status: 'afgemeld' },
        ],
      }),
      201,
    ).body as MeetingDetail;
    meetingId = created.id;
    expect(created.agenda.map((a) => a.title)).toEqual(['Opening en mededelingen', 'Jaarplan 2027']);
    expect(created.documents).toEqual([
      expect.objectContaining({ title: 'Concept jaarplan 2027', reference: 'STG-2027-01' }),
    ]);
    expect(created.decisions.map((d) => d.text)).toEqual(['Het jaarplan 2027 wordt vastgesteld.']);
    expect(created.attendees.map((a) => a.status).sort()).toEqual(['afgemeld', 'aanwezig'].sort());
    // Only members (people, or users of member organisations) can be on the attendance list.
    const outsider = await api.patch(DEMO.secretariaat, `/api/meetings/${meetingId}`, {
      attendance: [{ userId: await api.userId(DEMO.riec), status: 'aanwezig' }],
    });
    expect(outsider.status).toBe(400);
    const wrongTime = await api.patch(DEMO.secretariaat, `/api/meetings/${meetingId}`, {
      endsAt: '2027-02-10T12:00:00+01:00',
    });
    expect(wrongTime.status).toBe(400);
    expect(wrongTime.body.error.fields[0]).toMatchObject({ field: 'endsAt' });
    const updated = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/meetings/${meetingId}`, { state: 'afgerond', version: created.version }),
      200,
    ).body as MeetingDetail;
    expect(updated.state).toBe('afgerond');
    expect(
      (await api.patch(DEMO.secretariaat, `/api/meetings/${meetingId}`, { title: 'Oud', version: created.version }))
        .status,
    ).toBe(409);
    // The werkgroep routes for sessions do not know a body's meeting.
    expect((await api.get(DEMO.secretariaat, `/api/sessions/${meetingId}`)).status).toBe(404);
  });

  it('members see the body and its meetings, also through their organisation; nobody else does; RVC members get nothing extra', async () => {
    for (const member of [DEMO.aanjagerOnrust, DEMO.ovjOnrust, DEMO.ovjCyber]) {
      expectStatus(await api.get(member, `/api/bodies/${bodyId}`), 200);
      expectStatus(await api.get(member, `/api/meetings/${meetingId}`), 200);
      const calendar = expectStatus(await api.get(member, '/api/meetings?from=2027-01-01&to=2027-12-31'), 200)
        .body as MeetingSummary[];
      expect(calendar.map((m) => m.id)).toContain(meetingId);
      expect((await api.patch(member, `/api/meetings/${meetingId}`, { title: 'Gewijzigd' })).status).toBe(403);
    }
    for (const outsider of [DEMO.rvc, DEMO.riec, DEMO.aanjagerCyber]) {
      const bodies = expectStatus(await api.get(outsider, '/api/bodies'), 200).body as BodySummary[];
      expect(bodies.map((b) => b.id)).not.toContain(bodyId);
      expect((await api.get(outsider, `/api/bodies/${bodyId}`)).status).toBe(404);
      expect((await api.get(outsider, `/api/bodies/${bodyId}/meetings`)).status).toBe(404);
      expect((await api.get(outsider, `/api/meetings/${meetingId}`)).status).toBe(404);
      expect((await api.patch(outsider, `/api/meetings/${meetingId}`, { title: 'x' })).status).toBe(404);
      const calendar = expectStatus(await api.get(outsider, '/api/meetings?from=2027-01-01&to=2027-12-31'), 200)
        .body as MeetingSummary[];
      expect(calendar.map((m) => m.id)).not.toContain(meetingId);
    }
    expect((await api.get(DEMO.secretariaat, '/api/meetings?from=2027-13-01')).status).toBe(400);
    expect((await api.get(DEMO.secretariaat, '/api/meetings?from=2027-05-01&to=2027-01-01')).status).toBe(400);
  });

  it('the secretariat removes a meeting', async () => {
    expect((await api.delete(DEMO.aanjagerOnrust, `/api/meetings/${meetingId}`)).status).toBe(403);
    expect((await api.delete(DEMO.secretariaat, `/api/meetings/${meetingId}`)).status).toBe(204);
    expect((await api.get(DEMO.aanjagerOnrust, `/api/meetings/${meetingId}`)).status).toBe(404);
  });
});
