import type { ParsedMail } from 'mailparser';
import { addDays, todayInNetherlands } from '@koers/core';
import { ConfigError, loadConfig } from '@koers/core';
import { amsterdamClock, DigestJob } from '@koers/notifications';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { eventually } from './support/collab-client';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://koers.example.nl';
const mailEnv = (sink: SmtpSink, extra: Record<string, string> = {}) => ({
  KOERS_SMTP_URL: sink.url,
  // The sink offers no STARTTLS: it is configured as the local relay it is.
  KOERS_SMTP_LOCAL_RELAY: 'true',
  KOERS_MAIL_FROM: 'Koers <koers@example.nl>',
  KOERS_PUBLIC_URL: PUBLIC_URL,
  KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
  ...extra,
});

/** Monday 2 March 2026 08:00 in Amsterdam (ISO week 10): past the default moment, Monday 07:00. */
const WEEK_10 = new Date('2026-03-02T07:00:00Z');
/** Monday 9 March 2026 06:30 in Amsterdam: week 11, before its moment. */
const WEEK_11_EARLY = new Date('2026-03-09T05:30:00Z');
/** Monday 16 March 2026 09:00 in Amsterdam: week 12. */
const WEEK_12 = new Date('2026-03-16T08:00:00Z');

const ofWeek = (mails: ParsedMail[], week: number) =>
  mails.filter((m) => m.subject?.startsWith(`Koers, week ${week}:`));
const recipients = (mails: ParsedMail[]) => mails.map(recipientOf).sort();

