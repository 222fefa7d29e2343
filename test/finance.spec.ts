import type { BudgetLine, Contribution, ContributionList } from '@koers/contracts';
import { Api, DEMO, errorBody, expectStatus } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The financing of the bureau (docs/strategy-cycle.md): contributions per partner per year in whole euro
 * cents, totals per partner type, budget lines; kept by the secretariat, read by RVC members, hidden from
 * everyone else. The demo seeds 2019 from seed 002.
 */
describe('financing of the bureau', () => {
  let t: TestApp;
  let api: Api;
  const YEAR = 2031;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
  });
  afterAll(() => t.close());

  it('the demo holds the 2019 figures of seed 002: gemeenten 319,000 (Hilversum 14,000 of it), OM 91,000, police 267,000', async () => {
    const list = expectStatus(await api.get(DEMO.rvc, '/api/contributions?year=2019'), 200).body as ContributionList;
    const total = (type: string) => list.totals.find((x) => x.partnerType === type)?.amountCents;
    expect([total('gemeente'), total('openbaar_ministerie'), total('politie')]).toEqual([
      31_900_000, 9_100_000, 26_700_000,
    ]);
    expect(list.items.find((c) => c.organisationName === 'Gemeente Hilversum')).toMatchObject({
      amountCents: 1_400_000,
      basis: 'vast',
    });
    expect(list.years).toEqual([
      { year: 2019, contributionsCents: 67_700_000, budgetCents: 67_700_000, balanceCents: 0 },
    ]);
  });

  it('the secretariat records contributions: fixed, or per inhabitant computed exactly in cents', async () => {
    const amersfoort = await api.organisationId('Gemeente Amersfoort');
    const fixed = expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        organisationId: await api.organisationId('Gemeente Utrecht'),
        year: YEAR,
        amountCents: 4_512_345,
      }),
      201,
    ).body as Contribution;
    expect(fixed).toMatchObject({ partnerType: 'gemeente', amountCents: 4_512_345, basis: 'vast' });
    const perInhabitant = expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        organisationId: amersfoort,
        year: YEAR,
        basis: 'per_inwoner',
        inhabitants: 160_123,
        centsPerInhabitant: 17,
      }),
      201,
    ).body as Contribution;
    expect(perInhabitant.amountCents).toBe(2_722_091);
    const list = expectStatus(await api.get(DEMO.secretariaat, `/api/contributions?year=${YEAR}`), 200)
      .body as ContributionList;
    expect(list.totals).toEqual([{ year: YEAR, partnerType: 'gemeente', amountCents: 4_512_345 + 2_722_091 }]);
    const budget = expectStatus(
      await api.post(DEMO.secretariaat, '/api/budget-lines', {
        year: YEAR,
        title: 'Personeel',
        amountCents: 5_000_000,
      }),
      201,
    ).body as BudgetLine;
    expect(budget.amountCents).toBe(5_000_000);
    const after = expectStatus(await api.get(DEMO.rvc, `/api/contributions?year=${YEAR}`), 200)
      .body as ContributionList;
    expect(after.years).toEqual([
      { year: YEAR, contributionsCents: 7_234_436, budgetCents: 5_000_000, balanceCents: 2_234_436 },
    ]);
  });

  it('refuses floats, negative amounts, a second contribution for the same year and a wrong product with a Dutch 400', async () => {
    const utrecht = await api.organisationId('Gemeente Utrecht');
    const lelystad = await api.organisationId('Gemeente Lelystad');
    const before = (
      expectStatus(await api.get(DEMO.secretariaat, `/api/contributions?year=${YEAR}`), 200).body as ContributionList
    ).items.length;
    for (const body of [
      { organisationId: lelystad, year: YEAR, amountCents: 1400.5 },
      { organisationId: lelystad, year: YEAR, amountCents: -1 },
      { organisationId: lelystad, year: YEAR, amountCents: '1400000' },
      { organisationId: lelystad, year: 1899, amountCents: 100 },
      { organisationId: utrecht, year: YEAR, amountCents: 100 },
      {
        organisationId: lelystad,
        year: YEAR,
        basis: 'per_inwoner',
        inhabitants: 100,
        centsPerInhabitant: 10,
        amountCents: 999,
      },
      { organisationId: lelystad, year: YEAR, basis: 'per_inwoner' },
      { year: YEAR, amountCents: 100 },
    ]) {
      const response = await api.post(DEMO.secretariaat, '/api/contributions', body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
    }
    const floatMessage = await api.post(DEMO.secretariaat, '/api/contributions', {
      organisationId: lelystad,
      year: YEAR,
      amountCents: 1400.5,
    });
    expect(JSON.stringify(floatMessage.body)).toContain('hele eurocenten');
    expect(
      (expectStatus(await api.get(DEMO.secretariaat, `/api/contributions?year=${YEAR}`), 200).body as ContributionList)
        .items.length,
    ).toBe(before);
  });

  it('a collective line without an organisation needs a partner type and a name', async () => {
    const line = expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        partnerType: 'gemeente',
        label: 'Overige gemeenten',
        year: YEAR + 1,
        amountCents: 100,
      }),
      201,
    ).body as Contribution;
    expect(line).toMatchObject({ organisationId: null, label: 'Overige gemeenten', partnerType: 'gemeente' });
  });

  it('RVC members read (and export) but change nothing; others see nothing; every refusal is audited', async () => {
    const lelystad = await api.organisationId('Gemeente Lelystad');
    expect(
      (await api.post(DEMO.rvc, '/api/contributions', { organisationId: lelystad, year: YEAR, amountCents: 1 })).status,
    ).toBe(403);
    // Permission before validation: the RVC member's bad body is still a 403.
    expect((await api.post(DEMO.rvc, '/api/contributions', { amountCents: 'veel' })).status).toBe(403);
    expect((await api.get(DEMO.rvc, '/api/finance/export.csv?year=2019')).status).toBe(200);
    for (const who of [DEMO.aanjagerCyber, DEMO.ovjOndermijning, DEMO.riec]) {
      expect((await api.get(who, '/api/contributions')).status).toBe(403);
      expect((await api.get(who, '/api/budget-lines')).status).toBe(403);
      expect((await api.get(who, '/api/finance/export.csv')).status).toBe(403);
    }
    const denied = await api.audit({ outcome: 'denied', actorId: await api.userId(DEMO.riec), limit: 5 });
    expect(denied.items[0]).toMatchObject({ action: 'finance.export', entityType: 'finance' });
    expect((await t.http().get('/api/contributions')).status).toBe(401);
  });

  it('exports a year as CSV with exact euro amounts', async () => {
    const csv = await api.get(DEMO.secretariaat, '/api/finance/export.csv?year=2019');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = csv.text;
    expect(text).toContain(
      '"Bijdrage";"2019";"Gemeente Hilversum";"gemeente";"vast bedrag";"";"";"€ 14.000,00";"1400000"',
    );
    expect(text).toContain('"Totaal per type";"2019";"";"politie";"";"";"";"€ 267.000,00";"26700000"');
  });

  it('updates and deletes with the version (If-Match), audited', async () => {
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/budget-lines', { year: YEAR, title: 'Huisvesting', amountCents: 100 }),
      201,
    );
    const id = (created.body as BudgetLine).id;
    const stale = await t
      .http()
      .patch(`/api/budget-lines/${id}`)
      .set('Authorization', `Bearer ${await api.token(DEMO.secretariaat)}`)
      .set('If-Match', '"7"')
      .send({ year: YEAR, title: 'Huisvesting', amountCents: 200 });
    expect(stale.status).toBe(409);
    const updated = expectStatus(
      await t
        .http()
        .patch(`/api/budget-lines/${id}`)
        .set('Authorization', `Bearer ${await api.token(DEMO.secretariaat)}`)
        .set('If-Match', `"${(created.body as BudgetLine).version}"`)
        .send({ year: YEAR, title: 'Huisvesting', amountCents: 200 }),
      200,
    ).body as BudgetLine;
    expect(updated).toMatchObject({ amountCents: 200, version: 2 });
    expectStatus(await api.delete(DEMO.secretariaat, `/api/budget-lines/${id}`), 204);
    expect((await api.delete(DEMO.secretariaat, `/api/budget-lines/${id}`)).status).toBe(404);
    const audit = await api.audit({ entityId: id, limit: 5 });
    // The stale save is audited as a refusal (versioning interceptor), beside the three changes.
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'budget_line.update',
      'finance.budget.create',
      'finance.budget.delete',
      'finance.budget.update',
    ]);
  });

  it('a contribution changes field by field (PATCH): the rest is kept, a per-inhabitant amount is computed again', async () => {
    const lelystad = await api.organisationId('Gemeente Lelystad');
    const created = expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        organisationId: lelystad,
        year: YEAR + 1,
        amountCents: 123_456,
        note: 'Begroting 2032',
      }),
      201,
    ).body as Contribution;
    // Only the amount: organisation, year, basis and note stay.
    const changed = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/contributions/${created.id}`, {
        amountCents: 123_457,
        version: created.version,
      }),
      200,
    ).body as Contribution;
    expect(changed).toMatchObject({
      organisationId: lelystad,
      year: YEAR + 1,
      basis: 'vast',
      amountCents: 123_457,
      note: 'Begroting 2032',
      version: created.version + 1,
    });
    // To per inhabitant: the amount follows; then only the amount per inhabitant: computed again.
    const perInhabitant = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/contributions/${created.id}`, {
        basis: 'per_inwoner',
        inhabitants: 80_000,
        centsPerInhabitant: 17,
        version: changed.version,
      }),
      200,
    ).body as Contribution;
    expect(perInhabitant).toMatchObject({ basis: 'per_inwoner', amountCents: 1_360_000 });
    const again = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/contributions/${created.id}`, {
        centsPerInhabitant: 21,
        version: perInhabitant.version,
      }),
      200,
    ).body as Contribution;
    expect(again.amountCents).toBe(1_680_000);
    // Refused clearly and changing nothing: a float, a stale version, another contribution's year, a non-member.
    const float = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/contributions/${created.id}`, { amountCents: 12.5 }),
      400,
    );
    expect(float.body).toEqual(errorBody('VALIDATION_FAILED'));
    expect(
      (
        await api.patch(DEMO.secretariaat, `/api/contributions/${created.id}`, {
          note: 'oud',
          version: perInhabitant.version,
        })
      ).status,
    ).toBe(409);
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/contributions', {
        organisationId: lelystad,
        year: YEAR + 2,
        amountCents: 1,
      }),
      201,
    );
    const clash = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/contributions/${created.id}`, { year: YEAR + 2 }),
      400,
    );
    expect(clash.body.error.fields[0]).toMatchObject({ field: 'year' });
    expect((await api.patch(DEMO.rvc, `/api/contributions/${created.id}`, { note: 'x' })).status).toBe(403);
    const list = expectStatus(await api.get(DEMO.secretariaat, `/api/contributions?year=${YEAR + 1}`), 200)
      .body as ContributionList;
    expect(list.items.find((c) => c.id === created.id)).toMatchObject({ amountCents: 1_680_000, year: YEAR + 1 });
    // A budget line's title alone.
    const line = expectStatus(
      await api.post(DEMO.secretariaat, '/api/budget-lines', { year: YEAR + 1, title: 'Personeel', amountCents: 500 }),
      201,
    ).body as BudgetLine;
    const renamed = expectStatus(
      await api.patch(DEMO.secretariaat, `/api/budget-lines/${line.id}`, { title: 'Personeel bureau', version: 1 }),
      200,
    ).body as BudgetLine;
    expect(renamed).toMatchObject({ title: 'Personeel bureau', amountCents: 500, year: YEAR + 1 });
  });
});
