import { DataSource } from 'typeorm';
import { addDays, todayInNetherlands } from '@koers/core';
import { ReminderJob } from '@koers/notifications';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import type { InventoryDetail, InventoryRanking, InventoryResponse, InventorySummary } from '@koers/contracts';
import { Api, DEMO, errorBody, expectStatus, unique } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The inventory of local priorities through the API (docs/strategy-cycle.md): the secretariat starts it and
 * names contact people; a contact answers for its own organisation only, as draft then submitted, until the
 * deadline; the secretariat may answer on behalf (marked so); RVC members read; outsiders see nothing.
 */
const CONTACT = 'aanjager.onrust@demo.koers.nl'; // Burgemeester Lelystad
const OUTSIDER = DEMO.aanjagerCyber; // Burgemeester Amersfoort: asked, but not named as contact

describe('inventory of local priorities', () => {
  let t: TestApp;
  let api: Api;
  const org: Record<string, string> = {};
  let inventoryId: string;

  const put = (email: string | null, path: string, body: object) => api.request(email, 'PUT', path, body);
  const newInventory = async (overrides: object = {}) =>
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Inventarisatie'),
        deadline: addDays(todayInNetherlands(), 14),
        organisationIds: [org.lelystad, org.utrecht, org.amersfoort, org.om, org.politie],
        questions: ['Welke onderwerpen vragen om een regionale aanpak?'],
        contacts: [{ organisationId: org.lelystad, userIds: [await api.userId(CONTACT)] }],
        ...overrides,
      }),
      201,
    ).body as InventoryDetail;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    org.lelystad = await api.organisationId('Gemeente Lelystad');
    org.utrecht = await api.organisationId('Gemeente Utrecht');
    org.amersfoort = await api.organisationId('Gemeente Amersfoort');
    org.om = await api.organisationId('Openbaar Ministerie Midden-Nederland');
    org.politie = await api.organisationId('Politie Midden-Nederland');
    inventoryId = (
      await newInventory({ title: 'Inventarisatie lokale prioriteiten 2027-2030', periodStart: 2027, periodEnd: 2030 })
    ).id;
  });
  afterAll(() => t.close());

  it('the secretariat starts an inventory: asked organisations, contacts, progress 0 of 5', async () => {
    const detail = expectStatus(await api.get(DEMO.secretariaat, `/api/inventories/${inventoryId}`), 200)
      .body as InventoryDetail;
    expect(detail).toMatchObject({ asked: 5, answered: 0, open: true, periodStart: 2027, periodEnd: 2030 });
    expect(detail.organisations.find((o) => o.organisationId === org.lelystad)).toMatchObject({
      status: 'niet_gestart',
      contacts: [{ userId: await api.userId(CONTACT) }],
    });
  });

  it('refuses bad input with a Dutch 400 and creates nothing', async () => {
    const before = (expectStatus(await api.get(DEMO.secretariaat, '/api/inventories'), 200).body as unknown[]).length;
    for (const body of [
      { title: 'Te', deadline: '2030-01-01', organisationIds: [org.lelystad] },
      { title: 'Geen datum', deadline: '31-01-2030', organisationIds: [org.lelystad] },
      { title: 'Geen organisaties', deadline: '2030-01-01', organisationIds: [] },
      { title: 'Verleden', deadline: '2020-01-01', organisationIds: [org.lelystad] },
      { title: 'Onbekend', deadline: '2030-01-01', organisationIds: ['00000000-0000-4000-8000-000000000000'] },
      {
        title: 'Verkeerde contactpersoon',
        deadline: '2030-01-01',
        organisationIds: [org.lelystad],
        contacts: [{ organisationId: org.lelystad, userIds: [await api.userId(DEMO.aanjagerCyber)] }],
      },
    ]) {
      const response = await api.post(DEMO.secretariaat, '/api/inventories', body);
      expect({ body: body.title, status: response.status }).toEqual({ body: body.title, status: 400 });
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      expect(JSON.stringify(response.body)).toMatch(/[a-z]+ (de|een|het|is|ligt|in|van) /i);
    }
    expect((expectStatus(await api.get(DEMO.secretariaat, '/api/inventories'), 200).body as unknown[]).length).toBe(
      before,
    );
  });

  it('a contact person sees the inventory as a task and only their own organisation', async () => {
    const list = expectStatus(await api.get(CONTACT, '/api/inventories'), 200).body as InventorySummary[];
    expect(list.find((i) => i.id === inventoryId)?.mine).toEqual([
      { organisationId: org.lelystad, organisationName: 'Gemeente Lelystad', status: 'niet_gestart' },
    ]);
    const detail = expectStatus(await api.get(CONTACT, `/api/inventories/${inventoryId}`), 200).body as InventoryDetail;
    expect(detail.organisations.map((o) => o.organisationId)).toEqual([org.lelystad]);
  });

  it('outsiders see nothing: an empty list and 404 for the inventory and its answers', async () => {
    expect(expectStatus(await api.get(OUTSIDER, '/api/inventories'), 200).body).toEqual([]);
    for (const path of [
      `/api/inventories/${inventoryId}`,
      `/api/inventories/${inventoryId}/ranking`,
      `/api/inventories/${inventoryId}/responses/${org.amersfoort}`,
    ])
      expect((await api.get(OUTSIDER, path)).status).toBe(404);
    const put404 = await put(OUTSIDER, `/api/inventories/${inventoryId}/responses/${org.amersfoort}`, {
      priorities: [],
    });
    expect(put404.status).toBe(404);
  });

  it('a contact answers only for its own organisation: another one is 404, the overview 403', async () => {
    const other = await put(CONTACT, `/api/inventories/${inventoryId}/responses/${org.utrecht}`, {
      priorities: [{ title: 'Ondermijning', rank: 1 }],
    });
    expect(other.status).toBe(404);
    expect((await api.get(CONTACT, `/api/inventories/${inventoryId}/ranking`)).status).toBe(403);
    expect((await api.get(CONTACT, `/api/inventories/${inventoryId}/export.csv`)).status).toBe(403);
    const utrecht = expectStatus(
      await api.get(DEMO.secretariaat, `/api/inventories/${inventoryId}/responses/${org.utrecht}`),
      200,
    ).body as InventoryResponse;
    expect(utrecht.status).toBe('niet_gestart');
  });

  it('a contact saves a draft, then submits; each save is audited and counted in the progress', async () => {
    const path = `/api/inventories/${inventoryId}/responses/${org.lelystad}`;
    const draft = expectStatus(
      await put(CONTACT, path, {
        priorities: [
          { title: 'Jeugdoverlast', rank: 2, explanation: 'Groepen in de wijken', regional: false },
          { title: 'Ondermijning', rank: 1, explanation: 'Drugs en vastgoed', regional: true },
        ],
        answers: ['Ondermijning en cybercrime'],
      }),
      200,
    );
    expect(draft.body).toMatchObject({
      status: 'concept',
      onBehalf: false,
      priorities: [
        { title: 'Ondermijning', rank: 1 },
        { title: 'Jeugdoverlast', rank: 2 },
      ],
    });
    expect(draft.headers.etag).toBe(`"${(draft.body as InventoryResponse).version}"`);
    expect(
      (expectStatus(await api.get(DEMO.secretariaat, `/api/inventories/${inventoryId}`), 200).body as InventoryDetail)
        .answered,
    ).toBe(0);

    // A stale version is refused; the current one goes through.
    const stale = await t
      .http()
      .put(path)
      .set('Authorization', `Bearer ${await api.token(CONTACT)}`)
      .set('If-Match', '"999"')
      .send({ priorities: [{ title: 'Geweld', rank: 1 }], submit: true });
    expect(stale.status).toBe(409);
    const submitted = expectStatus(
      await t
        .http()
        .put(path)
        .set('Authorization', `Bearer ${await api.token(CONTACT)}`)
        .set('If-Match', draft.headers.etag)
        .send({
          priorities: (draft.body as InventoryResponse).priorities,
          answers: (draft.body as InventoryResponse).answers,
          submit: true,
        }),
      200,
    ).body as InventoryResponse;
    expect(submitted).toMatchObject({ status: 'ingediend', onBehalf: false });
    expect(submitted.submittedAt).toEqual(expect.any(String));

    const detail = expectStatus(await api.get(DEMO.secretariaat, `/api/inventories/${inventoryId}`), 200)
      .body as InventoryDetail;
    expect(detail).toMatchObject({ asked: 5, answered: 1 });
    const audit = await api.audit({ entityId: inventoryId, limit: 50 });
    expect(audit.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['inventory.response.save', 'inventory.response.submit', 'inventory.create']),
    );
  });

  it('refuses bad answers with a Dutch 400 and keeps the stored one', async () => {
    const path = `/api/inventories/${inventoryId}/responses/${org.lelystad}`;
    for (const body of [
      { priorities: [{ title: 'A', rank: 1 }] },
      { priorities: [{ title: 'Geweld', rank: 0 }] },
      {
        priorities: [
          { title: 'Geweld', rank: 1 },
          { title: 'Drugs', rank: 1 },
        ],
      },
      { priorities: [{ title: 'Geweld', rank: 1 }], answers: ['een', 'twee'] },
      { priorities: 'Geweld' },
    ]) {
      const response = await put(CONTACT, path, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
    }
    const stored = expectStatus(await api.get(CONTACT, path), 200).body as InventoryResponse;
    expect(stored.priorities.map((p) => p.title)).toEqual(['Ondermijning', 'Jeugdoverlast']);
  });

  it('the secretariat answers on behalf of an organisation, marked so; RVC members read but may not write', async () => {
    const path = `/api/inventories/${inventoryId}/responses/${org.utrecht}`;
    const onBehalf = expectStatus(
      await put(DEMO.secretariaat, path, {
        priorities: [
          { title: 'ondermijning', rank: 1, regional: true },
          { title: 'Radicalisering en polarisatie', rank: 2 },
        ],
        submit: true,
      }),
      200,
    ).body as InventoryResponse;
    expect(onBehalf).toMatchObject({ status: 'ingediend', onBehalf: true });
    expect((await put(DEMO.rvc, path, { priorities: [] })).status).toBe(403);
    expect(expectStatus(await api.get(DEMO.rvc, path), 200).body).toMatchObject({ onBehalf: true });
    const detail = expectStatus(await api.get(DEMO.rvc, `/api/inventories/${inventoryId}`), 200)
      .body as InventoryDetail;
    expect(detail.organisations.find((o) => o.organisationId === org.utrecht)).toMatchObject({ onBehalf: true });
  });

  it('ranks the gemeenten, groups similar names as the secretariat says, lists the OM beside it, exports CSV', async () => {
    await put(DEMO.secretariaat, `/api/inventories/${inventoryId}/responses/${org.om}`, {
      priorities: [
        { title: 'Ondermijning (waaronder hennep)', rank: 1 },
        { title: 'Cybercrime', rank: 2 },
      ],
      submit: true,
    });
    expectStatus(
      await put(DEMO.secretariaat, `/api/inventories/${inventoryId}/name-groups`, {
        groups: [{ title: 'Radicalisering en polarisering', variants: ['Radicalisering en polarisatie'] }],
      }),
      200,
    );
    const ranking = expectStatus(await api.get(DEMO.rvc, `/api/inventories/${inventoryId}/ranking?top=5`), 200)
      .body as InventoryRanking;
    expect(ranking.gemeenten).toBe(2);
    // Mentions first, then the rank-weighted score (rank 1 = 10, rank 2 = 9), then the title.
    expect(ranking.overall.map((e) => [e.title, e.mentions, e.score])).toEqual([
      ['Ondermijning', 2, 20],
      ['Jeugdoverlast', 1, 9],
      ['Radicalisering en polarisering', 1, 9],
    ]);
    expect(ranking.partners).toEqual([
      expect.objectContaining({
        organisationName: 'Openbaar Ministerie Midden-Nederland',
        priorities: [
          expect.objectContaining({ title: 'Ondermijning (waaronder hennep)' }),
          expect.objectContaining({ title: 'Cybercrime' }),
        ],
      }),
    ]);
    expect(ranking.byDistrict.map((d) => d.districtName).sort()).toEqual([
      'District Flevoland',
      'District Stad-Utrecht',
    ]);

    const csv = await api.get(DEMO.secretariaat, `/api/inventories/${inventoryId}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="inventarisatie-/);
    const text = csv.text ?? (csv.body as Buffer).toString('utf8');
    expect(text).toContain('"Ranglijst gemeenten";"";"";"1";"Ondermijning";"2";"20"');
    expect(text).toContain('"Antwoord";"Gemeente Utrecht";"District Stad-Utrecht";"2";"Radicalisering en polarisatie"');
  });

  it('after the deadline the contact can no longer change the answer; the secretariat still can, on behalf', async () => {
    const late = await newInventory();
    await t.app.get(DataSource).query('UPDATE inventories SET deadline = current_date - 2 WHERE id = $1', [late.id]);
    const path = `/api/inventories/${late.id}/responses/${org.lelystad}`;
    const refused = await put(CONTACT, path, { priorities: [{ title: 'Geweld', rank: 1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual(errorBody('CONFLICT'));
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/termijn is verstreken/);
    expect((expectStatus(await api.get(CONTACT, path), 200).body as InventoryResponse).status).toBe('niet_gestart');
    const entered = expectStatus(
      await put(DEMO.secretariaat, path, { priorities: [{ title: 'Geweld', rank: 1 }], submit: true }),
      200,
    ).body as InventoryResponse;
    expect(entered).toMatchObject({ status: 'ingediend', onBehalf: true });
  });

  it('criteria and proposed themes scored against them; questions to bodies; the proposal becomes the concept’s themes', async () => {
    const base = `/api/inventories/${inventoryId}`;
    expectStatus(
      await put(DEMO.secretariaat, `${base}/criteria`, {
        criteria: ['Meerderheid noemt het', 'Vraagt meer dan regulier', 'Urgent'],
      }),
      200,
    );
    const mismatch = await put(DEMO.secretariaat, `${base}/proposed-themes`, {
      themes: [{ title: 'Ondermijning', scores: [3, 2] }],
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual(errorBody('VALIDATION_FAILED'));
    const outOfRange = await put(DEMO.secretariaat, `${base}/proposed-themes`, {
      themes: [{ title: 'Ondermijning', scores: [3, 2, 7] }],
    });
    expect(outOfRange.status).toBe(400);
    const themes = expectStatus(
      await put(DEMO.secretariaat, `${base}/proposed-themes`, {
        themes: [
          {
            title: 'Ondermijning',
            scope: 'drugs, vastgoed, mensenhandel',
            scores: [3, 3, 2],
            supports: ['Ondermijning'],
          },
          {
            title: 'Polarisatie en radicalisering',
            scope: 'online en offline',
            scores: [1, 2, 3],
            supports: ['Radicalisering en polarisering'],
          },
        ],
      }),
      200,
    ).body as InventoryDetail;
    expect(themes.proposedThemes[0]).toEqual({
      title: 'Ondermijning',
      scope: 'drugs, vastgoed, mensenhandel',
      scores: [3, 3, 2],
      supports: ['Ondermijning'],
    });
    const bodies = expectStatus(
      await put(DEMO.secretariaat, `${base}/body-questions`, {
        questions: [
          {
            question: 'Herkent u zich in de opgehaalde prioriteiten?',
            answers: [{ body: 'District Flevoland', answer: 'Ja, in grote lijnen.' }],
          },
        ],
      }),
      200,
    ).body as InventoryDetail;
    // Not the name of a governance body: kept as text, not linked (docs/strategy-cycle.md).
    expect(bodies.bodyQuestions[0].answers).toEqual([
      { body: 'District Flevoland', bodyId: null, answer: 'Ja, in grote lijnen.' },
    ]);
    expect((await put(CONTACT, `${base}/criteria`, { criteria: [] })).status).toBe(403);
    expect((await put(DEMO.rvc, `${base}/proposed-themes`, { themes: [] })).status).toBe(403);

    const concept = expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Concept strategie 2027-2030'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body as { id: string };
    const adopted = expectStatus(await api.post(DEMO.secretariaat, `${base}/adopt`, { strategyId: concept.id }), 201)
      .body as InventoryDetail;
    expect(adopted.adoptedStrategyId).toBe(concept.id);
    const strategy = expectStatus(await api.get(DEMO.secretariaat, `/api/strategies/${concept.id}`), 200).body as {
      themes: Array<{ title: string; description: string }>;
    };
    expect(strategy.themes.map((th) => [th.title, th.description])).toEqual([
      // Strategy texts are rich text (sanitised HTML): the proposal's plain description becomes a paragraph.
      ['Ondermijning', '<p>drugs, vastgoed, mensenhandel</p>'],
      ['Polarisatie en radicalisering', '<p>online en offline</p>'],
    ]);
    const again = await api.post(DEMO.secretariaat, `${base}/adopt`, { strategyId: concept.id });
    expect(again.status).toBe(409);
  });
});

// Several instances on one database need a real PostgreSQL (the embedded database belongs to one process).
const withPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withPostgres('inventory reminders across instances (PostgreSQL)', () => {
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

  it('reminds each contact of an unanswered organisation once before the deadline, however many instances run', async () => {
    const lelystad = await api.organisationId('Gemeente Lelystad');
    const utrecht = await api.organisationId('Gemeente Utrecht');
    const contacts = [await api.userId(CONTACT), await api.userId('ambtelijk.onrust@demo.koers.nl')];
    const utrechtContact = await api.userId('ambtelijk.ondermijning@demo.koers.nl');
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Herinnering inventarisatie'),
        deadline: addDays(todayInNetherlands(), 2),
        organisationIds: [lelystad, utrecht],
        contacts: [
          { organisationId: lelystad, userIds: contacts },
          { organisationId: utrecht, userIds: [utrechtContact] },
        ],
      }),
      201,
    ).body as InventoryDetail;
    // Utrecht has answered: its contact is not reminded.
    expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/inventories/${created.id}/responses/${utrecht}`, {
        priorities: [{ title: 'Ondermijning', rank: 1 }],
        submit: true,
      }),
      200,
    );
    const jobs = [one.app.get(ReminderJob), two.app.get(ReminderJob)];
    await Promise.all(Array.from({ length: 6 }, (_, i) => jobs[i % 2].runOnce()));
    const rows: Array<{ userId: string; n: number; link: string }> = await one.app.get(DataSource).query(
      `SELECT user_id AS "userId", count(*)::int AS n, min(link) AS link FROM notifications
          WHERE entity_type = 'inventory' AND entity_id = $1 AND kind <> 'contactpersoon'
          GROUP BY user_id ORDER BY user_id`,
      [created.id],
    );
    expect(rows.map((r) => [r.userId, r.n]).sort()).toEqual(contacts.map((id) => [id, 1]).sort());
    expect(rows[0].link).toBe(`/cyclus/inventarisaties/${created.id}/antwoord/${lelystad}`);
    const inbox = expectStatus(await api.get(CONTACT, '/api/me/notifications?limit=50'), 200).body as {
      items: Array<{ title: string; kind: string }>;
    };
    expect(inbox.items.find((n) => n.title.includes('Herinnering inventarisatie'))).toMatchObject({
      kind: 'binnenkort',
    });
  });

  it('sends no reminder when the deadline is further away than the reminder window', async () => {
    const lelystad = await api.organisationId('Gemeente Lelystad');
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Verre inventarisatie'),
        deadline: addDays(todayInNetherlands(), 30),
        organisationIds: [lelystad],
        contacts: [{ organisationId: lelystad, userIds: [await api.userId(CONTACT)] }],
      }),
      201,
    ).body as InventoryDetail;
    await one.app.get(ReminderJob).runOnce();
    const [{ n }] = await one.app
      .get(DataSource)
      .query(
        "SELECT count(*)::int AS n FROM notifications WHERE entity_type = 'inventory' AND entity_id = $1 AND kind <> 'contactpersoon'",
        [created.id],
      );
    expect(n).toBe(0);
  });
});