describe('the weekly e-mail digest', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let api: Api;
  let workgroupId: string;
  const created: Record<string, { id: string; title: string }> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(mailEnv(sink));
    api = new Api(t);
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    const action = async (key: string, owner: string, dueInDays: number) => {
      const title = unique(key);
      const body = {
        title,
        description: 'VERTROUWELIJK-DETAIL',
        ownerId: await api.userId(owner),
        dueDate: addDays(todayInNetherlands(), dueInDays),
      };
      created[key] = {
        id: expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/actions`, body), 201)
          .body.id,
        title,
      };
    };
    await action('Verlopen actie OvJ', DEMO.ovjOndermijning, -2);
    await action('Bijna verlopen actie OvJ', DEMO.ovjOndermijning, 1);
    await action('Verlopen actie Belastingdienst', DEMO.belastingdienstOndermijning, -1);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('lets each person read and change their own setting: on by default, off is audited', async () => {
    expect(expectStatus(await api.get(DEMO.belastingdienstOndermijning, '/api/me/preferences'), 200).body).toEqual({
      weeklyDigest: true,
      emailNotifications: true,
      emailEnabled: true,
    });
    expect(
      expectStatus(
        await api.patch(DEMO.belastingdienstOndermijning, '/api/me/preferences', { weeklyDigest: false }),
        200,
      ).body,
    ).toEqual({ weeklyDigest: false, emailNotifications: true, emailEnabled: true });
    expect(
      expectStatus(await api.get(DEMO.belastingdienstOndermijning, '/api/me/preferences'), 200).body.weeklyDigest,
    ).toBe(false);
    // Someone else's setting is untouched.
    expect(expectStatus(await api.get(DEMO.ovjOndermijning, '/api/me/preferences'), 200).body.weeklyDigest).toBe(true);
    const userId = await api.userId(DEMO.belastingdienstOndermijning);
    const audit = await api.audit({ action: 'preferences.update' });
    expect(audit.items).toEqual([
      expect.objectContaining({
        actorId: userId,
        entityType: 'user',
        entityId: userId,
        outcome: 'success',
        summary: { changes: { weeklyDigest: { from: true, to: false } } },
      }),
    ]);
    // Setting the same value again changes nothing and records nothing.
    expectStatus(
      await api.patch(DEMO.belastingdienstOndermijning, '/api/me/preferences', { weeklyDigest: false }),
      200,
    );
    expect((await api.audit({ action: 'preferences.update' })).items).toHaveLength(1);
    for (const body of [{}, { weeklyDigest: 'nee' }, { weeklyDigest: true, other: 1 }]) {
      const refused = expectStatus(await api.patch(DEMO.belastingdienstOndermijning, '/api/me/preferences', body), 400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    expectStatus(await t.http().get('/api/me/preferences'), 401);
  });

  it("sends the week's digest to exactly those with something waiting who did not turn it off", async () => {
    const job = t.app.get(DigestJob);
    expect(await job.runOnce(WEEK_11_EARLY)).toEqual({ ran: false, isoWeek: '2026-W11', sent: 0, empty: 0, failed: 0 });
    expect(sink.mails).toEqual([]);

    const run = await job.runOnce(WEEK_10);
    expect(run).toMatchObject({ ran: true, isoWeek: '2026-W10', failed: 0 });
    expect(sink.mails).toHaveLength(run.sent);

    // Who should get it: every active account whose attention view holds something, minus who opted out.
    const users = expectStatus(await api.get(DEMO.secretariaat, '/api/users'), 200).body as Array<{
      email: string;
      active: boolean;
    }>;
    const expected: string[] = [];
    let nothingWaits = 0;
    for (const user of users.filter((u) => u.active)) {
      const attention = expectStatus(await api.get(user.email, '/api/me/attention'), 200).body as { total: number };
      if (attention.total === 0) nothingWaits += 1;
      else if (user.email !== DEMO.belastingdienstOndermijning) expected.push(user.email.toLowerCase());
    }
    expect(nothingWaits).toBeGreaterThan(0);
    expect(recipients(sink.mails)).toEqual(expected.sort());
    expect(recipients(sink.mails)).toContain(DEMO.ovjOndermijning);
    expect(recipients(sink.mails)).not.toContain(DEMO.belastingdienstOndermijning);
    expect(run.sent + run.empty).toBe(users.filter((u) => u.active).length - 1);

    // The OvJ's mail: Dutch, plain text and accessible HTML, titles, dates and links, no descriptions.
    const mail = sink.mails.find((m) => recipientOf(m) === DEMO.ovjOndermijning)!;
    expect(mail.from?.value[0]).toEqual({ address: 'koers@example.nl', name: 'Koers' });
    expect(mail.subject).toMatch(/^Koers, week 10: \d+ punten wachten op u$/);
    const link = (key: string) => `${PUBLIC_URL}/werkgroepen/${workgroupId}?actie=${created[key].id}`;
    const due = (days: number) => addDays(todayInNetherlands(), days).split('-').reverse().join('-');
    expect(mail.text).toContain(`Verlopen acties`);
    expect(mail.text).toContain(
      `- ${created['Verlopen actie OvJ'].title} – deadline ${due(-2)} – ${WORKGROUP_NAMES.ondermijning}\n  ${link('Verlopen actie OvJ')}`,
    );
    expect(mail.text).toContain(`- ${created['Bijna verlopen actie OvJ'].title} – deadline ${due(1)}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/instellingen`);
    const html = mail.html as string;
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<h1[^>]*>Wat op u wacht in Koers \(week 10\)<\/h1>/);
    expect(html).toMatch(/<h2[^>]*>Verlopen acties \(\d+\)<\/h2>\n<ul>/);
    expect(html).toContain(
      `<a href="${link('Verlopen actie OvJ')}" style="color: #0b4f8a;">${created['Verlopen actie OvJ'].title}</a>`,
    );
    expect(html).toContain(`href="${PUBLIC_URL}/instellingen"`);
    for (const m of sink.mails) {
      expect(m.text).not.toContain('VERTROUWELIJK-DETAIL');
      expect(m.html).not.toContain('VERTROUWELIJK-DETAIL');
    }
    expect(mail.text).not.toContain(created['Verlopen actie Belastingdienst'].title);

    // Again, and on a restart of the timer: nobody gets the week's digest twice.
    expect(await job.runOnce(WEEK_10)).toEqual({ ran: true, isoWeek: '2026-W10', sent: 0, empty: 0, failed: 0 });
    expect(sink.mails).toHaveLength(run.sent);
  });

  it('logs a failed send and delivers it in a later run, without resending the others', async () => {
    const job = t.app.get(DigestJob);
    sink.refuse.add(DEMO.ovjOndermijning);
    const first = await job.runOnce(WEEK_12);
    expect(first.failed).toBe(1);
    expect(recipients(ofWeek(sink.mails, 12))).not.toContain(DEMO.ovjOndermijning);
    const othersAfterFirst = ofWeek(sink.mails, 12).length;
    expect(othersAfterFirst).toBe(first.sent);

    // Still refused: tried again, still failing, nothing else sent twice.
    expect(await job.runOnce(WEEK_12)).toEqual({ ran: true, isoWeek: '2026-W12', sent: 0, empty: 0, failed: 1 });
    sink.refuse.clear();
    expect(await job.runOnce(WEEK_12)).toEqual({ ran: true, isoWeek: '2026-W12', sent: 1, empty: 0, failed: 0 });
    const week12 = ofWeek(sink.mails, 12);
    expect(week12).toHaveLength(othersAfterFirst + 1);
    expect(recipients(week12).filter((r) => r === DEMO.ovjOndermijning)).toHaveLength(1);
    expect(new Set(recipients(week12)).size).toBe(week12.length);
  });

  it('validates the SMTP configuration at boot, and without it there is no e-mail at all', () => {
    const base = { KOERS_DATA_DIR: '/tmp/koers-config-test', KOERS_JWT_SECRET: 'x'.repeat(48) };
    expect(loadConfig(base).mail).toBeNull();
    expect(loadConfig({ ...base, KOERS_DIGEST_TIME: 'nonsense' }).mail).toBeNull();
    expect(
      loadConfig({
        ...base,
        KOERS_SMTP_HOST: 'mail.example.nl',
        KOERS_MAIL_FROM: 'koers@example.nl',
        KOERS_PUBLIC_URL: 'https://koers.example.nl/',
      }).mail,
    ).toEqual({
      smtp: { host: 'mail.example.nl', port: 587, secure: false, user: null, pass: null },
      localRelay: false,
      from: 'koers@example.nl',
      publicUrl: 'https://koers.example.nl',
      digestWeekday: 1,
      digestTime: { hour: 7, minute: 0 },
      digestCheckIntervalMs: 600_000,
    });
    expect(
      loadConfig({
        ...base,
        KOERS_SMTP_HOST: 'mail.example.nl',
        KOERS_SMTP_PORT: '465',
        KOERS_MAIL_FROM: 'a@b.nl',
        KOERS_PUBLIC_URL: 'https://k.nl',
      }).mail?.smtp,
    ).toMatchObject({ port: 465, secure: true });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ KOERS_SMTP_URL: 'http://mail.example.nl' })).toEqual([
      expect.stringContaining('KOERS_SMTP_URL'),
      expect.stringContaining('KOERS_MAIL_FROM'),
      expect.stringContaining('KOERS_PUBLIC_URL'),
    ]);
    expect(
      problems({
        KOERS_SMTP_URL: 'smtp://mail.example.nl',
        KOERS_MAIL_FROM: 'koers@example.nl',
        KOERS_PUBLIC_URL: 'https://k.nl',
        KOERS_DIGEST_TIME: '25:00',
        KOERS_DIGEST_WEEKDAY: '8',
      }),
    ).toEqual([expect.stringContaining('KOERS_DIGEST_TIME'), expect.stringContaining('KOERS_DIGEST_WEEKDAY')]);
    expect(
      problems({
        KOERS_SMTP_HOST: 'mail.example.nl',
        KOERS_SMTP_USER: 'koers',
        KOERS_MAIL_FROM: 'koers@example.nl',
        KOERS_PUBLIC_URL: 'https://k.nl',
      }),
    ).toEqual([expect.stringContaining('KOERS_SMTP_USER and KOERS_SMTP_PASS')]);
  });
});

describe('the weekly digest without SMTP settings', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // Only the digest's other settings: without an SMTP server they mean nothing.
    t = await createTestApp({
      KOERS_MAIL_FROM: 'koers@example.nl',
      KOERS_PUBLIC_URL: PUBLIC_URL,
      KOERS_DIGEST_CHECK_INTERVAL_MS: '50',
    });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('sends nothing, and says so to the person', async () => {
    const api = new Api(t);
    expect(await t.app.get(DigestJob).runOnce(WEEK_10)).toEqual({
      ran: false,
      isoWeek: '2026-W10',
      sent: 0,
      empty: 0,
      failed: 0,
    });
    expect(expectStatus(await api.get(DEMO.ovjOndermijning, '/api/me/preferences'), 200).body).toEqual({
      weeklyDigest: true,
      emailNotifications: true,
      emailEnabled: false,
    });
    expect(sink.mails).toEqual([]);
  });
});

const withPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withPostgres('the weekly digest across instances (PostgreSQL)', () => {
  let sink: SmtpSink;
  let database: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    database = await createTestDatabase();
    apps.push(await createTestApp(mailEnv(sink), { database }), await createTestApp(mailEnv(sink), { database }));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.drop();
    await sink?.close();
  });

  it("sends each person the week's digest once while both instances run it at the same time, again and again", async () => {
    const jobs = apps.map((app) => app.app.get(DigestJob));
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => jobs[i % 2].runOnce(WEEK_10)));
    const mails = ofWeek(sink.mails, 10);
    expect(mails.length).toBeGreaterThan(0);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(mails.length);
    expect(new Set(recipients(mails)).size).toBe(mails.length);
    expect(runs.filter((r) => r.sent > 0).length).toBeGreaterThan(0);
  });

  it('runs on its own timer on every instance and still sends once', async () => {
    // Due at any moment of the week, checked every 50 ms by two more instances.
    const timed = [
      await createTestApp(mailEnv(sink, { KOERS_DIGEST_TIME: '00:00', KOERS_DIGEST_CHECK_INTERVAL_MS: '50' }), {
        database,
      }),
      await createTestApp(mailEnv(sink, { KOERS_DIGEST_TIME: '00:00', KOERS_DIGEST_CHECK_INTERVAL_MS: '50' }), {
        database,
      }),
    ];
    try {
      const week = Number(amsterdamClock(new Date()).isoWeek.slice(6));
      const expected = ofWeek(sink.mails, 10).length;
      await eventually(() => expect(ofWeek(sink.mails, week)).toHaveLength(expected));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const mails = ofWeek(sink.mails, week);
      expect(mails).toHaveLength(expected);
      expect(new Set(recipients(mails)).size).toBe(expected);
    } finally {
      await Promise.all(timed.map((app) => app.close()));
    }
  });
});

describe('the digest over SMTP without TLS', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // A server that offers no STARTTLS, not declared a local relay: nothing may go out in clear text.
    t = await createTestApp(mailEnv(sink, { KOERS_SMTP_LOCAL_RELAY: 'false' }));
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('sends nothing (no password, no digest) to a server without STARTTLS unless it is configured as a local relay', async () => {
    expect(t.config.mail?.localRelay).toBe(false);
    const run = await t.app.get(DigestJob).runOnce(WEEK_10);
    expect(run.ran).toBe(true);
    expect(run.sent).toBe(0);
    expect(run.failed).toBeGreaterThan(0);
    expect(sink.mails).toEqual([]);
  });
});
