import { DataSource } from 'typeorm';
import type { ConsultationDetail, ConsultationPoint, ConsultationSummary } from '@koers/contracts';
import { addDays, todayInNetherlands } from '@koers/core';
import { ReminderJob } from '@koers/notifications';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { Api, DEMO, errorBody, expectStatus, STRATEGY_TITLE, unique } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Consultation of the councils (docs/strategy-cycle.md): the offer, answers by a gemeente's contact (only its
 * own) or by the secretariat on its behalf, the bureau's response per point and the nota van beantwoording;
 * adoption by the board and the turn of the period.
 */
describe('consultation of the councils', () => {
  let t: TestApp;
  let api: Api;
  let strategyId: string;
  let consultationId: string;
  const user: Record<'nieuwegein' | 'amersfoort' | 'lelystad' | 'utrecht', string> = {
    nieuwegein: '',
    amersfoort: '',
    lelystad: '',
    utrecht: '',
  };
  const org: Record<'nieuwegein' | 'amersfoort' | 'lelystad' | 'utrecht' | 'soest', string> = {
    nieuwegein: '',
    amersfoort: '',
    lelystad: '',
    utrecht: '',
    soest: '',
  };

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    for (const key of Object.keys(org) as Array<keyof typeof org>)
      org[key] = await api.organisationId(`Gemeente ${key[0].toUpperCase()}${key.slice(1)}`);
    user.nieuwegein = await api.userId(DEMO.aanjagerOndermijning);
    user.amersfoort = await api.userId(DEMO.aanjagerCyber);
    user.lelystad = await api.userId(DEMO.aanjagerOnrust);
    user.utrecht = await api.userId(DEMO.burgemeesterUtrecht);
    strategyId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Concept veiligheidsstrategie 2027-2030'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id;
  });
  afterAll(() => t.close());

  const detail = async (who: string = DEMO.secretariaat) =>
    expectStatus(await api.get(who, `/api/consultations/${consultationId}`), 200).body as ConsultationDetail;
  const put = async (who: string, organisationId: string, body: object) =>
    api.request(who, 'PUT', `/api/consultations/${consultationId}/responses/${organisationId}`, body);

  it("demo: Midden-Nederland's consultation of the 2023-2026 concept among the 38 gemeenten, and its adoption by the RVC", async () => {
    const list = expectStatus(await api.get(DEMO.rvc, '/api/consultations'), 200).body as ConsultationSummary[];
    const demo = list.find((c) => c.deadline === '2023-03-10')!;
    expect(demo).toMatchObject({ asked: 38, closed: true, strategyTitle: STRATEGY_TITLE });
    expect(demo.answered).toBeGreaterThanOrEqual(5);
    const full = expectStatus(await api.get(DEMO.secretariaat, `/api/consultations/${demo.id}`), 200)
      .body as ConsultationDetail;
    expect(full.responses.find((r) => r.organisationName === 'Gemeente Noordoostpolder')).toMatchObject({
      outcome: 'geen_wensen_of_bedenkingen',
      decidedOn: '2023-01-30',
    });
    expect(full.pointsTotal).toBeGreaterThan(0);
    // Named contacts where the gemeente has demo accounts (an official where there is one); none elsewhere.
    const contactsOf = (gemeente: string) =>
      full.responses.find((r) => r.organisationName === `Gemeente ${gemeente}`)!.contacts.map((c) => c.userId);
    expect(contactsOf('Utrecht')).toEqual([await api.userId(DEMO.ambtelijkOndermijning)]);
    expect(contactsOf('Lelystad')).toEqual([await api.userId(DEMO.ambtelijkOnrust)]);
    expect(contactsOf('Noordoostpolder')).toEqual([]);
    expect(full.responses.filter((r) => r.contacts.length > 0)).toHaveLength(5);
    const strategy = await api.strategy();
    expect(strategy).toMatchObject({
      status: 'vastgesteld',
      adoptedOn: '2023-04-12',
      adoptedBy: 'Regionaal Veiligheidscollege',
    });
  });

  it('offers the concept strategy to a set of gemeenten with a deadline and named contacts; the strategy is then in consultatie', async () => {
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/consultations', {
        strategyId,
        deadline: addDays(todayInNetherlands(), 20),
        organisationIds: [org.nieuwegein, org.amersfoort, org.lelystad, org.utrecht],
        documentReference: 'Concept RVS 2027-2030 (versie 0.9)',
        contacts: [
          { organisationId: org.nieuwegein, userIds: [user.nieuwegein] },
          { organisationId: org.amersfoort, userIds: [user.amersfoort] },
        ],
      }),
      201,
    ).body as ConsultationDetail;
    expect(created.responses.find((r) => r.organisationId === org.nieuwegein)!.contacts).toEqual([
      expect.objectContaining({ userId: user.nieuwegein }),
    ]);
    expect(created.responses.find((r) => r.organisationId === org.lelystad)!.contacts).toEqual([]);
    expect(created.changes).toEqual([]);
    consultationId = created.id;
    expect(created).toMatchObject({ asked: 4, answered: 0, overdue: 0, closed: false, canManage: true });
    expect(created.title).toMatch(/^Wensen en bedenkingen: /);
    const strategy = expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${strategyId}`), 200).body;
    expect(strategy.status).toBe('consultatie');
  });

  it('refuses bad input with a Dutch 400 and creates nothing', async () => {
    const before = (expectStatus(await api.get(DEMO.secretariaat, '/api/consultations'), 200).body as unknown[]).length;
    const bad: Array<[object, string]> = [
      [{ strategyId, organisationIds: [org.utrecht] }, 'deadline'],
      [{ strategyId, deadline: '2027-02-30', organisationIds: [org.utrecht] }, 'deadline'],
      [{ strategyId, deadline: addDays(todayInNetherlands(), 3), organisationIds: [] }, 'organisationIds'],
      [{ strategyId, deadline: addDays(todayInNetherlands(), -3), organisationIds: [org.utrecht] }, 'deadline'],
      [
        {
          strategyId,
          deadline: addDays(todayInNetherlands(), 3),
          organisationIds: ['00000000-0000-4000-8000-000000000000'],
        },
        'organisationIds.0',
      ],
      [
        { strategyId: 'geen-id', deadline: addDays(todayInNetherlands(), 3), organisationIds: [org.utrecht] },
        'strategyId',
      ],
      // A contact must be an active user of an asked organisation.
      [
        {
          strategyId,
          deadline: addDays(todayInNetherlands(), 3),
          organisationIds: [org.utrecht],
          contacts: [{ organisationId: org.utrecht, userIds: [user.nieuwegein] }],
        },
        'contacts.0.userIds',
      ],
      [
        {
          strategyId,
          deadline: addDays(todayInNetherlands(), 3),
          organisationIds: [org.utrecht],
          contacts: [{ organisationId: org.nieuwegein, userIds: [user.nieuwegein] }],
        },
        'contacts.0.organisationId',
      ],
    ];
    for (const [body, field] of bad) {
      const response = expectStatus(await api.post(DEMO.secretariaat, '/api/consultations', body), 400);
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      expect(response.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const after = (expectStatus(await api.get(DEMO.secretariaat, '/api/consultations'), 200).body as unknown[]).length;
    expect(after).toBe(before);
  });

  it("a gemeente's named contact answers for its own organisation only", async () => {
    const answered = expectStatus(
      await put(DEMO.aanjagerOndermijning, org.nieuwegein, {
        decidedOn: todayInNetherlands(),
        outcome: 'wensen',
        text: 'De raad wenst meer aandacht voor jonge aanwas.',
        decisionReference: 'Raadsbesluit 2026-117',
      }),
      200,
    ).body as ConsultationDetail;
    const mine = answered.responses.find((r) => r.organisationId === org.nieuwegein)!;
    expect(mine).toMatchObject({
      answered: true,
      outcome: 'wensen',
      onBehalf: false,
      decisionReference: 'Raadsbesluit 2026-117',
    });
    expect(answered.answerableOrganisationIds).toEqual([org.nieuwegein]);
    expect(answered.canManage).toBe(false);

    const other = await put(DEMO.aanjagerOndermijning, org.amersfoort, {
      decidedOn: todayInNetherlands(),
      outcome: 'bedenkingen',
    });
    expect(other.status).toBe(403);
    expect(other.body).toEqual(errorBody('FORBIDDEN'));
    // Permission is decided before the body is looked at: bad input for another gemeente is still a 403.
    expect((await put(DEMO.aanjagerOndermijning, org.amersfoort, { outcome: 'misschien' })).status).toBe(403);
    expect((await detail()).responses.find((r) => r.organisationId === org.amersfoort)!.answered).toBe(false);
    const audit = await api.audit({ outcome: 'denied', action: 'consultation.answer' });
    expect(audit.total).toBeGreaterThanOrEqual(2);
  });

  it('bad answers get a Dutch 400 and change nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ decidedOn: todayInNetherlands(), outcome: 'misschien' }, 'outcome'],
      [{ outcome: 'wensen' }, 'decidedOn'],
      [{ decidedOn: addDays(todayInNetherlands(), 5), outcome: 'wensen' }, 'decidedOn'],
    ];
    for (const [body, field] of cases) {
      const response = expectStatus(await put(DEMO.aanjagerCyber, org.amersfoort, body), 400);
      expect(response.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(response.body.error.message).toMatch(/[a-z]/);
    }
    expect((await detail()).responses.find((r) => r.organisationId === org.amersfoort)!.answered).toBe(false);
  });

  it('the secretariat enters an answer on behalf of a gemeente, marked so', async () => {
    const body = expectStatus(
      await put(DEMO.secretariaat, org.utrecht, {
        decidedOn: todayInNetherlands(),
        outcome: 'wensen_en_bedenkingen',
        text: 'Wens: aandacht voor cybercrime bij ondernemers. Bedenking: capaciteit politie.',
        decisionReference: '2026/RB/88',
      }),
      200,
    ).body as ConsultationDetail;
    expect(body.responses.find((r) => r.organisationId === org.utrecht)).toMatchObject({
      onBehalf: true,
      outcome: 'wensen_en_bedenkingen',
    });
    expect(body).toMatchObject({ answered: 2, outcomes: { wensen: 1, wensen_en_bedenkingen: 1, bedenkingen: 0 } });
  });

  it('outsiders see nothing; RVC members read but do not answer; named contacts see the consultation', async () => {
    // Users of an asked gemeente who are not named (Utrecht's mayor) are outsiders too: one rule with inventories.
    for (const outsider of [DEMO.riec, DEMO.pvo, DEMO.ovjOndermijning, DEMO.burgemeesterUtrecht]) {
      const list = expectStatus(await api.get(outsider, '/api/consultations'), 200).body as ConsultationSummary[];
      expect(list.map((c) => c.id)).not.toContain(consultationId);
      expect((await api.get(outsider, `/api/consultations/${consultationId}`)).status).toBe(404);
      expect((await api.get(outsider, `/api/consultations/${consultationId}/nota`)).status).toBe(404);
      expect((await put(outsider, org.utrecht, { decidedOn: todayInNetherlands(), outcome: 'wensen' })).status).toBe(
        404,
      );
    }
    const rvc = await detail(DEMO.rvc);
    expect(rvc.canManage).toBe(false);
    expect(rvc.answerableOrganisationIds).toEqual([]);
    expect((await put(DEMO.rvc, org.lelystad, { decidedOn: todayInNetherlands(), outcome: 'wensen' })).status).toBe(
      403,
    );
    expect((await api.patch(DEMO.rvc, `/api/consultations/${consultationId}`, { closed: true })).status).toBe(403);
    // Lelystad has no contact yet: its mayor does not see it; once named, he does and answers for Lelystad only.
    const before = expectStatus(await api.get(DEMO.aanjagerOnrust, '/api/consultations'), 200)
      .body as ConsultationSummary[];
    expect(before.map((c) => c.id)).not.toContain(consultationId);
    expect((await api.get(DEMO.aanjagerOnrust, `/api/consultations/${consultationId}`)).status).toBe(404);
    const named = expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/consultations/${consultationId}/contacts/${org.lelystad}`, {
        userIds: [user.lelystad],
      }),
      200,
    ).body as ConsultationDetail;
    expect(named.responses.find((r) => r.organisationId === org.lelystad)!.contacts.map((c) => c.userId)).toEqual([
      user.lelystad,
    ]);
    const list = expectStatus(await api.get(DEMO.aanjagerOnrust, '/api/consultations'), 200)
      .body as ConsultationSummary[];
    expect(list.map((c) => c.id)).toContain(consultationId);
    expect((await detail(DEMO.aanjagerOnrust)).answerableOrganisationIds).toEqual([org.lelystad]);
  });

  it('naming contacts: the secretariat only, users of that organisation only, audited', async () => {
    const path = (organisationId: string) => `/api/consultations/${consultationId}/contacts/${organisationId}`;
    // Not the secretariat: a contact gets 403, an outsider 404, before the body is looked at.
    expect((await api.request(DEMO.aanjagerCyber, 'PUT', path(org.amersfoort), { userIds: 'x' })).status).toBe(403);
    expect((await api.request(DEMO.riec, 'PUT', path(org.amersfoort), { userIds: [] })).status).toBe(404);
    expect((await api.request(DEMO.rvc, 'PUT', path(org.amersfoort), { userIds: [] })).status).toBe(403);
    const wrong = expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', path(org.amersfoort), { userIds: [user.nieuwegein] }),
      400,
    );
    expect(wrong.body.error.fields[0]).toMatchObject({ field: 'userIds' });
    expect(
      expectStatus(await api.request(DEMO.secretariaat, 'PUT', path(org.amersfoort), { userIds: ['geen-id'] }), 400)
        .body.error.fields[0].field,
    ).toMatch(/^userIds/);
    expect((await api.request(DEMO.secretariaat, 'PUT', path(org.soest), { userIds: [] })).status).toBe(404);
    expect((await detail()).responses.find((r) => r.organisationId === org.amersfoort)!.contacts).toHaveLength(1);
    const audit = await api.audit({ action: 'consultation.contacts' });
    expect(audit.total).toBeGreaterThanOrEqual(1);
  });

  it('after the offer: deadline, title and added organisations change with a history and a notice to the contacts; the document and answered organisations stay', async () => {
    const current = await detail();
    const path = `/api/consultations/${consultationId}`;
    const newDeadline = addDays(current.deadline, 7);
    // Bad input: a Dutch 400 that changes nothing.
    const bad = expectStatus(
      await api.patch(DEMO.secretariaat, path, { deadline: addDays(current.offeredOn, -1), version: current.version }),
      400,
    );
    expect(bad.body.error.fields[0]).toMatchObject({ field: 'deadline' });
    expect(
      expectStatus(await api.patch(DEMO.secretariaat, path, { addOrganisationIds: ['nee'] }), 400).body.error.fields[0]
        .field,
    ).toMatch(/^addOrganisationIds/);
    expect(
      expectStatus(await api.patch(DEMO.secretariaat, path, { removeOrganisationIds: [org.soest] }), 400).body.error
        .fields[0].field,
    ).toBe('removeOrganisationIds.0');
    // The offered document does not change once councils answered about it.
    const doc = expectStatus(await api.patch(DEMO.secretariaat, path, { documentReference: 'Versie 1.0' }), 409);
    expect(doc.body.error.message).toMatch(/al reacties/);
    // Nor is an organisation with an answer removed.
    const keep = expectStatus(
      await api.patch(DEMO.secretariaat, path, { removeOrganisationIds: [org.nieuwegein] }),
      409,
    );
    expect(keep.body.error.message).toMatch(/Nieuwegein/);

    const changed = expectStatus(
      await api.patch(DEMO.secretariaat, path, {
        deadline: newDeadline,
        title: 'Wensen en bedenkingen op het concept 2027-2030',
        addOrganisationIds: [org.soest],
        note: 'Op verzoek van de griffiers: meer tijd voor de raadsvergaderingen.',
        version: current.version,
      }),
      200,
    ).body as ConsultationDetail;
    expect(changed).toMatchObject({ deadline: newDeadline, asked: 5, version: current.version + 1 });
    expect(changed.changes[0]).toMatchObject({
      changes: {
        deadline: { from: current.deadline, to: newDeadline },
        title: { from: current.title, to: 'Wensen en bedenkingen op het concept 2027-2030' },
        added: ['Gemeente Soest'],
      },
      note: 'Op verzoek van de griffiers: meer tijd voor de raadsvergaderingen.',
    });
    // The contacts of the gemeenten that have not answered hear of it (Amersfoort, Lelystad); Nieuwegein answered.
    const told = (await t.app.get(DataSource).query(
      `SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.entity_type = 'consultation' AND n.entity_id = $1 AND n.kind = 'gevolgd' ORDER BY u.email`,
      [consultationId],
    )) as Array<{ email: string }>;
    expect(told.map((r) => r.email)).toEqual([DEMO.aanjagerCyber, DEMO.aanjagerOnrust].sort());
    expect(changed.changes[0].notified).toBe(2);
    const inbox = expectStatus(await api.get(DEMO.aanjagerCyber, '/api/me/notifications?limit=50'), 200).body as {
      items: Array<{ title: string; detail: string | null; link: string | null }>;
    };
    const notice = inbox.items.find((n) => n.link === `/cyclus/consultaties/${consultationId}` && n.detail);
    expect(notice?.detail).toMatch(/meer tijd voor de raadsvergaderingen/);

    // A stale version is refused; an organisation without answer or points can be removed again.
    expect((await api.patch(DEMO.secretariaat, path, { title: 'Oud', version: current.version })).status).toBe(409);
    const removed = expectStatus(
      await api.patch(DEMO.secretariaat, path, { removeOrganisationIds: [org.soest], version: changed.version }),
      200,
    ).body as ConsultationDetail;
    expect(removed.asked).toBe(4);
    expect(removed.changes[0].changes).toEqual({ removed: ['Gemeente Soest'] });
    // Contacts and RVC members read the history; only the secretariat changes it.
    expect((await detail(DEMO.aanjagerCyber)).changes).toHaveLength(2);
    expect((await api.patch(DEMO.aanjagerCyber, path, { deadline: newDeadline })).status).toBe(403);
    const audit = await api.audit({ action: 'consultation.update' });
    expect(audit.total).toBeGreaterThanOrEqual(2);
  });

  it('the bureau responds per point; niet verwerkt needs a reason; the nota van beantwoording compiles them', async () => {
    const wish = expectStatus(
      await api.post(DEMO.secretariaat, `/api/consultations/${consultationId}/points`, {
        organisationId: org.utrecht,
        kind: 'wens',
        text: 'Aandacht voor cybercrime bij ondernemers',
      }),
      201,
    ).body as ConsultationPoint;
    const objection = expectStatus(
      await api.post(DEMO.secretariaat, `/api/consultations/${consultationId}/points`, {
        organisationId: org.utrecht,
        kind: 'bedenking',
        text: 'Capaciteit van de politie',
      }),
      201,
    ).body as ConsultationPoint;
    expect([wish.position, objection.position]).toEqual([1, 2]);
    // A gemeente's contact does not answer points; a point needs an asked gemeente.
    expect(
      (await api.patch(DEMO.aanjagerOndermijning, `/api/consultation-points/${wish.id}`, { response: 'verwerkt' }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.post(DEMO.secretariaat, `/api/consultations/${consultationId}/points`, {
          organisationId: org.soest,
          kind: 'wens',
          text: 'Niet gevraagd',
        })
      ).status,
    ).toBe(400);
    const noReason = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/consultation-points/${objection.id}`, { response: 'niet_verwerkt' }),
      400,
    );
    expect(noReason.body.error.fields[0]).toMatchObject({ field: 'reason' });
    expectStatus(
      await api.patch(DEMO.secretariaat, `/api/consultation-points/${wish.id}`, {
        response: 'verwerkt',
        reason: 'Opgenomen onder Digitale veiligheid.',
      }),
      200,
    );
    const stale = await api.request(DEMO.secretariaat, 'PATCH', `/api/consultation-points/${objection.id}`, {
      response: 'niet_verwerkt',
      reason: 'x',
      version: 99,
    });
    expect(stale.status).toBe(409);
    expectStatus(
      await api.patch(DEMO.secretariaat, `/api/consultation-points/${objection.id}`, {
        response: 'niet_verwerkt',
        reason: 'De sterkte is landelijk bepaald; de regio kan die niet verdelen.',
      }),
      200,
    );
    const after = await detail();
    expect(after).toMatchObject({ pointsTotal: 2, pointsAnswered: 2 });

    const md = expectStatus(await api.get(DEMO.rvc, `/api/consultations/${consultationId}/nota?format=md`), 200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('# Nota van beantwoording');
    expect(md.text).toContain('## Gemeente Utrecht');
    expect(md.text).toContain('Niet verwerkt: De sterkte is landelijk bepaald');
    expect(md.text).toContain('Geen reactie ontvangen');
    const csv = expectStatus(
      await api.get(DEMO.secretariaat, `/api/consultations/${consultationId}/nota?format=csv`),
      200,
    );
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toContain('"Gemeente";"Uitkomst"');
    expect(csv.text).toContain('"Verwerkt";"Opgenomen onder Digitale veiligheid."');
    const html = expectStatus(await api.get(DEMO.aanjagerCyber, `/api/consultations/${consultationId}/nota`), 200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('<h1>Nota van beantwoording</h1>');
    expect((await api.get(DEMO.secretariaat, `/api/consultations/${consultationId}/nota?format=pdf`)).status).toBe(400);
  });

  it('overdue councils are counted and highlighted after the deadline; closing stops answers', async () => {
    const db = t.app.get(DataSource);
    await db.query(`UPDATE consultations SET offered_on = $2, deadline = $3 WHERE id = $1`, [
      consultationId,
      addDays(todayInNetherlands(), -30),
      addDays(todayInNetherlands(), -1),
    ]);
    const late = await detail();
    expect(late.overdue).toBe(2);
    expect(
      late.responses
        .filter((r) => r.overdue)
        .map((r) => r.organisationId)
        .sort(),
    ).toEqual([org.amersfoort, org.lelystad].sort());
    expectStatus(await api.patch(DEMO.secretariaat, `/api/consultations/${consultationId}`, { closed: true }), 200);
    const closed = await put(DEMO.aanjagerCyber, org.amersfoort, {
      decidedOn: todayInNetherlands(),
      outcome: 'wensen',
    });
    expect(closed.status).toBe(409);
  });

  describe('adoption and the turn of the period', () => {
    it('the board adopts the strategy with a date and a decision reference; adopting twice is a conflict', async () => {
      expect(
        (
          await api.post(DEMO.rvc, `/api/strategies/${strategyId}/adoption`, {
            adoptedOn: '2026-12-01',
            decisionReference: 'x1',
          })
        ).status,
      ).toBe(403);
      const bad = expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/adoption`, { adoptedOn: '12-04-2026' }),
        400,
      );
      expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'adoptedOn',
        'decisionReference',
      ]);
      const adopted = expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/adoption`, {
          adoptedOn: '2026-12-01',
          decisionReference: 'RVC 1 december 2026, agendapunt 4',
        }),
        200,
      ).body;
      expect(adopted).toMatchObject({
        status: 'vastgesteld',
        adoptedOn: '2026-12-01',
        adoptedBy: 'Regionaal Veiligheidscollege',
        adoptionReference: 'RVC 1 december 2026, agendapunt 4',
      });
      expect(
        (
          await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/adoption`, {
            adoptedOn: '2026-12-02',
            decisionReference: 'nogmaals',
          })
        ).status,
      ).toBe(409);
    });

    it('a werkgroep continues under a theme of the new strategy, or is discharged: archived and read-only', async () => {
      const newTheme = expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/themes`, { title: 'Digitale weerbaarheid' }),
        201,
      ).body.id as string;
      const onrust = await api.workgroupId('Bestuurlijke werkgroep Maatschappelijke onrust');
      const cyber = await api.workgroupId('Bestuurlijke werkgroep Digitale veiligheid');
      const oldStrategy = await api.strategy();
      expect(
        (await api.post(DEMO.secretariaat, `/api/workgroups/${onrust}/transition`, { action: 'continue' })).status,
      ).toBe(400);
      expect(
        (
          await api.post(DEMO.secretariaat, `/api/workgroups/${onrust}/transition`, {
            action: 'continue',
            themeId: oldStrategy.themes[0].id,
          })
        ).status,
      ).toBe(400);
      expect(
        (await api.post(DEMO.aanjagerOnrust, `/api/workgroups/${onrust}/transition`, { action: 'discharge' })).status,
      ).toBe(403);
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/workgroups/${onrust}/transition`, {
          action: 'continue',
          themeId: newTheme,
        }),
        200,
      );
      const newGroups = expectStatus(await api.get(DEMO.rvc, `/api/strategies/${strategyId}/workgroups`), 200).body;
      expect(newGroups.map((w: { id: string }) => w.id)).toEqual([onrust]);

      const discharged = expectStatus(
        await api.post(DEMO.secretariaat, `/api/workgroups/${cyber}/transition`, {
          action: 'discharge',
          note: 'Opgegaan in de nieuwe prioriteit Digitale weerbaarheid.',
        }),
        200,
      ).body;
      expect(discharged.archivedAt).toEqual(expect.any(String));
      // Read-only: members still read, nobody changes anything, not even the secretariat.
      expectStatus(await api.get(DEMO.aanjagerCyber, `/api/workgroups/${cyber}`), 200);
      expectStatus(await api.get(DEMO.aanjagerCyber, `/api/workgroups/${cyber}/actions`), 200);
      const ownerId = await api.userId(DEMO.aanjagerCyber);
      for (const who of [DEMO.aanjagerCyber, DEMO.secretariaat])
        expect(
          (await api.post(who, `/api/workgroups/${cyber}/actions`, { title: unique('Na decharge'), ownerId })).status,
        ).toBe(403);
      expect(
        (await api.post(DEMO.secretariaat, `/api/workgroups/${cyber}/transition`, { action: 'discharge' })).status,
      ).toBe(409);
    });

    it('at the end of the period the old strategy is afgesloten', async () => {
      const old = await api.strategy();
      expect((await api.post(DEMO.aanjagerCyber, `/api/strategies/${old.id}/close`)).status).toBe(403);
      const closed = expectStatus(await api.post(DEMO.secretariaat, `/api/strategies/${old.id}/close`), 200).body;
      expect(closed.status).toBe('afgesloten');
      expect((await api.post(DEMO.secretariaat, `/api/strategies/${old.id}/close`)).status).toBe(409);
    });
  });
});

