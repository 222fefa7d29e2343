import type { AccountSession } from '@koers/contracts';
import { describeBrowser } from '@koers/identity';
import { DEMO, errorBody } from './support/api-helpers';
import { liveSocket } from './support/live-client';
import { createTestApp, TestApp } from './support/test-app';

const FIREFOX_ON_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('Mijn sessies: my live logins, and ending one or all others', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A login from a browser: its access token and refresh cookie. */
  const loginFrom = async (email: string, userAgent: string) => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('User-Agent', userAgent)
      .send({ email, password: 'koers-demo' })
      .expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('koers_refresh='))!;
    return { token: response.body.accessToken as string, refreshCookie: cookie.split(';')[0] };
  };
  const sessionsOf = async (token: string) =>
    (await t.http().get('/api/me/sessions').set('Authorization', `Bearer ${token}`).expect(200))
      .body as AccountSession[];

  it('lists my live sessions with browser and last use, the current one marked', async () => {
    const phone = await loginFrom(DEMO.aanjagerOnrust, FIREFOX_ON_ANDROID);
    const desktop = await loginFrom(DEMO.aanjagerOnrust, CHROME_ON_WINDOWS);
    await loginFrom(DEMO.ovjOnrust, CHROME_ON_WINDOWS); // someone else's: never listed

    const listed = await sessionsOf(desktop.token);
    expect(listed).toHaveLength(2);
    expect(listed.find((s) => s.current)).toMatchObject({ browser: 'Chrome 131 op Windows' });
    expect(listed.find((s) => !s.current)).toMatchObject({ browser: 'Firefox 128 op Android (telefoon)' });
    for (const session of listed) {
      expect(session).toEqual({
        id: expect.any(String),
        current: expect.any(Boolean),
        browser: expect.any(String),
        ip: expect.any(String),
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
      });
    }
    // The phone sees the same two, with itself as current.
    expect((await sessionsOf(phone.token)).find((s) => s.current)?.browser).toBe('Firefox 128 op Android (telefoon)');
  });

  it('ends another session of mine: its token, its refresh and its sockets stop', async () => {
    const phone = await loginFrom(DEMO.politieOnrust, FIREFOX_ON_ANDROID);
    const desktop = await loginFrom(DEMO.politieOnrust, CHROME_ON_WINDOWS);
    const { socket: phoneSocket } = await liveSocket(t.url, phone.token);
    const ended = new Promise<{ reason: string }>((resolve) => phoneSocket.once('session-ended', resolve));
    const disconnected = new Promise<void>((resolve) => phoneSocket.once('disconnect', () => resolve()));

    const phoneId = (await sessionsOf(desktop.token)).find((s) => !s.current)!.id;
    await t.http().delete(`/api/me/sessions/${phoneId}`).set('Authorization', `Bearer ${desktop.token}`).expect(204);

    expect(await ended).toMatchObject({ reason: 'session-ended' });
    await disconnected;
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${phone.token}`)).status).toBe(401);
    expect((await t.http().post('/api/auth/refresh').set('Cookie', phone.refreshCookie)).status).toBe(401);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${desktop.token}`)).status).toBe(200);
    expect((await sessionsOf(desktop.token)).map((s) => s.current)).toEqual([true]);
    phoneSocket.close();
  });

  it("someone else's session, an ended one or a made-up id is the same 404, and nothing ends", async () => {
    const victim = await loginFrom(DEMO.ovjCyber, CHROME_ON_WINDOWS);
    const victimSession = (await sessionsOf(victim.token))[0].id;
    const intruder = await loginFrom(DEMO.politieCyber, CHROME_ON_WINDOWS);

    const intruderOther = await loginFrom(DEMO.politieCyber, FIREFOX_ON_ANDROID);
    const ownEnded = (await sessionsOf(intruderOther.token)).find((s) => s.current)!.id;
    await t.http().delete(`/api/me/sessions/${ownEnded}`).set('Authorization', `Bearer ${intruder.token}`).expect(204);

    for (const id of [victimSession, ownEnded, '00000000-0000-4000-8000-000000000001', 'abc']) {
      const response = await t.http().delete(`/api/me/sessions/${id}`).set('Authorization', `Bearer ${intruder.token}`);
      expect({ id, status: response.status, body: response.body }).toEqual({
        id,
        status: 404,
        body: errorBody('NOT_FOUND'),
      });
    }
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${victim.token}`)).status).toBe(200);
  });

  it('ends all my other sessions and keeps this one; audited without secrets', async () => {
    const a = await loginFrom(DEMO.ambtelijkCyber, CHROME_ON_WINDOWS);
    const b = await loginFrom(DEMO.ambtelijkCyber, FIREFOX_ON_ANDROID);
    const c = await loginFrom(DEMO.ambtelijkCyber, FIREFOX_ON_ANDROID);

    const response = await t
      .http()
      .post('/api/me/sessions/end-others')
      .set('Authorization', `Bearer ${a.token}`)
      .expect(200);
    expect(response.body).toEqual({ ended: 2 });
    for (const other of [b, c])
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${other.token}`)).status).toBe(401);
    expect((await sessionsOf(a.token)).map((s) => s.current)).toEqual([true]);

    const secretariat = await t.login(DEMO.secretariaat);
    const audit = await t
      .http()
      .get('/api/audit?action=auth.session_end_others')
      .set('Authorization', `Bearer ${secretariat}`)
      .expect(200);
    const entry = audit.body.items.find((e: { actorEmail: string }) => e.actorEmail === DEMO.ambtelijkCyber);
    expect(entry).toMatchObject({ summary: { ended: 2 } });
    expect(JSON.stringify(audit.body)).not.toContain(a.token);
  });

  it('describes browsers in Dutch, also when the User-Agent says nothing useful', () => {
    expect(describeBrowser(null)).toBe('Onbekende browser');
    expect(describeBrowser('curl/8.5.0')).toBe('Onbekende browser');
    expect(describeBrowser(CHROME_ON_WINDOWS)).toBe('Chrome 131 op Windows');
  });
});
