import { DataSource } from 'typeorm';
import { addDays, todayInNetherlands } from '@koers/core';
import type { BodySummary, InventoryDetail, MeetingSummary, StrategyAdoption } from '@koers/contracts';
import { LINK_BODY_QUESTIONS } from '../libs/core/src/database/migrations/1765130000000-link-adoption-and-body-questions-to-bodies';
import { Api, DEMO, errorBody, expectStatus, unique } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 17, the governance part that the web edits (docs/strategy-cycle.md): deleting a body, the adoption
 * recorded with the body and meeting that adopted it, and the questions to bodies linked to governance bodies
 * (with the migration that links existing answers by name).
 */
describe('governance: deleting bodies, adoption by a body, questions to bodies', () => {
  let t: TestApp;
  let api: Api;
  let db: DataSource;
  let bodies: BodySummary[];

  const audited = async (action: string, entityId: string) =>
    Number(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2 AND outcome = 'success'`,
          [action, entityId],
        )
      )[0].n,
    );

  const concept = async () =>
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Concept RVS'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id as string;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    db = t.app.get(DataSource);
    bodies = expectStatus(await api.get(DEMO.secretariaat, '/api/bodies'), 200).body as BodySummary[];
  });
  afterAll(() => t.close());

  it('a body without meetings can be deleted (audited); one with meetings is a 409 until they are gone', async () => {
    const id = expectStatus(
      await api.post(DEMO.secretariaat, '/api/bodies', { kind: 'overig', name: unique('Tijdelijk overleg') }),
      201,
    ).body.id as string;
    const meeting = expectStatus(
      await api.post(DEMO.secretariaat, `/api/bodies/${id}/meetings`, {
        title: 'Eerste overleg',
        startsAt: '2027-05-01T10:00:00+02:00',
        endsAt: '2027-05-01T11:00:00+02:00',
      }),
      201,
    ).body.id as string;
    const refused = expectStatus(await api.delete(DEMO.secretariaat, `/api/bodies/${id}`), 409);
    expect(refused.body).toEqual(errorBody('CONFLICT'));
    expect(refused.body.error.message).toMatch(/vergaderingen/);
    expectStatus(await api.delete(DEMO.secretariaat, `/api/meetings/${meeting}`), 204);
    expectStatus(await api.delete(DEMO.secretariaat, `/api/bodies/${id}`), 204);
    expect((await api.get(DEMO.secretariaat, `/api/bodies/${id}`)).status).toBe(404);
    expect((await api.delete(DEMO.secretariaat, `/api/bodies/${id}`)).status).toBe(404);
    expect(await audited('body.delete', id)).toBe(1);
    expect((await api.delete(DEMO.secretariaat, '/api/bodies/niet-een-id')).status).toBe(404);
  });

  it('the adoption names the body and the meeting; a wrong body or meeting is a Dutch 400 that changes nothing', async () => {
    const rvc = bodies.find((b) => b.kind === 'rvc')!;
    const driehoek = bodies.find((b) => b.kind === 'regionale_driehoek')!;
    const [rvcMeeting] = expectStatus(await api.get(DEMO.secretariaat, `/api/bodies/${rvc.id}/meetings`), 200)
      .body as MeetingSummary[];
    const strategyId = await concept();
    const day = todayInNetherlands();
    const bad: Array<[object, string]> = [
      [{ bodyId: '00000000-0000-4000-8000-000000000000' }, 'bodyId'],
      [{ meetingId: rvcMeeting.id }, 'meetingId'],
      [{ bodyId: driehoek.id, meetingId: rvcMeeting.id }, 'meetingId'],
      [{ bodyId: 'rvc' }, 'bodyId'],
    ];
    for (const [extra, field] of bad) {
      const response = expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/adoption`, {
          adoptedOn: day,
          decisionReference: 'Besluit 4',
          ...extra,
        }),
        400,
      );
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      expect(response.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const before = expectStatus(await api.get(DEMO.rvc, `/api/strategies/${strategyId}/adoption`), 200)
      .body as StrategyAdoption;
    expect(before).toMatchObject({ status: 'concept', adoptedOn: null, adoptedByBodyId: null });

    const adopted = expectStatus(
      await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/adoption`, {
        adoptedOn: day,
        decisionReference: 'Besluitenlijst RVC, punt 4',
        bodyId: rvc.id,
        meetingId: rvcMeeting.id,
      }),
      200,
    ).body as StrategyAdoption;
    expect(adopted).toMatchObject({
      status: 'vastgesteld',
      adoptedOn: day,
      adoptedBy: rvc.name,
      adoptionReference: 'Besluitenlijst RVC, punt 4',
      adoptedByBodyId: rvc.id,
      adoptedAtMeetingId: rvcMeeting.id,
      adoptedAtMeetingTitle: rvcMeeting.title,
      adoptedAtMeetingStartsAt: new Date(rvcMeeting.startsAt).toISOString(),
    });
    // RVC members read it; the strategy says who adopted it.
    expect(expectStatus(await api.get(DEMO.rvc, `/api/strategies/${strategyId}/adoption`), 200).body).toEqual(adopted);
    expect(expectStatus(await api.get(DEMO.rvc, `/api/strategies/${strategyId}`), 200).body).toMatchObject({
      status: 'vastgesteld',
      adoptedBy: rvc.name,
    });
    expect(await audited('strategy.adopt', strategyId)).toBe(1);
    expect((await api.get(DEMO.aanjagerOnrust, `/api/strategies/${strategyId}/adoption`)).status).toBe(403);
    expect((await api.get(DEMO.secretariaat, `/api/strategies/${unique('x')}/adoption`)).status).toBe(404);

    // Without a body the region's board name is recorded, as before.
    const plain = await concept();
    const byBoard = expectStatus(
      await api.post(DEMO.secretariaat, `/api/strategies/${plain}/adoption`, {
        adoptedOn: day,
        decisionReference: 'Besluit 5',
      }),
      200,
    ).body as StrategyAdoption;
    expect(byBoard).toMatchObject({ adoptedByBodyId: null, adoptedAtMeetingId: null, adoptedBy: expect.any(String) });
  });

  it('the demo strategy names the RVC body that adopted it', async () => {
    const rvc = bodies.find((b) => b.kind === 'rvc')!;
    const strategies = expectStatus(await api.get(DEMO.secretariaat, '/api/strategies'), 200).body as Array<{
      id: string;
      status: string;
    }>;
    const adoptions = await Promise.all(
      strategies.map(
        async (s) =>
          expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${s.id}/adoption`), 200)
            .body as StrategyAdoption,
      ),
    );
    expect(adoptions.find((a) => a.adoptionReference.includes('12 april 2023'))).toMatchObject({
      adoptedByBodyId: rvc.id,
      adoptedOn: '2023-04-12',
    });
  });

  it('questions to bodies link each answer to a governance body: by id, or by its name; unknown text stays text', async () => {
    const dvc = bodies.find((b) => b.kind === 'dvc')!;
    const rvc = bodies.find((b) => b.kind === 'rvc')!;
    const inventory = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Inventarisatie'),
        deadline: addDays(todayInNetherlands(), 14),
        organisationIds: [await api.organisationId('Gemeente Lelystad')],
      }),
      201,
    ).body as InventoryDetail;
    const path = `/api/inventories/${inventory.id}/body-questions`;
    const saved = expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', path, {
        questions: [
          {
            question: 'Herkent u zich in de opgehaalde prioriteiten?',
            answers: [
              { body: 'wordt vervangen', bodyId: dvc.id, answer: 'Ja.' },
              { body: ` ${rvc.name.toUpperCase()} `, answer: 'Grotendeels.' },
              { body: 'Burgemeestersoverleg Noord', answer: 'Nee.' },
            ],
          },
        ],
      }),
      200,
    ).body as InventoryDetail;
    expect(saved.bodyQuestions[0].answers).toEqual([
      { body: dvc.name, bodyId: dvc.id, answer: 'Ja.' },
      { body: rvc.name.toUpperCase(), bodyId: rvc.id, answer: 'Grotendeels.' },
      { body: 'Burgemeestersoverleg Noord', bodyId: null, answer: 'Nee.' },
    ]);
    for (const bodyId of ['00000000-0000-4000-8000-000000000000', 'dvc']) {
      const response = expectStatus(
        await api.request(DEMO.secretariaat, 'PUT', path, {
          questions: [{ question: 'Een vraag?', answers: [{ body: 'X orgaan', bodyId, answer: '' }] }],
        }),
        400,
      );
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      expect(response.body.error.fields[0].field).toMatch(/bodyId$/);
    }
    const kept = expectStatus(await api.get(DEMO.secretariaat, `/api/inventories/${inventory.id}`), 200)
      .body as InventoryDetail;
    expect(kept.bodyQuestions).toEqual(saved.bodyQuestions);
  });

  it('the migration links the answers stored before it by name, and leaves other text as it was', async () => {
    const dvc = bodies.find((b) => b.kind === 'dvc')!;
    const inventory = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Inventarisatie van voor de koppeling'),
        deadline: addDays(todayInNetherlands(), 14),
        organisationIds: [await api.organisationId('Gemeente Lelystad')],
      }),
      201,
    ).body as InventoryDetail;
    // As the data stood before the migration: names only.
    await db.query(`UPDATE inventories SET body_questions = $2::jsonb WHERE id = $1`, [
      inventory.id,
      JSON.stringify([
        {
          question: 'Vraag 1',
          answers: [
            { body: dvc.name.toLowerCase(), answer: 'Antwoord A' },
            { body: 'Een overleg dat niet bestaat', answer: 'Antwoord B' },
          ],
        },
        { question: 'Vraag 2', answers: [] },
      ]),
    ]);
    await db.query(LINK_BODY_QUESTIONS);
    const [{ body_questions: linked }] = await db.query('SELECT body_questions FROM inventories WHERE id = $1', [
      inventory.id,
    ]);
    expect(linked).toEqual([
      {
        question: 'Vraag 1',
        answers: [
          { body: dvc.name.toLowerCase(), bodyId: dvc.id, answer: 'Antwoord A' },
          { body: 'Een overleg dat niet bestaat', bodyId: null, answer: 'Antwoord B' },
        ],
      },
      { question: 'Vraag 2', answers: [] },
    ]);
  });
});