// Several instances on one database need a real PostgreSQL (the embedded database belongs to one process).
const withPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withPostgres('consultation reminders across instances (PostgreSQL)', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let api: Api;

  beforeAll(async () => {
    database = await createTestDatabase();
    one = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }, { database });
    two = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' }, { database });
    api = new Api(one);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('reminds the contacts of gemeenten that have not answered once before the deadline and once after, on either instance', async () => {
    const strategyId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Concept'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id;
    const amersfoort = await api.organisationId('Gemeente Amersfoort');
    const nieuwegein = await api.organisationId('Gemeente Nieuwegein');
    const today = todayInNetherlands();
    const deadline = addDays(today, 10);
    const consultationId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/consultations', {
        strategyId,
        deadline,
        organisationIds: [amersfoort, nieuwegein],
        contacts: [
          { organisationId: amersfoort, userIds: [await api.userId(DEMO.aanjagerCyber)] },
          { organisationId: nieuwegein, userIds: [await api.userId(DEMO.aanjagerOndermijning)] },
        ],
      }),
      201,
    ).body.id as string;
    expectStatus(
      await api.request(
        DEMO.aanjagerOndermijning,
        'PUT',
        `/api/consultations/${consultationId}/responses/${nieuwegein}`,
        {
          decidedOn: today,
          outcome: 'geen_wensen_of_bedenkingen',
        },
      ),
      200,
    );
    const jobs = [one.app.get(ReminderJob), two.app.get(ReminderJob)];
    const reminders = async () =>
      (await one.app.get(DataSource).query(
        `SELECT n.kind, u.email FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.entity_type = 'consultation' AND n.entity_id = $1 AND n.kind <> 'contactpersoon'
            ORDER BY n.kind, u.email`,
        [consultationId],
      )) as Array<{ kind: string; email: string }>;

    // Too early: nothing.
    await Promise.all(jobs.map((job) => job.runOnce()));
    expect(await reminders()).toEqual([]);
    // A week before the deadline, both instances again and again: one reminder per named contact of Amersfoort.
    const weekBefore = new Date(`${addDays(deadline, -7)}T09:00:00Z`);
    await Promise.all(Array.from({ length: 6 }, (_, i) => jobs[i % 2].runOnce(weekBefore)));
    const soon = await reminders();
    expect(soon).toEqual([{ kind: 'binnenkort', email: DEMO.aanjagerCyber }]);
    expect(soon.map((r) => r.email)).not.toContain(DEMO.aanjagerOndermijning);
    expect(new Set(soon.map((r) => r.email)).size).toBe(soon.length);
    // After the deadline: one "verlopen" each, however often it runs.
    const after = new Date(`${addDays(deadline, 2)}T09:00:00Z`);
    await Promise.all(Array.from({ length: 6 }, (_, i) => jobs[i % 2].runOnce(after)));
    const all = await reminders();
    expect(all.filter((r) => r.kind === 'verlopen').map((r) => r.email)).toEqual(soon.map((r) => r.email));
    const inbox = expectStatus(await api.get(DEMO.aanjagerCyber, '/api/me/notifications?limit=50'), 200).body as {
      items: Array<{ title: string; link: string | null }>;
    };
    expect(inbox.items.some((n) => n.link === `/cyclus/consultaties/${consultationId}`)).toBe(true);
  });
});
