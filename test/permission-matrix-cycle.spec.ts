import { addDays, todayInNetherlands } from '@koers/core';
import { AdoptionController } from '../apps/api/src/http/adoption.controller';
import { BodiesController } from '../apps/api/src/http/bodies.controller';
import { ConsultationsController } from '../apps/api/src/http/consultations.controller';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';
import {
  Caller,
  CALLER_KINDS,
  CALLERS,
  deniedCount,
  expectOutcome,
  OutcomeTable,
  READ,
  routesOf,
  SECRETARIAT,
} from './support/permission-matrix';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every route of the strategy cycle's consultation, adoption and governance controllers against every kind of
 * caller (test/support/permission-matrix.ts; docs/strategy-cycle.md). The consultation asks Lelystad and
 * Utrecht with named contacts: the aanjager (Lelystad's named contact) answers for it, the waarnemer (Utrecht's
 * named contact) reads but may not answer for Lelystad, the ambtelijk seat (a Lelystad user who is not named)
 * does not know it, the RVC reads, the OM (lid), the RIEC (gast) and Amersfoort (otherWorkgroup) do not know it. The body has the aanjager as a person and the OM as an organisation.
 * Every refusal of a signed-in caller is audited.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const CYCLE_CONTROLLERS = [ConsultationsController, AdoptionController, BodiesController];

/** Seen by the secretariat, the RVC and the named contacts; nobody else knows it. */
const CONSULTATION_READ: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 404,
  ambtelijk: 404,
  gast: 404,
  waarnemer: 'ok',
  rvc: 'ok',
  otherWorkgroup: 404,
  anonymous: 401,
};
const CONSULTATION_MANAGE: OutcomeTable = {
  ...CONSULTATION_READ,
  aanjager: 403,
  waarnemer: 403,
  rvc: 403,
};
/** Lelystad's answer: the secretariat and Lelystad's named contact. */
const ANSWER_LELYSTAD: OutcomeTable = { ...CONSULTATION_MANAGE, aanjager: 'ok' };
const REPORTING_READ: OutcomeTable = { ...SECRETARIAT, rvc: 'ok' };
/** The body: the secretariat, its person member (aanjager) and the users of its member organisation (lid: OM). */
const BODY_READ: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 'ok',
  ambtelijk: 404,
  gast: 404,
  waarnemer: 404,
  rvc: 404,
  otherWorkgroup: 404,
  anonymous: 401,
};
const BODY_MANAGE: OutcomeTable = { ...BODY_READ, aanjager: 403, lid: 403 };

interface Route {
  method: Method;
  pattern: string;
  expected: OutcomeTable;
  target: (caller: Caller) => Promise<{ path: string; body?: object }> | { path: string; body?: object };
}

