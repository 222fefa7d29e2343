import { randomUUID } from 'node:crypto';
import { AuditService } from '@koers/audit';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Bad input gets a clear 4xx in the one error shape, never a 5xx (issue #12, #13 item 11): one case per kind
 * of input that used to answer 500.
 */
describe('input never produces a 5xx', () => {
  let t: TestApp;
  let api: Api;
  let ondermijningId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    ondermijningId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    // A cold PGlite start on a busy machine can take over a minute.
  }, 180_000);
  afterAll(() => t.close());

  const fieldsOf = (body: { error: { fields?: Array<{ field: string; messages: string[] }> } }) =>
    (body.error.fields ?? []).map((f) => f.field);

  describe('strings PostgreSQL cannot store', () => {
    it('refuses a NUL character in a body field with 400 naming the field', async () => {
      const response = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
          title: 'Actie met \u0000 erin',
        }),
        400,
      );
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['title']);
    });

    it('refuses a lone surrogate in a body field, also on a route without an account (login)', async () => {
      const action = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
          title: 'Geldig',
          description: 'half \ud800 teken',
        }),
        400,
      );
      expect(fieldsOf(action.body)).toEqual(['description']);
      const login = expectStatus(
        await t.http().post('/api/auth/login').send({ email: 'a\udc00@demo.koers.nl', password: 'x' }),
        400,
      );
      expect(fieldsOf(login.body)).toEqual(['email']);
    });

    it('refuses a NUL in a search parameter and in nested fields, naming the path', async () => {
      const search = expectStatus(await api.get(DEMO.secretariaat, '/api/users?q=a%00b'), 400);
      expect(fieldsOf(search.body)).toEqual(['q']);
      const session = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/sessions`, {
          title: 'Sessie',
          kind: 'werksessie',
          startsAt: '2026-03-12T09:30:00+01:00',
          agenda: [{ title: 'ok' }, { title: 'niet\u0000ok' }],
        }),
        400,
      );
      expect(fieldsOf(session.body)).toContain('agenda.1.title');
    });

    it('refuses a NUL in a route parameter', async () => {
      const response = await api.get(DEMO.secretariaat, '/api/workgroups/%00');
      expect([400, 404]).toContain(response.status);
      expect(response.body.error.code).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
    });
  });

  describe('paging and numbers', () => {
    it.each(['1e21', '9223372036854775808', '-1', '1.5', 'abc'])('answers offset=%s with 400', async (offset) => {
      for (const path of [
        `/api/workgroups/${ondermijningId}/actions`,
        '/api/audit',
        '/api/me/notifications',
        '/api/me/actions',
      ]) {
        const response = await api.get(DEMO.secretariaat, `${path}?offset=${offset}`);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['offset']);
      }
    });

    it('answers a limit beyond the one maximum with 400 and accepts the largest allowed offset', async () => {
      expectStatus(await api.get(DEMO.secretariaat, '/api/me/notifications?limit=1000'), 400);
      const page = expectStatus(
        await api.get(DEMO.secretariaat, `/api/audit?offset=${Number.MAX_SAFE_INTEGER}&limit=1`),
        200,
      );
      expect(page.body.items).toEqual([]);
    });
  });

  describe('null and half-given values', () => {
    it('answers null for a required field in a PATCH with 400', async () => {
      const created = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
          title: unique('Actie'),
        }),
        201,
      ).body;
      const response = expectStatus(
        await api.patch(DEMO.aanjagerOndermijning, `/api/actions/${created.id}`, { title: null }),
        400,
      );
      expect(fieldsOf(response.body)).toEqual(['title']);
      expectStatus(await api.patch(DEMO.aanjagerOndermijning, `/api/actions/${created.id}`, { dueDate: null }), 200);
      const strategy = await api.strategy();
      expectStatus(await api.patch(DEMO.secretariaat, `/api/themes/${strategy.themes[0].id}`, { title: null }), 400);
      expectStatus(await api.patch(DEMO.secretariaat, `/api/workgroups/${ondermijningId}`, { name: null }), 400);
    });

    it('answers a comment with anchorStart but anchorEnd null with 400', async () => {
      const document = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/documents`, {
          title: unique('Document'),
          kind: 'notitie',
        }),
        201,
      ).body;
      const response = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/comments`, {
          body: 'Opmerking',
          anchorStart: 'AAEC',
          anchorEnd: null,
        }),
        400,
      );
      expect(fieldsOf(response.body)).toEqual(['anchorEnd']);
      const onlyEnd = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/comments`, {
          body: 'Opmerking',
          anchorEnd: 'AAEC',
        }),
        400,
      );
      expect(fieldsOf(onlyEnd.body)).toEqual(['anchorStart']);
    });
  });

  describe('parents and dependants', () => {
    it('answers an unknown werkgroep id with 404 on every werkgroep list, also for the secretariat', async () => {
      const unknown = randomUUID();
      for (const list of ['actions', 'documents', 'sessions', 'indicators', 'progress-reports']) {
        const response = await api.get(DEMO.secretariaat, `/api/workgroups/${unknown}/${list}`);
        expectStatus(response, 404);
        expect(response.body.error.code).toBe('NOT_FOUND');
      }
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/workgroups/${unknown}/actions`, { title: 'Actie voor niemand' }),
        404,
      );
    });

    it('refuses to delete a werkgroep that has reports with 409 naming them, and audits the refusal', async () => {
      const onrustId = await api.workgroupId(WORKGROUP_NAMES.onrust);
      const before = (await api.audit({ action: 'workgroup.delete', outcome: 'denied' })).total;
      const response = expectStatus(await api.delete(DEMO.secretariaat, `/api/workgroups/${onrustId}`), 409);
      expect(response.body.error).toMatchObject({ code: 'CONFLICT' });
      expect(response.body.error.message).toMatch(/voortgangsrapportage/);
      const after = await api.audit({ action: 'workgroup.delete', outcome: 'denied' });
      expect(after.total).toBe(before + 1);
      expect(after.items[0]).toMatchObject({ entityId: onrustId, actorEmail: DEMO.secretariaat });
      expectStatus(await api.get(DEMO.secretariaat, `/api/workgroups/${onrustId}`), 200);
    });
  });

  describe('permission before validation', () => {
    it('gives an outsider the same 404 for a valid and an invalid body', async () => {
      const path = `/api/workgroups/${ondermijningId}/actions`;
      const valid = await api.post(DEMO.aanjagerCyber, path, { title: 'Een geldige actie' });
      const invalid = await api.post(DEMO.aanjagerCyber, path, { title: 1, onbekend: true });
      expectStatus(valid, 404);
      expectStatus(invalid, 404);
      expect(invalid.body).toEqual(valid.body);
      const badQuery = await api.get(DEMO.aanjagerCyber, `${path}?offset=-5&sort=nergens`);
      expect(badQuery.body).toEqual((await api.get(DEMO.aanjagerCyber, path)).body);
    });

    it('gives a reader who may not write (RVC, waarnemer) the same 403 for a valid and an invalid body', async () => {
      const path = `/api/workgroups/${ondermijningId}/actions`;
      for (const who of [DEMO.rvc]) {
        const valid = expectStatus(await api.post(who, path, { title: 'Een geldige actie' }), 403);
        const invalid = expectStatus(await api.post(who, path, { title: null, extra: [1] }), 403);
        expect(invalid.body).toEqual(valid.body);
      }
      const strategy = await api.strategy();
      const region = `/api/strategies/${strategy.id}/themes`;
      const valid = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, region, { title: 'Nieuwe prioriteit' }),
        403,
      );
      const invalid = expectStatus(await api.post(DEMO.aanjagerOndermijning, region, { title: 5 }), 403);
      expect(invalid.body).toEqual(valid.body);
    });
  });

  describe('request size and shape', () => {
    it('answers a body over the limit with 413 in the error shape', async () => {
      const response = await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
        title: 'Groot',
        description: 'x'.repeat(300 * 1024),
      });
      expectStatus(response, 413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses JSON nested 10,000 deep with 400 and malformed JSON with 400', async () => {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const response = await t
        .http()
        .post(`/api/workgroups/${ondermijningId}/actions`)
        .set('Authorization', `Bearer ${await api.token(DEMO.aanjagerOndermijning)}`)
        .set('Content-Type', 'application/json')
        .send(`{"title":"Diep","description":${deep}}`);
      expectStatus(response, 400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      const malformed = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expectStatus(malformed, 400);
      expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  it('keeps the audit write working whatever text reaches it (lone surrogates, NUL)', async () => {
    // Sockets and services can hand the audit log text that never passed the HTTP input rule.
    await t.app.get(AuditService).recordChange(
      { userId: null, email: 'x\ud800@demo.koers.nl', ip: null },
      {
        action: 'test.audit_text',
        entityType: 'test',
        summary: { title: 'half \udc00 teken\u0000', nested: { a: '\ud800' } },
      },
    );
    const page = await api.audit({ action: 'test.audit_text' });
    expect(page.items[0]).toMatchObject({
      actorEmail: 'x\ufffd@demo.koers.nl',
      summary: { title: 'half \ufffd teken\ufffd', nested: { a: '\ufffd' } },
    });
  });
});
