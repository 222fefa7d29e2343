import { addDays, todayInNetherlands } from '@koers/core';
import { FinanceController } from '../apps/api/src/http/finance.controller';
import { InventoriesController } from '../apps/api/src/http/inventories.controller';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';
import {
  Caller,
  CALLER_KINDS,
  CALLERS,
  deniedCount,
  expectDenialAudited,
  expectOutcome,
  OutcomeTable,
  READ,
  routesOf,
  SECRETARIAT,
} from './support/permission-matrix';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every route of the strategy cycle's inventory and finance controllers against every kind of caller
 * (docs/strategy-cycle.md). The inventory asks Gemeente Lelystad (its contact: the matrix's aanjager,
 * Burgemeester Lelystad), Gemeente Utrecht and the OM; the other callers are not contacts in it.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Reading an inventory: the secretariat, RVC members and its contact people; for anyone else it does not exist. */
const INVENTORY_READ: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 404,
  ambtelijk: 404,
  gast: 404,
  waarnemer: 404,
  rvc: 'ok',
  otherWorkgroup: 404,
  anonymous: 401,
};
/** The secretariat's work on an inventory: a contact and RVC members see it (403), the rest do not (404). */
const INVENTORY_MANAGE: OutcomeTable = { ...INVENTORY_READ, aanjager: 403, rvc: 403 };
/** The overview (ranking, export): the secretariat and RVC members. */
const INVENTORY_OVERVIEW: OutcomeTable = { ...INVENTORY_READ, aanjager: 403 };
/** Writing an organisation's answer: the secretariat (on behalf) and that organisation's contact. */
const RESPONSE_WRITE: OutcomeTable = { ...INVENTORY_READ, rvc: 403 };
/** The financing: the secretariat and RVC members read; nobody else. */
const FINANCE_READ: OutcomeTable = { ...SECRETARIAT, rvc: 'ok' };

interface Route {
  method: Method;
  pattern: string;
  expected: OutcomeTable;
  target: (caller: Caller) => Promise<{ path: string; body?: object }>;
}

