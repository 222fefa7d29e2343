import { Api, DEMO, errorBody, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Optimistic concurrency on every editable resource: a `version` in the representation and an ETag; a
 * change based on an older version (If-Match or body `version`) is 409 STALE_VERSION with the current state
 * and changes nothing; without a version the change still goes through (older clients).
 */
describe('row versions (optimistic concurrency)', () => {
  let t: TestApp;
  let api: Api;
  let ondermijningId: string;
  let themeId: string;
  let focusAreaId: string;
  let strategyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    ondermijningId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    const workgroup = expectStatus(await api.get(DEMO.secretariaat, `/api/workgroups/${ondermijningId}`), 200).body;
    themeId = workgroup.themeId;
    focusAreaId = workgroup.theme.focusAreas[0].id;
    strategyId = (await api.strategy()).id;
  });
  afterAll(() => t.close());

  async function send(
    who: string,
    method: 'patch' | 'delete',
    path: string,
    body: object | undefined,
    ifMatch?: string,
  ) {
    const http = t.http();
    let request = http[method](path).set('Authorization', `Bearer ${await api.token(who)}`);
    if (ifMatch !== undefined) request = request.set('If-Match', ifMatch);
    return body === undefined ? request : request.send(body);
  }

  interface Resource {
    name: string;
    who: string;
    /** Creates one and returns its path and version. */
    create: () => Promise<{ path: string; version: number }>;
    /** A path whose GET shows the resource with its ETag, when there is one. */
    read?: (path: string) => string;
    /** Two different edits. */
    edits: [object, object];
    /** Where the edited field shows in a representation. */
    field: (body: Record<string, unknown>) => unknown;
    /** The representation a PATCH answers with, when it is not the resource itself. */
    pick?: (body: unknown, path: string) => Record<string, unknown>;
    deletable: boolean;
  }

  const created = (path: string, body: { id: string; version: number }) => ({
    path: `${path}/${body.id}`,
    version: body.version,
  });

  async function newSession() {
    const response = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/sessions`, {
        type: 'werksessie',
        title: unique('Sessie'),
        startsAt: '2027-03-01T09:00:00.000Z',
        endsAt: '2027-03-01T11:00:00.000Z',
      }),
      201,
    );
    return response.body as { id: string; version: number };
  }

  async function newDocument() {
    return expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/documents`, {
        title: unique('Notitie'),
        kind: 'notitie',
      }),
      201,
    ).body as { id: string };
  }

  const commentOf = (threads: unknown, path: string) => {
    const id = path.split('/').pop();
    for (const thread of threads as Array<Record<string, unknown> & { replies?: unknown[] }>) {
      if (thread.id === id) return thread;
    }
    throw new Error(`comment ${id} missing from ${JSON.stringify(threads)}`);
  };

  const resources: Resource[] = [
    {
      name: 'action',
      who: DEMO.aanjagerOndermijning,
      create: async () =>
        created(
          '/api/actions',
          expectStatus(
            await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
              title: unique('Actie'),
            }),
            201,
          ).body,
        ),
      read: (path) => path,
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      field: (b) => b.description,
      deletable: true,
    },
    {
      name: 'session',
      who: DEMO.aanjagerOndermijning,
      create: async () => created('/api/sessions', await newSession()),
      read: (path) => path,
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      field: (b) => b.description,
      deletable: true,
    },
    {
      name: 'agenda item',
      who: DEMO.aanjagerOndermijning,
      create: async () => {
        const session = await newSession();
        const item = expectStatus(
          await api.post(DEMO.aanjagerOndermijning, `/api/sessions/${session.id}/agenda`, { title: 'Opening' }),
          201,
        ).body;
        return created('/api/agenda-items', item);
      },
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      field: (b) => b.description,
      deletable: true,
    },
    {
      name: 'decision',
      who: DEMO.aanjagerOndermijning,
      create: async () => {
        const session = await newSession();
        const decision = expectStatus(
          await api.post(DEMO.aanjagerOndermijning, `/api/sessions/${session.id}/decisions`, { text: 'Besloten.' }),
          201,
        ).body;
        return created('/api/decisions', decision);
      },
      read: (path) => path,
      edits: [{ text: 'Eerste besluit' }, { text: 'Tweede besluit' }],
      field: (b) => b.text,
      deletable: true,
    },
    {
      name: 'knowledge item',
      who: DEMO.secretariaat,
      create: async () =>
        created(
          '/api/knowledge',
          expectStatus(
            await api.post(DEMO.secretariaat, `/api/themes/${themeId}/knowledge`, { title: unique('Kennis') }),
            201,
          ).body,
        ),
      read: (path) => path,
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      field: (b) => b.description,
      deletable: true,
    },
    {
      name: 'werkgroep',
      who: DEMO.secretariaat,
      create: async () => {
        const theme = expectStatus(
          await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/themes`, { title: unique('Prioriteit') }),
          201,
        ).body;
        return created(
          '/api/workgroups',
          expectStatus(
            await api.post(DEMO.secretariaat, '/api/workgroups', { themeId: theme.id, name: unique('Werkgroep') }),
            201,
          ).body,
        );
      },
      read: (path) => path,
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      field: (b) => b.description,
      deletable: true,
    },
    {
      name: 'user',
      who: DEMO.secretariaat,
      create: async () => {
        const organisationId = expectStatus(await api.get(DEMO.secretariaat, '/api/organisations?type=bureau'), 200)
          .body[0].id as string;
        return created(
          '/api/users',
          expectStatus(
            await api.post(DEMO.secretariaat, '/api/users', {
              email: `${unique('versie')
                .toLowerCase()
                .replace(/[^a-z0-9]/g, '')}@example.nl`,
              displayName: 'Versie Test',
              function: 'overig',
              organisationId,
            }),
            201,
          ).body,
        );
      },
      read: (path) => path,
      edits: [{ jobTitle: 'Eerste' }, { jobTitle: 'Tweede' }],
      field: (b) => b.jobTitle,
      deletable: false,
    },
    {
      name: 'organisation',
      who: DEMO.secretariaat,
      create: async () =>
        created(
          '/api/organisations',
          expectStatus(
            await api.post(DEMO.secretariaat, '/api/organisations', { name: unique('Partner'), type: 'partner' }),
            201,
          ).body,
        ),
      edits: [{ name: unique('Eerste') }, { name: unique('Tweede') }],
      field: (b) => b.name,
      deletable: true,
    },
    {
      name: 'strategy',
      who: DEMO.secretariaat,
      create: async () =>
        created(
          '/api/strategies',
          expectStatus(
            await api.post(DEMO.secretariaat, '/api/strategies', {
              title: unique('Strategie'),
              periodStart: '2027-01-01',
              periodEnd: '2030-12-31',
            }),
            201,
          ).body,
        ),
      read: (path) => path,
      edits: [{ motto: 'Eerste' }, { motto: 'Tweede' }],
      field: (b) => b.motto,
      deletable: true,
    },
    {
      name: 'priority (theme)',
      who: DEMO.secretariaat,
      create: async () =>
        created(
          '/api/themes',
          expectStatus(
            await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/themes`, { title: unique('Prioriteit') }),
            201,
          ).body,
        ),
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      // Rich text: a plain description is stored as one sanitised paragraph.
      field: (b) => String(b.description).replace(/^<p>(.*)<\/p>$/, '$1'),
      deletable: true,
    },
    {
      name: 'focus area',
      who: DEMO.secretariaat,
      create: async () =>
        created(
          '/api/focus-areas',
          expectStatus(
            await api.post(DEMO.secretariaat, `/api/themes/${themeId}/focus-areas`, { title: unique('Onderdeel') }),
            201,
          ).body,
        ),
      edits: [{ title: unique('Eerste') }, { title: unique('Tweede') }],
      field: (b) => b.title,
      deletable: true,
    },
    {
      name: 'indicator',
      who: DEMO.aanjagerOndermijning,
      create: async () =>
        created(
          '/api/indicators',
          expectStatus(
            await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/indicators`, {
              focusAreaId,
              title: unique('Indicator'),
              unit: 'aantal',
              direction: 'hoger_is_beter',
            }),
            201,
          ).body,
        ),
      read: (path) => path,
      edits: [{ description: 'Eerste' }, { description: 'Tweede' }],
      field: (b) => b.description,
      deletable: true,
    },
    {
      name: 'reporting cycle',
      who: DEMO.secretariaat,
      create: async () =>
        created(
          '/api/reporting-cycles',
          expectStatus(
            await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
              strategyId,
              title: unique('Cyclus'),
              meetingDate: '2027-06-20',
              reportDeadline: '2027-06-01',
            }),
            201,
          ).body,
        ),
      read: (path) => path,
      edits: [{ title: unique('Eerste cyclus') }, { title: unique('Tweede cyclus') }],
      field: (b) => b.title,
      deletable: false,
    },
    {
      name: 'document comment',
      who: DEMO.aanjagerOndermijning,
      create: async () => {
        const document = await newDocument();
        const threads = expectStatus(
          await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/comments`, { body: 'Eerste' }),
          201,
        ).body as Array<{ id: string; version: number }>;
        return created('/api/comments', threads[0]);
      },
      edits: [{ body: 'Gewijzigd' }, { body: 'Nogmaals gewijzigd' }],
      field: (b) => b.body,
      pick: (body, path) => commentOf(body, path),
      deletable: true,
    },
  ];

  describe.each(resources.map((r) => [r.name, r] as const))('%s', (_, resource) => {
    const pick = (body: unknown, path: string) =>
      resource.pick ? resource.pick(body, path) : (body as Record<string, unknown>);

    it('shows its version (and ETag), raises it on a change and refuses a stale one with the current state', async () => {
      const { path, version } = await resource.create();
      expect(version).toBe(1);
      if (resource.read) {
        const read = expectStatus(await api.get(resource.who, resource.read(path)), 200);
        expect(read.body.version).toBe(1);
        expect(read.headers.etag).toBe('"1"');
      }

      const first = expectStatus(await send(resource.who, 'patch', path, resource.edits[0], '"1"'), 200);
      const afterFirst = pick(first.body, path);
      expect(afterFirst.version).toBe(2);
      expect(resource.field(afterFirst)).toEqual(resource.field(resource.edits[0] as Record<string, unknown>));

      // A page loaded at version 1 saves again: refused, and the body says what is stored now.
      const stale = expectStatus(await send(resource.who, 'patch', path, resource.edits[1], '"1"'), 409);
      expect(stale.body).toEqual(errorBody('STALE_VERSION'));
      expect(stale.body.error.current).toMatchObject({ version: 2 });
      expect(resource.field(stale.body.error.current)).toEqual(
        resource.field(resource.edits[0] as Record<string, unknown>),
      );

      // The same through `version` in the body.
      expectStatus(await send(resource.who, 'patch', path, { ...resource.edits[1], version: 1 }, undefined), 409);

      // Nothing was written by the refused saves: with the right version the next change is version 3.
      const second = expectStatus(
        await send(resource.who, 'patch', path, { ...resource.edits[1], version: 2 }, undefined),
        200,
      );
      expect(pick(second.body, path).version).toBe(3);

      // Without a version (an older client) a change still goes through.
      const blind = expectStatus(await send(resource.who, 'patch', path, resource.edits[0], undefined), 200);
      expect(pick(blind.body, path).version).toBe(4);

      if (resource.deletable) {
        expectStatus(await send(resource.who, 'delete', path, undefined, '"3"'), 409);
        expect((await send(resource.who, 'delete', path, undefined, '"4"')).status).toBeLessThan(300);
      }
    });
  });

  it('merges two stale saves of different report texts, and refuses only a field someone else changed', async () => {
    const cycle = expectStatus(
      await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
        strategyId,
        title: unique('Cyclus samenvoegen'),
        meetingDate: '2027-09-20',
        reportDeadline: '2027-09-01',
      }),
      201,
    ).body;
    const report = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/progress-reports`, {
        cycleId: cycle.id,
      }),
      201,
    ).body;
    const path = `/api/progress-reports/${report.id}`;
    // Both open the report at the same version.
    const loaded = expectStatus(await api.get(DEMO.ovjOndermijning, path), 200);
    const base = loaded.body.version as number;
    expect(loaded.headers.etag).toBe(`"${base}"`);
    const focusArea = loaded.body.content.focusAreas[0].focusAreaId as string;

    const summary = expectStatus(
      await send(DEMO.aanjagerOndermijning, 'patch', path, { summary: 'De samenvatting van de aanjager' }, `"${base}"`),
      200,
    );
    expect(summary.body.version).toBe(base + 1);
    const narrative = expectStatus(
      await send(
        DEMO.ovjOndermijning,
        'patch',
        path,
        { focusAreas: [{ focusAreaId: focusArea, narrative: 'De tekst van de officier' }] },
        `"${base}"`,
      ),
      200,
    );
    expect(narrative.body.content.summary).toBe('De samenvatting van de aanjager');
    expect(narrative.body.content.focusAreas[0].narrative).toBe('De tekst van de officier');
    expect(narrative.body.version).toBe(base + 2);

    // The officier's page still shows the empty summary and changes it: that one field is a conflict.
    const clash = expectStatus(
      await send(DEMO.ovjOndermijning, 'patch', path, { summary: 'Samenvatting van de officier' }, `"${base}"`),
      409,
    );
    expect(clash.body.error.code).toBe('STALE_VERSION');
    expect(clash.body.error.fields).toEqual([{ field: 'summary', messages: [expect.any(String)] }]);
    expect(clash.body.error.current.content.summary).toBe('De samenvatting van de aanjager');
    const stored = expectStatus(await api.get(DEMO.aanjagerOndermijning, path), 200).body;
    expect(stored.content.summary).toBe('De samenvatting van de aanjager');
    expect(stored.content.focusAreas[0].narrative).toBe('De tekst van de officier');
  });

  it('refuses a malformed If-Match or body version with 400, naming it', async () => {
    const action = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, { title: unique('A') }),
      201,
    ).body;
    const badHeader = expectStatus(
      await send(DEMO.aanjagerOndermijning, 'patch', `/api/actions/${action.id}`, { title: 'x y z' }, 'abc'),
      400,
    );
    expect(badHeader.body.error.fields).toEqual([{ field: 'If-Match', messages: [expect.any(String)] }]);
    const badBody = expectStatus(
      await send(DEMO.aanjagerOndermijning, 'patch', `/api/actions/${action.id}`, { title: 'x y z', version: '1' }),
      400,
    );
    expect(badBody.body.error.fields).toEqual([{ field: 'version', messages: [expect.any(String)] }]);
  });

  it('lets only one of two concurrent saves based on the same version through', async () => {
    const action = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, { title: unique('A') }),
      201,
    ).body;
    const path = `/api/actions/${action.id}`;
    const [a, b] = await Promise.all([
      send(DEMO.aanjagerOndermijning, 'patch', path, { description: 'Van A' }, '"1"'),
      send(DEMO.ovjOndermijning, 'patch', path, { description: 'Van B' }, '"1"'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = expectStatus(await api.get(DEMO.aanjagerOndermijning, path), 200).body;
    expect(stored.version).toBe(2);
    expect(stored.description).toBe(a.status === 200 ? 'Van A' : 'Van B');
  });

  it('does not raise a version for bookkeeping: a failed login leaves the user as it was', async () => {
    const userId = await api.userId(DEMO.riec);
    const before = expectStatus(await api.get(DEMO.secretariaat, `/api/users/${userId}`), 200).body.version;
    await t.http().post('/api/auth/login').send({ email: DEMO.riec, password: 'niet-het-wachtwoord' });
    expect(expectStatus(await api.get(DEMO.secretariaat, `/api/users/${userId}`), 200).body.version).toBe(before);
  });
});