describe('permission matrix: consultation, adoption, governance bodies', () => {
  let t: TestApp;
  let api: Api;
  const f = {
    strategyId: '',
    consultationId: '',
    lelystad: '',
    utrecht: '',
    lelystadContact: '',
    pointId: '',
    bodyId: '',
    meetingId: '',
    workgroupThemeStrategy: '',
  };

  const concept = async () =>
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Matrixstrategie'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id as string;
  const point = async () =>
    expectStatus(
      await api.post(DEMO.secretariaat, `/api/consultations/${f.consultationId}/points`, {
        organisationId: f.utrecht,
        kind: 'wens',
        text: unique('Punt'),
      }),
      201,
    ).body.id as string;
  const meeting = async () =>
    expectStatus(
      await api.post(DEMO.secretariaat, `/api/bodies/${f.bodyId}/meetings`, {
        title: unique('Matrixvergadering'),
        startsAt: '2027-03-01T10:00:00+01:00',
        endsAt: '2027-03-01T12:00:00+01:00',
      }),
      201,
    ).body.id as string;
  /** A body without meetings, with the aanjager and the OM as members (so they see it and get a 403). */
  const memberBody = async () => {
    const id = expectStatus(
      await api.post(DEMO.secretariaat, '/api/bodies', { kind: 'overig', name: unique('Weg te halen orgaan') }),
      201,
    ).body.id as string;
    expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${id}/members`, {
        members: [
          { userId: await api.userId(CALLERS.aanjager!) },
          { organisationId: await api.organisationId('Openbaar Ministerie Midden-Nederland') },
        ],
      }),
      200,
    );
    return id;
  };
  const dischargeable = async () => {
    const themeId = expectStatus(
      await api.post(DEMO.secretariaat, `/api/strategies/${f.workgroupThemeStrategy}/themes`, {
        title: unique('Thema'),
      }),
      201,
    ).body.id;
    return expectStatus(
      await api.post(DEMO.secretariaat, '/api/workgroups', { themeId, name: unique('Werkgroep') }),
      201,
    ).body.id as string;
  };

  const ROUTES: Route[] = [
    { method: 'GET', pattern: '/api/consultations', expected: READ, target: () => ({ path: '/api/consultations' }) },
    {
      method: 'POST',
      pattern: '/api/consultations',
      expected: SECRETARIAT,
      target: async () => ({
        path: '/api/consultations',
        body: {
          strategyId: await concept(),
          deadline: addDays(todayInNetherlands(), 30),
          organisationIds: [f.utrecht],
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/consultations/:id',
      expected: CONSULTATION_READ,
      target: () => ({ path: `/api/consultations/${f.consultationId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/consultations/:id',
      expected: CONSULTATION_MANAGE,
      target: () => ({
        path: `/api/consultations/${f.consultationId}`,
        body: { title: unique('Consultatie') },
      }),
    },
    {
      method: 'PUT',
      pattern: '/api/consultations/:id/contacts/:organisationId',
      expected: CONSULTATION_MANAGE,
      target: () => ({
        path: `/api/consultations/${f.consultationId}/contacts/${f.lelystad}`,
        body: { userIds: [f.lelystadContact] },
      }),
    },
    {
      method: 'PUT',
      pattern: '/api/consultations/:id/responses/:organisationId',
      expected: ANSWER_LELYSTAD,
      target: () => ({
        path: `/api/consultations/${f.consultationId}/responses/${f.lelystad}`,
        body: { decidedOn: todayInNetherlands(), outcome: 'wensen', text: unique('Reactie') },
      }),
    },
    {
      method: 'POST',
      pattern: '/api/consultations/:id/points',
      expected: CONSULTATION_MANAGE,
      target: () => ({
        path: `/api/consultations/${f.consultationId}/points`,
        body: { organisationId: f.utrecht, kind: 'bedenking', text: unique('Bedenking') },
      }),
    },
    {
      method: 'PATCH',
      pattern: '/api/consultation-points/:id',
      expected: CONSULTATION_MANAGE,
      target: () => ({ path: `/api/consultation-points/${f.pointId}`, body: { response: 'verwerkt' } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/consultation-points/:id',
      expected: CONSULTATION_MANAGE,
      target: async () => ({ path: `/api/consultation-points/${await point()}` }),
    },
    {
      method: 'GET',
      pattern: '/api/consultations/:id/nota',
      expected: CONSULTATION_READ,
      target: () => ({ path: `/api/consultations/${f.consultationId}/nota?format=md` }),
    },
    {
      method: 'POST',
      pattern: '/api/strategies/:id/adoption',
      expected: SECRETARIAT,
      target: async () => ({
        path: `/api/strategies/${await concept()}/adoption`,
        body: { adoptedOn: todayInNetherlands(), decisionReference: 'RVC matrix' },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/strategies/:id/adoption',
      expected: REPORTING_READ,
      target: () => ({ path: `/api/strategies/${f.strategyId}/adoption` }),
    },
    {
      method: 'POST',
      pattern: '/api/strategies/:id/close',
      expected: SECRETARIAT,
      target: async () => {
        const id = await concept();
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/strategies/${id}/adoption`, {
            adoptedOn: todayInNetherlands(),
            decisionReference: 'RVC matrix',
          }),
          200,
        );
        return { path: `/api/strategies/${id}/close` };
      },
    },
    {
      method: 'GET',
      pattern: '/api/strategies/:id/workgroups',
      expected: REPORTING_READ,
      target: () => ({ path: `/api/strategies/${f.workgroupThemeStrategy}/workgroups` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/transition',
      expected: SECRETARIAT,
      target: async () => ({
        path: `/api/workgroups/${await dischargeable()}/transition`,
        body: { action: 'discharge' },
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/workgroups/:id/discharge',
      expected: SECRETARIAT,
      target: async () => {
        const id = await dischargeable();
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/workgroups/${id}/transition`, { action: 'discharge' }),
          200,
        );
        return { path: `/api/workgroups/${id}/discharge` };
      },
    },
    { method: 'GET', pattern: '/api/bodies', expected: READ, target: () => ({ path: '/api/bodies' }) },
    {
      method: 'POST',
      pattern: '/api/bodies',
      expected: SECRETARIAT,
      target: () => ({ path: '/api/bodies', body: { kind: 'overig', name: unique('Orgaan') } }),
    },
    {
      method: 'GET',
      pattern: '/api/bodies/:id',
      expected: BODY_READ,
      target: () => ({ path: `/api/bodies/${f.bodyId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/bodies/:id',
      expected: BODY_MANAGE,
      target: () => ({ path: `/api/bodies/${f.bodyId}`, body: { description: unique('Omschrijving') } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/bodies/:id',
      expected: BODY_MANAGE,
      target: async () => ({ path: `/api/bodies/${await memberBody()}` }),
    },
    {
      method: 'PUT',
      pattern: '/api/bodies/:id/members',
      expected: BODY_MANAGE,
      target: async () => ({
        path: `/api/bodies/${f.bodyId}/members`,
        body: {
          members: [
            { userId: await api.userId(CALLERS.aanjager!) },
            { organisationId: await api.organisationId('Openbaar Ministerie Midden-Nederland') },
          ],
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/bodies/:id/meetings',
      expected: BODY_READ,
      target: () => ({ path: `/api/bodies/${f.bodyId}/meetings` }),
    },
    {
      method: 'POST',
      pattern: '/api/bodies/:id/meetings',
      expected: BODY_MANAGE,
      target: () => ({
        path: `/api/bodies/${f.bodyId}/meetings`,
        body: { title: unique('Vergadering'), startsAt: '2027-04-01T10:00:00Z', endsAt: '2027-04-01T11:00:00Z' },
      }),
    },
    { method: 'GET', pattern: '/api/meetings', expected: READ, target: () => ({ path: '/api/meetings' }) },
    {
      method: 'GET',
      pattern: '/api/meetings/:id',
      expected: BODY_READ,
      target: () => ({ path: `/api/meetings/${f.meetingId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/meetings/:id',
      expected: BODY_MANAGE,
      target: () => ({ path: `/api/meetings/${f.meetingId}`, body: { location: unique('Zaal') } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/meetings/:id',
      expected: BODY_MANAGE,
      target: async () => ({ path: `/api/meetings/${await meeting()}` }),
    },
  ];

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    f.lelystad = await api.organisationId('Gemeente Lelystad');
    f.utrecht = await api.organisationId('Gemeente Utrecht');
    f.strategyId = await concept();
    f.lelystadContact = await api.userId(CALLERS.aanjager!);
    f.workgroupThemeStrategy = await concept();
    f.consultationId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/consultations', {
        strategyId: f.strategyId,
        deadline: addDays(todayInNetherlands(), 30),
        organisationIds: [f.lelystad, f.utrecht],
        contacts: [
          { organisationId: f.lelystad, userIds: [f.lelystadContact] },
          { organisationId: f.utrecht, userIds: [await api.userId(CALLERS.waarnemer!)] },
        ],
      }),
      201,
    ).body.id;
    f.pointId = await point();
    f.bodyId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/bodies', { kind: 'stuurgroep', name: unique('Matrixorgaan') }),
      201,
    ).body.id;
    expectStatus(
      await api.request(DEMO.secretariaat, 'PUT', `/api/bodies/${f.bodyId}/members`, {
        members: [
          { userId: await api.userId(CALLERS.aanjager!) },
          { organisationId: await api.organisationId('Openbaar Ministerie Midden-Nederland') },
        ],
      }),
      200,
    );
    f.meetingId = await meeting();
  });
  afterAll(() => t.close());

  describe.each(ROUTES.map((r) => [`${r.method} ${r.pattern}`, r] as const))('%s', (_, route) => {
    it.each(CALLER_KINDS)('as %s', async (caller) => {
      const email = CALLERS[caller];
      const target = await route.target(caller);
      const before = email ? await deniedCount(api, email) : 0;
      const response = await api.request(email, route.method, target.path, target.body);
      const expected = route.expected[caller];
      expectOutcome(`${route.method} ${target.path} as ${caller}`, response, expected, []);
      if (email && expected !== 'ok') expect(await deniedCount(api, email)).toBe(before + 1);
    });
  });

  it('lists every route of the controllers it covers, and no other', () => {
    const inControllers = [...new Set(CYCLE_CONTROLLERS.flatMap(routesOf))].sort();
    const inMatrix = [...new Set(ROUTES.map((r) => `${r.method} ${r.pattern}`))].sort();
    expect(inMatrix).toEqual(inControllers);
  });
});
