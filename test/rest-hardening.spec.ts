import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@koers/demo';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

const auditRows = (t: TestApp, action: string, outcome?: string) =>
  t.app.get(DataSource).query(
    `SELECT actor_email, ip, summary, outcome FROM audit_log WHERE action = $1 ${outcome ? 'AND outcome = $2' : ''}
        ORDER BY occurred_at`,
    outcome ? [action, outcome] : [action],
  ) as Promise<Array<{ actor_email: string | null; ip: string | null; summary: Record<string, unknown> }>>;

describe('client addresses and login rate limits', () => {
  let direct: TestApp;
  let proxied: TestApp;

  beforeAll(async () => {
    direct = await createTestApp({ KOERS_LOGIN_RATE_LIMIT: '3' });
    proxied = await createTestApp({
      KOERS_TRUSTED_PROXIES: '127.0.0.1',
      KOERS_LOGIN_RATE_LIMIT: '100',
      KOERS_LOGIN_ACCOUNT_RATE_LIMIT: '2',
    });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('ignores X-Forwarded-For by default: a forged address neither escapes the limit nor reaches the audit log', async () => {
    expect(direct.config.http.trustedProxies).toBe(false);
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const response = await direct
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .send({ email: `onbekend${i}@example.nl`, password: 'wrong-wrong' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const ips = (await auditRows(direct, 'auth.login')).map((row) => row.ip);
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.some((ip) => ip?.startsWith('203.0.113.'))).toBe(false);
  });

  it('believes X-Forwarded-For from a configured proxy, and limits logins per account from any address', async () => {
    const attempt = (email: string, address: string) =>
      proxied
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email, password: 'wrong-wrong' })
        .then((response) => response.status);
    expect(await attempt(DEMO.rvc, '198.51.100.1')).toBe(401);
    expect(await attempt('RVC@demo.koers.nl', '198.51.100.2')).toBe(401);
    // The third attempt on this account in the minute, from yet another address.
    expect(await attempt(DEMO.rvc, '198.51.100.3')).toBe(429);
    // Another account is not held up.
    expect(await attempt(DEMO.pvo, '198.51.100.4')).toBe(401);
    const ips = (await auditRows(proxied, 'auth.login')).map((row) => row.ip);
    expect(ips).toEqual(expect.arrayContaining(['198.51.100.1', '198.51.100.2']));
  });
});

describe('REST hardening', () => {
  let t: TestApp;
  let api: Api;
  let workgroupId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
  });
  afterAll(() => t.close());

  const actionCount = async () =>
    ((await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM actions')) as Array<{ n: number }>)[0].n;

  it('accepts changes only as JSON: a form post is 415 and changes nothing', async () => {
    const token = await api.token(DEMO.aanjagerOndermijning);
    const before = await actionCount();
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'title=Via+een+formulier'],
      ['text/plain', '{"title":"Via text/plain"}'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nVia multipart\r\n--x--\r\n',
      ],
    ]) {
      const response = await t
        .http()
        .post(`/api/workgroups/${workgroupId}/actions`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', type)
        .send(body);
      expect(response.status).toBe(415);
      expect(response.body).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
    }
    expect(await actionCount()).toBe(before);
    // JSON, and a change without a body, pass.
    expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/actions`, { title: 'JSON' }),
      201,
    );
  });

  it('refuses a change from another origin or site (403), with the session cookie or without', async () => {
    const token = await api.token(DEMO.aanjagerOndermijning);
    const before = await actionCount();
    for (const headers of [
      { Origin: 'https://evil.example' },
      { Origin: 'http://127.0.0.1:1', 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const response = await t
        .http()
        .post(`/api/workgroups/${workgroupId}/actions`)
        .set('Authorization', `Bearer ${token}`)
        .set(headers)
        .send({ title: 'Van elders' });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect(await actionCount()).toBe(before);
    const allowed = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/actions`)
      .set('Authorization', `Bearer ${token}`)
      .set({ Origin: t.config.http.allowedOrigins[0], 'Sec-Fetch-Site': 'same-origin' })
      .send({ title: 'Van Koers zelf' });
    expect(allowed.status).toBe(201);
  });

  it('says no-store on API answers and downloads', async () => {
    const me = await api.get(DEMO.aanjagerOndermijning, '/api/me');
    expect(me.headers['cache-control']).toBe('no-store');
    const document = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/documents`, {
        title: 'Niet bewaren',
        kind: 'notitie',
      }),
      201,
    ).body as { id: string };
    const exported = await api.get(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/export?format=md`);
    expect(exported.status).toBe(200);
    expect(exported.headers['cache-control']).toBe('no-store');
    const refused = await t.http().get('/api/me');
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('keeps an archived document read-only over REST: new versions, restore and comments are 409', async () => {
    const document = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/documents`, {
        title: 'Wordt gearchiveerd',
        kind: 'notitie',
      }),
      201,
    ).body as { id: string };
    const version = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/versions`, { name: 'Eerste' }),
      201,
    ).body as { id: string };
    const thread = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/comments`, { body: 'Voor het archief' }),
      201,
    ).body[0] as { id: string };
    expectStatus(await api.patch(DEMO.secretariaat, `/api/documents/${document.id}`, { archived: true }), 200);

    for (const [path, body] of [
      [`/api/documents/${document.id}/versions`, { name: 'Na archiveren' }],
      [`/api/documents/${document.id}/versions/${version.id}/restore`, {}],
      [`/api/documents/${document.id}/comments`, { body: 'Na archiveren' }],
      [`/api/comments/${thread.id}/replies`, { body: 'Na archiveren' }],
      [`/api/comments/${thread.id}/resolve`, {}],
    ] as const) {
      const response = await api.post(DEMO.aanjagerOndermijning, path, body);
      expect({ path, status: response.status }).toEqual({ path, status: 409 });
      expect(response.body).toEqual({
        error: { code: 'CONFLICT', message: 'Dit document is gearchiveerd en kan niet meer worden gewijzigd.' },
      });
    }
    expect((await api.delete(DEMO.aanjagerOndermijning, `/api/comments/${thread.id}`)).status).toBe(409);
    const versions = (await api.get(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/versions`))
      .body as unknown[];
    expect(versions).toHaveLength(1);
  });

  it('keeps no comment text in the audit log: a deleted comment leaves a reference and a fingerprint', async () => {
    const document = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/documents`, {
        title: 'Opmerkingen wissen',
        kind: 'notitie',
      }),
      201,
    ).body as { id: string };
    const secret = 'Persoonsgegeven: J. Jansen, Dorpsstraat 1';
    const thread = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/comments`, { body: secret }),
      201,
    ).body[0] as { id: string };
    expect((await api.delete(DEMO.aanjagerOndermijning, `/api/comments/${thread.id}`)).status).toBeLessThan(300);
    const rows = (await t.app
      .get(DataSource)
      .query(`SELECT summary FROM audit_log WHERE entity_id = $1 OR summary::text LIKE $2`, [
        thread.id,
        '%Dorpsstraat%',
      ])) as Array<{ summary: Record<string, unknown> }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('Dorpsstraat');
    const deleted = rows.find((row) => typeof row.summary.bodySha256 === 'string');
    expect(deleted?.summary.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows no document ids or titles in the notifications of a werkgroep the person has left', async () => {
    const title = 'Vertrouwelijk plan Noord';
    const document = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/documents`, { title, kind: 'notitie' }),
      201,
    ).body as { id: string };
    const prosecutor = await api.userId(DEMO.ovjOndermijning);
    expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/documents/${document.id}/comments`, {
        body: 'Graag uw blik hierop',
        mentions: [prosecutor],
      }),
      201,
    );
    const mine = async () => JSON.stringify((await api.get(DEMO.ovjOndermijning, '/api/me/notifications')).body);
    expect(await mine()).toContain(document.id);
    expect(await mine()).toContain(title);

    expectStatus(await api.delete(DEMO.secretariaat, `/api/workgroups/${workgroupId}/members/${prosecutor}`), 204);
    try {
      const after = await mine();
      expect(after).not.toContain(document.id);
      expect(after).not.toContain(title);
      expect(after).not.toContain(workgroupId);
      expect(after).toContain('Melding uit een werkgroep waarvan u geen lid meer bent');
    } finally {
      expectStatus(
        await api.post(DEMO.secretariaat, `/api/workgroups/${workgroupId}/members`, {
          userId: prosecutor,
          role: 'lid',
        }),
        201,
      );
    }
  });

  it('logs in with the demo password still (sanity of the limits in tests)', async () => {
    expectStatus(await t.http().post('/api/auth/login').send({ email: DEMO.riec, password: DEMO_PASSWORD }), 200);
  });
});