describe('permission matrix: the strategy cycle (inventory, finance)', () => {
  let t: TestApp;
  let api: Api;
  const f = { inventoryId: '', lelystad: '', utrecht: '', contactId: '' };

  const asSecretariat = async <T>(method: Method, path: string, body?: object) => {
    const response = await api.request(DEMO.secretariaat, method, path, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const newInventory = async () =>
    (
      await asSecretariat<{ id: string }>('POST', '/api/inventories', {
        title: unique('Matrix inventarisatie'),
        deadline: addDays(todayInNetherlands(), 10),
        organisationIds: [f.lelystad, f.utrecht],
        contacts: [{ organisationId: f.lelystad, userIds: [f.contactId] }],
      })
    ).id;
  const newContribution = async () =>
    (
      await asSecretariat<{ id: string }>('POST', '/api/contributions', {
        partnerType: 'partner',
        label: unique('Matrix bijdrage'),
        year: 2040,
        amountCents: 100,
      })
    ).id;
  const newBudgetLine = async () =>
    (
      await asSecretariat<{ id: string }>('POST', '/api/budget-lines', {
        year: 2040,
        title: 'Matrix post',
        amountCents: 1,
      })
    ).id;
  /** A fresh inventory for the secretariat's changes, the matrix inventory for everyone else's attempts. */
  const inventoryFor = async (caller: Caller) => (caller === 'secretariat' ? newInventory() : f.inventoryId);

  const ROUTES: Route[] = [
    { method: 'GET', pattern: '/api/inventories', expected: READ, target: async () => ({ path: '/api/inventories' }) },
    {
      method: 'POST',
      pattern: '/api/inventories',
      expected: SECRETARIAT,
      target: async () => ({
        path: '/api/inventories',
        body: {
          title: unique('Nieuwe inventarisatie'),
          deadline: addDays(todayInNetherlands(), 5),
          organisationIds: [f.utrecht],
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/inventories/:id',
      expected: INVENTORY_READ,
      target: async () => ({ path: `/api/inventories/${f.inventoryId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/inventories/:id',
      expected: INVENTORY_MANAGE,
      target: async (c) => ({ path: `/api/inventories/${await inventoryFor(c)}`, body: { title: unique('Hernoemd') } }),
    },
    {
      method: 'PUT',
      pattern: '/api/inventories/:id/contacts/:organisationId',
      expected: INVENTORY_MANAGE,
      target: async (c) => ({
        path: `/api/inventories/${await inventoryFor(c)}/contacts/${f.lelystad}`,
        body: { userIds: [f.contactId] },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/inventories/:id/responses/:organisationId',
      expected: INVENTORY_READ,
      target: async () => ({ path: `/api/inventories/${f.inventoryId}/responses/${f.lelystad}` }),
    },
    {
      method: 'PUT',
      pattern: '/api/inventories/:id/responses/:organisationId',
      expected: RESPONSE_WRITE,
      target: async () => ({
        path: `/api/inventories/${f.inventoryId}/responses/${f.lelystad}`,
        body: { priorities: [{ title: 'Ondermijning', rank: 1 }] },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/inventories/:id/ranking',
      expected: INVENTORY_OVERVIEW,
      target: async () => ({ path: `/api/inventories/${f.inventoryId}/ranking` }),
    },
    {
      method: 'GET',
      pattern: '/api/inventories/:id/export.csv',
      expected: INVENTORY_OVERVIEW,
      target: async () => ({ path: `/api/inventories/${f.inventoryId}/export.csv` }),
    },
    {
      method: 'PUT',
      pattern: '/api/inventories/:id/name-groups',
      expected: INVENTORY_MANAGE,
      target: async (c) => ({ path: `/api/inventories/${await inventoryFor(c)}/name-groups`, body: { groups: [] } }),
    },
    {
      method: 'PUT',
      pattern: '/api/inventories/:id/criteria',
      expected: INVENTORY_MANAGE,
      target: async (c) => ({
        path: `/api/inventories/${await inventoryFor(c)}/criteria`,
        body: { criteria: ['Urgent'] },
      }),
    },
    {
      method: 'PUT',
      pattern: '/api/inventories/:id/proposed-themes',
      expected: INVENTORY_MANAGE,
      target: async (c) => ({
        path: `/api/inventories/${await inventoryFor(c)}/proposed-themes`,
        body: { themes: [] },
      }),
    },
    {
      method: 'PUT',
      pattern: '/api/inventories/:id/body-questions',
      expected: INVENTORY_MANAGE,
      target: async (c) => ({
        path: `/api/inventories/${await inventoryFor(c)}/body-questions`,
        body: { questions: [] },
      }),
    },
    {
      method: 'POST',
      pattern: '/api/inventories/:id/adopt',
      expected: INVENTORY_MANAGE,
      target: async (c) => {
        const strategy = await asSecretariat<{ id: string }>('POST', '/api/strategies', {
          title: unique('Matrix concept'),
          periodStart: '2027-01-01',
          periodEnd: '2030-12-31',
        });
        const id = await inventoryFor(c);
        if (c === 'secretariat')
          await asSecretariat('PUT', `/api/inventories/${id}/proposed-themes`, {
            themes: [{ title: 'Matrix thema', scores: [] }],
          });
        return { path: `/api/inventories/${id}/adopt`, body: { strategyId: strategy.id } };
      },
    },
    {
      method: 'GET',
      pattern: '/api/contributions',
      expected: FINANCE_READ,
      target: async () => ({ path: '/api/contributions' }),
    },
    {
      method: 'POST',
      pattern: '/api/contributions',
      expected: SECRETARIAT,
      target: async () => ({
        path: '/api/contributions',
        body: { partnerType: 'partner', label: unique('Bijdrage'), year: 2041, amountCents: 5 },
      }),
    },
    {
      method: 'PATCH',
      pattern: '/api/contributions/:id',
      expected: SECRETARIAT,
      target: async () => ({
        path: `/api/contributions/${await newContribution()}`,
        body: { partnerType: 'partner', label: unique('Gewijzigd'), year: 2040, amountCents: 7 },
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/contributions/:id',
      expected: SECRETARIAT,
      target: async () => ({ path: `/api/contributions/${await newContribution()}` }),
    },
    {
      method: 'GET',
      pattern: '/api/budget-lines',
      expected: FINANCE_READ,
      target: async () => ({ path: '/api/budget-lines' }),
    },
    {
      method: 'POST',
      pattern: '/api/budget-lines',
      expected: SECRETARIAT,
      target: async () => ({ path: '/api/budget-lines', body: { year: 2041, title: 'Projecten', amountCents: 5 } }),
    },
    {
      method: 'PATCH',
      pattern: '/api/budget-lines/:id',
      expected: SECRETARIAT,
      target: async () => ({
        path: `/api/budget-lines/${await newBudgetLine()}`,
        body: { year: 2040, title: 'Gewijzigd', amountCents: 9 },
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/budget-lines/:id',
      expected: SECRETARIAT,
      target: async () => ({ path: `/api/budget-lines/${await newBudgetLine()}` }),
    },
    {
      method: 'GET',
      pattern: '/api/finance/export.csv',
      expected: FINANCE_READ,
      target: async () => ({ path: '/api/finance/export.csv' }),
    },
  ];

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    f.lelystad = await api.organisationId('Gemeente Lelystad');
    f.utrecht = await api.organisationId('Gemeente Utrecht');
    f.contactId = await api.userId(CALLERS.aanjager!);
    f.inventoryId = await newInventory();
  });
  afterAll(() => t.close());

  describe.each(ROUTES.map((route) => [`${route.method} ${route.pattern}`, route] as const))('%s', (_, route) => {
    it.each(CALLER_KINDS.map((caller) => [caller, route.expected[caller]] as const))(
      'as %s -> %s',
      async (caller, expected) => {
        const email = CALLERS[caller];
        const target = await route.target(caller);
        const before = email && expected !== 'ok' ? await deniedCount(api, email) : 0;
        const body = target.body ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        const response = await api.request(email, route.method, target.path, body);
        expectOutcome(`${route.method} ${target.path} as ${caller}`, response, expected, [
          'Gemeente Lelystad',
          'Matrix',
        ]);
        if (email && expected !== 'ok') await expectDenialAudited(api, email, before);
      },
    );
  });

  it('refuses before validating: a caller who may not gets the same answer whatever the body', async () => {
    const path = `/api/inventories/${f.inventoryId}/responses/${f.lelystad}`;
    for (const [email, status] of [
      [DEMO.rvc, 403],
      [DEMO.aanjagerCyber, 404],
    ] as const) {
      expect((await api.request(email, 'PUT', path, { priorities: 'onzin' })).status).toBe(status);
    }
    expect(
      expectStatus(await api.request(DEMO.aanjagerCyber, 'POST', '/api/contributions', { year: 'x' }), 403).status,
    ).toBe(403);
  });

  it('lists every route of the inventory and finance controllers', () => {
    const inControllers = [...new Set([InventoriesController, FinanceController].flatMap(routesOf))].sort();
    const inMatrix = [...new Set(ROUTES.map((r) => `${r.method} ${r.pattern}`))].sort();
    expect(inMatrix).toEqual(inControllers);
  });
});
