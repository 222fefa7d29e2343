import { DataSource } from 'typeorm';
import type { BodyDetail, MeetingDetail, PeriodWorkgroup } from '@koers/contracts';
import { Api, DEMO, errorBody, expectStatus, unique } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 17 (docs/strategy-cycle.md): undoing a discharge at the turn of the period until the new period is
 * adopted; guests at a body's meeting (not members: a Koers user or a person named), kept apart from the
 * members and kept as recorded; versions of bodies and meetings, a change to a meeting's lists included.
 */
describe('strategy cycle: undoing a discharge, guests at meetings, versions of bodies and meetings', () => {
  let t: TestApp;
  let api: Api;
  let db: DataSource;

  const audit = (action: string, entityId: string) =>
    db.query(`SELECT outcome, summary FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`, [
      action,
      entityId,
    ]) as Promise<Array<{ outcome: string; summary: Record<string, unknown> }>>;
  const strategy = async (from: number) =>
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique(`RVS ${from}-${from + 3}`),
        periodStart: `${from}-01-01`,
        periodEnd: `${from + 3}-12-31`,
      }),
      201,
    ).body.id as string;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    db = t.app.get(DataSource);
  }, 120_000);
  afterAll(() => t.close());

  describe('undoing a discharge', () => {
    // Periods of their own, far from the demo's and other specs' strategies.
    let oldStrategy: string;
    let workgroupId: string;
    const groups = async () =>
      expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${oldStrategy}/workgroups`), 200)
        .body as PeriodWorkgroup[];

    beforeAll(async () => {
      oldStrategy = await strategy(2061);
      const themeId = expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${oldStrategy}/themes`, { title: unique('Thema') }),
        201,
      ).body.id as string;
      workgroupId = expectStatus(
        await api.post(DEMO.secretariaat, '/api/workgroups', { themeId, name: unique('Werkgroep decharge') }),
        201,
      ).body.id as string;
    });

    it('the secretariat undoes it until the new period is adopted; audited; then it is a 409 that says why', async () => {
      const discharge = () =>
        api.post(DEMO.secretariaat, `/api/workgroups/${workgroupId}/transition`, {
          action: 'discharge',
          note: 'Opdracht afgerond.',
        });
      expectStatus(await discharge(), 200);
      expect((await groups())[0]).toMatchObject({
        archiveNote: 'Opdracht afgerond.',
        newPeriodAdopted: false,
        canUndoDischarge: true,
      });

      // Not the RVC (403, audited as a refusal); the secretariat may.
      expect((await api.delete(DEMO.rvc, `/api/workgroups/${workgroupId}/discharge`)).status).toBe(403);
      const undone = expectStatus(await api.delete(DEMO.secretariaat, `/api/workgroups/${workgroupId}/discharge`), 200)
        .body as PeriodWorkgroup;
      expect(undone).toMatchObject({ archivedAt: null, archiveNote: '', canUndoDischarge: false });
      const [undo] = (await audit('workgroup.discharge.undo', workgroupId)).filter((a) => a.outcome === 'success');
      expect(undo.summary).toMatchObject({ note: 'Opdracht afgerond.', dischargedAt: expect.any(String) });
      // Active again: the werkgroep can be changed (a discharged one is read-only for everyone).
      expectStatus(
        await api.patch(DEMO.secretariaat, `/api/workgroups/${workgroupId}`, { description: 'Weer actief.' }),
        200,
      );
      // Nothing to undo now.
      const nothing = expectStatus(
        await api.delete(DEMO.secretariaat, `/api/workgroups/${workgroupId}/discharge`),
        409,
      );
      expect(nothing.body.error.message).toBe('Deze werkgroep heeft geen decharge; er is niets terug te draaien.');

      // Discharged again, and the next period is adopted: the discharge stands.
      expectStatus(await discharge(), 200);
      const next = await strategy(2065);
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${next}/adoption`, {
          adoptedOn: '2026-11-01',
          decisionReference: 'RVC 1 november 2026',
        }),
        200,
      );
      expect((await groups())[0]).toMatchObject({ newPeriodAdopted: true, canUndoDischarge: false });
      const late = expectStatus(await api.delete(DEMO.secretariaat, `/api/workgroups/${workgroupId}/discharge`), 409);
      expect(late.body).toEqual(errorBody('CONFLICT'));
      expect(late.body.error.message).toMatch(/^De decharge kan niet meer worden teruggedraaid: de nieuwe periode/);
      const refusals = (await audit('workgroup.discharge.undo', workgroupId)).filter((a) => a.outcome === 'denied');
      expect(refusals.map((r) => r.summary.reason ?? r.summary.permission)).toEqual(
        expect.arrayContaining(['not_discharged', 'period_adopted']),
      );
      expect((await groups())[0].archivedAt).toEqual(expect.any(String));
    });

    it('an unknown werkgroep, or an id that is none, is a 404 (never a database error)', async () => {
      expect(
        (await api.delete(DEMO.secretariaat, '/api/workgroups/00000000-0000-4000-8000-000000000000/discharge')).status,
      ).toBe(404);
      const bad = await api.delete(DEMO.secretariaat, '/api/workgroups/geen-id/discharge');
      expect(bad.status).toBe(404);
      expect(bad.body).toEqual(errorBody('NOT_FOUND'));
    });
  });

  describe('guests at a body meeting, and versions', () => {
    let body: BodyDetail;
    let member: string;
    let riec: string;

    beforeAll(async () => {
      member = await api.userId(DEMO.aanjagerOnrust);
      riec = await api.userId(DEMO.riec);
      const created = expectStatus(
        await api.post(DEMO.secretariaat, '/api/bodies', { kind: 'overig', name: unique('Overleg met gasten') }),
        201,
      ).body as BodyDetail;
      body = expectStatus(
        await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${created.id}/members`, {
          members: [{ userId: member, role: 'voorzitter' }],
        }),
        200,
      ).body as BodyDetail;
    });

    const newMeeting = (extra: object) =>
      api.post(DEMO.secretariaat, `/api/bodies/${body.id}/meetings`, {
        title: unique('Overleg'),
        startsAt: '2027-02-01T10:00:00+01:00',
        endsAt: '2027-02-01T12:00:00+01:00',
        ...extra,
      });

    it('records guests apart from the members: a Koers user who is not a member, or a person by name', async () => {
      const meeting = expectStatus(
        await newMeeting({
          attendance: [{ userId: member, status: 'aanwezig' }],
          guests: [
            { name: '  Jan Jansen ', organisation: 'Provincie Utrecht', role: 'gedeputeerde' },
            { userId: riec, status: 'afgemeld' },
          ],
        }),
        201,
      ).body as MeetingDetail;
      expect(meeting.attendees.map((a) => a.userId)).toEqual([member]);
      expect(meeting.guests).toEqual([
        expect.objectContaining({
          userId: null,
          name: 'Jan Jansen',
          organisation: 'Provincie Utrecht',
          role: 'gedeputeerde',
          status: 'aanwezig',
        }),
        expect.objectContaining({ userId: riec, organisation: 'RIEC Midden-Nederland', status: 'afgemeld' }),
      ]);
      // The guest sees nothing of the body: being a guest is no membership.
      expect((await api.get(DEMO.riec, `/api/meetings/${meeting.id}`)).status).toBe(404);
    });

    it('refuses a member as guest, a guest without a name, and a guest twice, in Dutch; nothing is stored', async () => {
      const asMember = expectStatus(await newMeeting({ guests: [{ userId: member }] }), 400);
      expect(asMember.body.error.fields).toEqual([
        {
          field: 'guests.0.userId',
          messages: ['Deze persoon is lid van het orgaan: zet hem of haar bij de leden op de presentielijst.'],
        },
      ]);
      const nameless = expectStatus(await newMeeting({ guests: [{ organisation: 'Provincie' }] }), 400);
      expect(nameless.body.error.fields[0]).toEqual({
        field: 'guests.0.name',
        messages: ['Geef de naam van de gast (2 tot 200 tekens).'],
      });
      const twice = expectStatus(await newMeeting({ guests: [{ userId: riec }, { userId: riec }] }), 400);
      expect(twice.body.error.fields[0].messages).toEqual(['Deze gast staat er twee keer in.']);
      const unknown = expectStatus(
        await newMeeting({ guests: [{ userId: '00000000-0000-4000-8000-000000000000' }] }),
        400,
      );
      expect(unknown.body.error.fields[0].messages).toEqual(['Deze gebruiker bestaat niet.']);
      const bad = expectStatus(await newMeeting({ guests: [{ name: 'Piet', status: 'misschien' }] }), 400);
      expect(bad.body.error.fields[0].messages).toEqual(['Kies uitgenodigd, aanwezig, afwezig of afgemeld.']);
    });

    it('keeps the history: a former member stays on a past list, a guest stays as recorded', async () => {
      const meeting = expectStatus(
        await newMeeting({
          attendance: [{ userId: member, status: 'aanwezig' }],
          guests: [{ userId: riec }],
        }),
        201,
      ).body as MeetingDetail;
      // The member leaves the body; the RIEC user is renamed afterwards.
      expectStatus(await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${body.id}/members`, { members: [] }), 200);
      await db.query(`UPDATE users SET display_name = display_name || ' (nieuw)' WHERE id = $1`, [riec]);
      try {
        const saved = expectStatus(
          await api.patch(DEMO.secretariaat, `/api/meetings/${meeting.id}`, {
            title: 'Overleg, verslag vastgesteld',
            attendance: [{ userId: member, status: 'aanwezig' }],
            guests: [{ userId: riec }],
          }),
          200,
        ).body as MeetingDetail;
        expect(saved.attendees.map((a) => a.userId)).toEqual([member]);
        expect(saved.guests[0].name).toBe(meeting.guests[0].name);
        // Someone who was never on this list cannot be added now that they are no member.
        const other = await api.userId(DEMO.ovjOnrust);
        const refused = expectStatus(
          await api.patch(DEMO.secretariaat, `/api/meetings/${meeting.id}`, {
            attendance: [{ userId: other, status: 'aanwezig' }],
          }),
          400,
        );
        expect(refused.body.error.fields[0].messages).toEqual([
          'Alleen leden van het orgaan staan op de presentielijst.',
        ]);
      } finally {
        await db.query(`UPDATE users SET display_name = replace(display_name, ' (nieuw)', '') WHERE id = $1`, [riec]);
        expectStatus(
          await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${body.id}/members`, {
            members: [{ userId: member, role: 'voorzitter' }],
          }),
          200,
        );
      }
    });

    it('a change to a list raises the meeting version; a stale save is a 409 with the meeting as it is now', async () => {
      const meeting = expectStatus(await newMeeting({}), 201).body as MeetingDetail;
      const path = `/api/meetings/${meeting.id}`;
      // Sending the same lists again changes nothing, so the version stays.
      const same = expectStatus(
        await api.patch(DEMO.secretariaat, path, { agenda: [], guests: [], version: meeting.version }),
        200,
      ).body as MeetingDetail;
      expect(same.version).toBe(meeting.version);
      const withGuest = expectStatus(
        await api.patch(DEMO.secretariaat, path, { guests: [{ name: 'Gast van buiten' }], version: meeting.version }),
        200,
      ).body as MeetingDetail;
      expect(withGuest.version).toBe(meeting.version + 1);
      // A form that started before the guest was added is refused, and shown the guest.
      const stale = expectStatus(
        await api.patch(DEMO.secretariaat, path, { title: 'Oude titel', version: meeting.version }),
        409,
      );
      expect(stale.body).toEqual(errorBody('STALE_VERSION'));
      expect(stale.body.error.current).toMatchObject({
        version: meeting.version + 1,
        guests: [expect.objectContaining({ name: 'Gast van buiten' })],
      });
      const stored = expectStatus(await api.get(DEMO.secretariaat, path), 200).body as MeetingDetail;
      expect(stored.title).toBe(meeting.title);
    });

    it('a stale body save is a 409 with the body as it is now', async () => {
      const current = expectStatus(await api.get(DEMO.secretariaat, `/api/bodies/${body.id}`), 200).body as BodyDetail;
      expectStatus(
        await api.patch(DEMO.secretariaat, `/api/bodies/${body.id}`, {
          description: 'Eerste wijziging',
          version: current.version,
        }),
        200,
      );
      const stale = expectStatus(
        await api.patch(DEMO.secretariaat, `/api/bodies/${body.id}`, {
          name: unique('Andere naam'),
          version: current.version,
        }),
        409,
      );
      expect(stale.body.error.current).toMatchObject({
        version: current.version + 1,
        description: 'Eerste wijziging',
        members: [expect.objectContaining({ userId: member })],
      });
    });
  });
});
