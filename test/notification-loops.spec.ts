import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { addDays, todayInNetherlands } from '@koers/core';
import { LoopNotifier, NotificationMail } from '@koers/notifications';
import { ActionAssignmentNotifier } from '@koers/notifications';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';
import { liveSocket } from './support/live-client';
import { createMatrixWorkgroup } from './support/permission-matrix';
import { recipientOf, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

interface Notification {
  id: string;
  kind: string;
  title: string;
  detail: string | null;
  entityId: string | null;
  link: string | null;
}

const PUBLIC_URL = 'https://koers.example.nl';
const RETURN_COMMENT = 'Graag de cijfers over de drugslabs toelichten.';

/**
 * Notifications that close every loop (issue 16): progress reports submitted, returned and accepted, replies
 * in a comment thread, following documents, actions and sessions; in the bell, live, and by e-mail through a
 * real SMTP server. Plus the aanjager's attention view and the home page's "since your last visit".
 *
 * A werkgroep of its own (test/support/permission-matrix.ts): aanjager (aanjager.onrust), lid (ovj.onrust),
 * ambtelijk (ambtelijk.onrust), gast (riec) and waarnemer (waarnemer.onrust).
 */
describe('notifications that close every loop', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let api: Api;
  let workgroupId: string;
  let workgroupName: string;
  let strategyId: string;
  const ids: Record<string, string> = {};
  const sockets: Socket[] = [];

  const aanjager = DEMO.aanjagerOnrust;
  const ovj = DEMO.ovjOnrust;
  const ambtelijk = DEMO.ambtelijkOnrust;
  const gast = DEMO.riec;
  const waarnemer = DEMO.waarnemerOnrust;
  const sec = DEMO.secretariaat;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      KOERS_SMTP_URL: sink.url,
      KOERS_SMTP_LOCAL_RELAY: 'true',
      KOERS_MAIL_FROM: 'Koers <koers@example.nl>',
      KOERS_PUBLIC_URL: PUBLIC_URL,
      KOERS_DIGEST_CHECK_INTERVAL_MS: '0',
      KOERS_REMINDER_INTERVAL_MS: '0',
    });
    api = new Api(t);
    const strategy = await api.strategy();
    strategyId = strategy.id;
    workgroupName = unique('Werkgroep lussen');
    const theme = expectStatus(
      await api.post(sec, `/api/strategies/${strategy.id}/themes`, { title: unique('Thema lussen') }),
      201,
    ).body as { id: string };
    expectStatus(
      await api.post(sec, `/api/themes/${theme.id}/focus-areas`, { title: unique('Onderdeel lussen') }),
      201,
    );
    workgroupId = await createMatrixWorkgroup(api, theme.id, workgroupName);
    for (const email of [aanjager, ovj, ambtelijk, gast, waarnemer, sec, DEMO.aanjagerCyber, DEMO.rvc])
      ids[email] = await api.userId(email);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t?.close();
    await sink?.close();
  });

  /** Every listener's work done: notifications written, e-mails sent. */
  const settle = async () => {
    await t.app.get(ActionAssignmentNotifier).settled();
    await t.app.get(LoopNotifier).settled();
    await t.app.get(NotificationMail).settled();
  };
  const as = async <T = Record<string, unknown>>(
    email: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: object,
    status = 200,
  ): Promise<T> => expectStatus(await api.request(email, method, path, body), status).body as T;
  const notificationsOf = async (email: string): Promise<Notification[]> => {
    await settle();
    return (await as<{ items: Notification[] }>(email, 'GET', '/api/me/notifications?limit=100')).items;
  };
  const ofKind = async (email: string, kind: string, entityId?: string) =>
    (await notificationsOf(email)).filter((n) => n.kind === kind && (!entityId || n.entityId === entityId));
  const mailsTo = (email: string, since = 0): ParsedMail[] =>
    sink.mails.slice(since).filter((m) => recipientOf(m) === email.toLowerCase());

  const newReport = async () => {
    const cycle = await as<{ id: string }>(
      sec,
      'POST',
      '/api/reporting-cycles',
      { strategyId, title: unique('Lussencyclus'), meetingDate: '2030-06-30', reportDeadline: '2030-06-01' },
      201,
    );
    // The ambtelijk secretary starts the report (a rapporteur); the aanjager submits it.
    const report = await as<{ id: string }>(
      ambtelijk,
      'POST',
      `/api/workgroups/${workgroupId}/progress-reports`,
      { cycleId: cycle.id },
      201,
    );
    await as(ambtelijk, 'PATCH', `/api/progress-reports/${report.id}`, { summary: 'Op koers.' });
    return report.id;
  };

  describe('progress reports', () => {
    it('a submitted report tells the secretariat, in the bell, live and by e-mail', async () => {
      const reportId = await newReport();
      const { socket, received } = await liveSocket<{ notification?: Notification }>(t.url, await api.token(sec));
      sockets.push(socket);
      await settle();
      const mailsBefore = sink.mails.length;
      await as(aanjager, 'POST', `/api/progress-reports/${reportId}/submit`, {});

      const [submitted] = await ofKind(sec, 'rapportage_ingediend', reportId);
      expect(submitted).toMatchObject({ link: `/rapportages/${reportId}`, detail: null });
      expect(submitted.title).toContain(workgroupName);
      // Nobody in the werkgroep is told of their own submission.
      for (const email of [aanjager, ambtelijk, ovj])
        expect(await ofKind(email, 'rapportage_ingediend', reportId)).toEqual([]);

      expect(received.find((r) => r.event === 'notification')?.payload.notification?.id).toBe(submitted.id);
      const [mail] = mailsTo(sec, mailsBefore);
      expect(mail.subject).toContain('Voortgangsrapportage ingediend');
      expect(mail.text).toContain(`${PUBLIC_URL}/rapportages/${reportId}`);
      expect(mail.html).toContain('lang="nl"');
    });

    it('a report that fails to go up (no summary) tells nobody', async () => {
      const cycle = await as<{ id: string }>(
        sec,
        'POST',
        '/api/reporting-cycles',
        { strategyId, title: unique('Lege cyclus'), meetingDate: '2030-06-30', reportDeadline: '2030-06-01' },
        201,
      );
      const report = await as<{ id: string }>(
        aanjager,
        'POST',
        `/api/workgroups/${workgroupId}/progress-reports`,
        { cycleId: cycle.id },
        201,
      );
      expectStatus(await api.post(aanjager, `/api/progress-reports/${report.id}/submit`), 400);
      expect(await ofKind(sec, 'rapportage_ingediend', report.id)).toEqual([]);
    });

    it('a returned report tells the aanjager and the rapporteurs, with the comment; accepted tells the werkgroep', async () => {
      const reportId = await newReport();
      await as(aanjager, 'POST', `/api/progress-reports/${reportId}/submit`, {});
      // The OvJ does not want these by e-mail: the bell still has them.
      await as(ovj, 'PATCH', '/api/me/preferences', { emailNotifications: false });
      expect(await as(ovj, 'GET', '/api/me/preferences')).toEqual({
        weeklyDigest: true,
        emailNotifications: false,
        emailEnabled: true,
      });
      await settle();
      const mailsBefore = sink.mails.length;
      await as(sec, 'POST', `/api/progress-reports/${reportId}/return`, { comment: RETURN_COMMENT });

      for (const email of [aanjager, ambtelijk]) {
        const [returned] = await ofKind(email, 'rapportage_teruggestuurd', reportId);
        expect(returned).toMatchObject({ detail: RETURN_COMMENT, link: `/werkgroepen/${workgroupId}/voortgang` });
        const [mail] = mailsTo(email, mailsBefore);
        expect(mail.subject).toContain('Voortgangsrapportage teruggestuurd');
        // Mail leaves our hands: the comment itself stays in Koers.
        expect(mail.text).not.toContain(RETURN_COMMENT);
        expect(mail.html).not.toContain(RETURN_COMMENT);
        expect(mail.text).toContain('toelichting');
      }
      // Not the lid, guest or observer who did not write it, nor the secretariat itself.
      for (const email of [ovj, gast, waarnemer, sec])
        expect(await ofKind(email, 'rapportage_teruggestuurd', reportId)).toEqual([]);

      // Reworked and submitted again: the secretariat hears of the new version, then accepts it.
      await as(ambtelijk, 'PATCH', `/api/progress-reports/${reportId}`, { summary: 'Op koers, met toelichting.' });
      await as(aanjager, 'POST', `/api/progress-reports/${reportId}/submit`, {});
      expect(await ofKind(sec, 'rapportage_ingediend', reportId)).toHaveLength(2);
      await settle();
      const acceptMails = sink.mails.length;
      await as(sec, 'POST', `/api/progress-reports/${reportId}/accept`, {});
      for (const email of [aanjager, ovj, ambtelijk, gast, waarnemer]) {
        const accepted = await ofKind(email, 'rapportage_geaccepteerd', reportId);
        expect(accepted).toEqual([expect.objectContaining({ link: `/rapportages/${reportId}`, detail: null })]);
      }
      expect(await ofKind(sec, 'rapportage_geaccepteerd', reportId)).toEqual([]);
      const recipients = sink.mails.slice(acceptMails).map(recipientOf).sort();
      expect(recipients).toEqual([aanjager, ambtelijk, gast, waarnemer].sort());
      await as(ovj, 'PATCH', '/api/me/preferences', { emailNotifications: true });
    });
  });

  describe('comment threads', () => {
    it('a reply tells the participants of the thread, except the one replying; a mention is told once', async () => {
      const document = await as<{ id: string; title: string }>(
        ambtelijk,
        'POST',
        `/api/workgroups/${workgroupId}/documents`,
        { title: unique('Plan van aanpak lussen'), kind: 'notitie' },
        201,
      );
      const startBody = unique('Klopt deze alinea?');
      const threads = await as<Array<{ id: string; body: string }>>(
        ovj,
        'POST',
        `/api/documents/${document.id}/comments`,
        { body: startBody },
        201,
      );
      const threadId = threads.find((c) => c.body === startBody)!.id;
      await as(ambtelijk, 'POST', `/api/comments/${threadId}/replies`, { body: 'Ik kijk ernaar.' }, 201);
      await settle();
      const mailsBefore = sink.mails.length;
      // The aanjager replies and mentions the OvJ: she gets "vermelding", the ambtelijk secretary "reactie".
      await as(
        aanjager,
        'POST',
        `/api/comments/${threadId}/replies`,
        { body: 'Graag aanvullen.', mentions: [ids[ovj]] },
        201,
      );

      const ambtelijkReplies = await ofKind(ambtelijk, 'reactie');
      expect(ambtelijkReplies).toHaveLength(1);
      expect(ambtelijkReplies[0].link).toBe(`/documenten/${document.id}?reactie=${threadId}`);
      expect(ambtelijkReplies[0].title).toContain(document.title);
      // The OvJ started the thread and heard of the first reply as "reactie", of the mention as "vermelding".
      expect(await ofKind(ovj, 'reactie')).toHaveLength(1);
      expect(await ofKind(ovj, 'vermelding')).toHaveLength(1);
      expect(await ofKind(aanjager, 'reactie')).toEqual([]);
      expect(mailsTo(ambtelijk, mailsBefore)).toHaveLength(1);
      expect(mailsTo(ambtelijk, mailsBefore)[0].text).not.toContain('Graag aanvullen');
      expect(mailsTo(ovj, mailsBefore)).toHaveLength(1);
      expect(mailsTo(aanjager, mailsBefore)).toEqual([]);
    });
  });

  describe('following', () => {
    it('the creator of a document follows it; others follow and unfollow; followers hear of comments', async () => {
      const document = await as<{ id: string }>(
        ambtelijk,
        'POST',
        `/api/workgroups/${workgroupId}/documents`,
        { title: unique('Gevolgd document'), kind: 'notitie' },
        201,
      );
      const path = `/api/me/follows/documents/${document.id}`;
      expect(await as(ambtelijk, 'GET', path)).toEqual({ following: true });
      expect(await as(waarnemer, 'GET', path)).toEqual({ following: false });
      expect(await as(waarnemer, 'PUT', path)).toEqual({ following: true });
      expect(await as(waarnemer, 'PUT', path)).toEqual({ following: true });
      expect(await as(waarnemer, 'GET', path)).toEqual({ following: true });

      const threads = await as<Array<{ id: string }>>(
        ovj,
        'POST',
        `/api/documents/${document.id}/comments`,
        { body: 'Een opmerking' },
        201,
      );
      for (const email of [ambtelijk, waarnemer]) {
        const followed = await ofKind(email, 'gevolgd', threads[0].id);
        expect(followed).toHaveLength(1);
        expect(followed[0].link).toBe(`/documenten/${document.id}?reactie=${threads[0].id}`);
      }
      expect(await ofKind(ovj, 'gevolgd', threads[0].id)).toEqual([]);

      expect(await as(waarnemer, 'DELETE', path)).toEqual({ following: false });
      const second = await as<Array<{ id: string; body: string }>>(
        ovj,
        'POST',
        `/api/documents/${document.id}/comments`,
        { body: 'Nog een opmerking' },
        201,
      );
      const secondId = second.find((c) => c.body === 'Nog een opmerking')!.id;
      expect(await ofKind(ambtelijk, 'gevolgd', secondId)).toHaveLength(1);
      expect(await ofKind(waarnemer, 'gevolgd', secondId)).toEqual([]);
      // Follow changes are audited.
      const audit = await api.audit({ entityId: document.id });
      expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['follow.create', 'follow.delete']));
    });

    it('creator and owner follow an action; followers hear of changes and comments, never of their own', async () => {
      const action = await as<{ id: string; version: number }>(
        aanjager,
        'POST',
        `/api/workgroups/${workgroupId}/actions`,
        { title: unique('Gevolgde actie'), ownerId: ids[ovj] },
        201,
      );
      const path = `/api/me/follows/actions/${action.id}`;
      await settle();
      expect(await as(aanjager, 'GET', path)).toEqual({ following: true });
      expect(await as(ovj, 'GET', path)).toEqual({ following: true });
      expect(await as(gast, 'GET', path)).toEqual({ following: false });

      await as(ovj, 'PATCH', `/api/actions/${action.id}`, { status: 'afgerond' });
      const [done] = await ofKind(aanjager, 'gevolgd', action.id);
      expect(done.title).toMatch(/^Actie afgerond: /);
      expect(done.link).toBe(`/werkgroepen/${workgroupId}?actie=${action.id}`);
      expect(await ofKind(ovj, 'gevolgd', action.id)).toEqual([]);

      await as(aanjager, 'POST', `/api/actions/${action.id}/comments`, { body: 'Dank!' }, 201);
      const [commented] = await ofKind(ovj, 'gevolgd', action.id);
      expect(commented.title).toContain('reageerde op de actie');
      // Followed changes stay in the bell: no e-mail for them.
      expect(sink.mails.filter((m) => m.subject?.includes('Gevolgde actie'))).toEqual([]);
    });

    it('the creator of a session follows it; followers hear of a new date, time or place', async () => {
      const session = await as<{ id: string }>(
        aanjager,
        'POST',
        `/api/workgroups/${workgroupId}/sessions`,
        {
          type: 'werksessie',
          title: unique('Gevolgde sessie'),
          startsAt: '2030-03-01T09:00:00Z',
          endsAt: '2030-03-01T11:00:00Z',
        },
        201,
      );
      await settle();
      expect(await as(aanjager, 'GET', `/api/me/follows/sessions/${session.id}`)).toEqual({ following: true });
      expect(await as(ovj, 'PUT', `/api/me/follows/sessions/${session.id}`)).toEqual({ following: true });

      // A new place reaches the followers, not the one who changed it; a description alone does not.
      await as(aanjager, 'PATCH', `/api/sessions/${session.id}`, { location: 'Stadhuis Lelystad' });
      const [changed] = await ofKind(ovj, 'gevolgd', session.id);
      expect(changed.title).toMatch(/^Sessie gewijzigd: /);
      expect(changed.link).toBe(`/werkgroepen/${workgroupId}/sessies/${session.id}`);
      expect(await ofKind(aanjager, 'gevolgd', session.id)).toEqual([]);
      await as(aanjager, 'PATCH', `/api/sessions/${session.id}`, { description: 'Met koffie.' });
      expect(await ofKind(ovj, 'gevolgd', session.id)).toHaveLength(1);
    });

    it('only what the caller may read can be followed: anything else is not found, and the refusal audited', async () => {
      const action = await as<{ id: string }>(
        aanjager,
        'POST',
        `/api/workgroups/${workgroupId}/actions`,
        { title: unique('Geheime actie') },
        201,
      );
      for (const email of [DEMO.aanjagerCyber, DEMO.rvc]) {
        for (const method of ['GET', 'PUT', 'DELETE'] as const) {
          const before = (await api.audit({ outcome: 'denied', actorId: ids[email], limit: 1 })).total;
          const refused = expectStatus(await api.request(email, method, `/api/me/follows/actions/${action.id}`), 404);
          expect(JSON.stringify(refused.body)).not.toContain(workgroupName);
          const after = await api.audit({ outcome: 'denied', actorId: ids[email], limit: 1 });
          expect(after.total).toBe(before + 1);
          expect(after.items[0]).toMatchObject({ entityId: action.id, workgroupId });
        }
      }
      expectStatus(await api.request(ovj, 'PUT', `/api/me/follows/documents/${randomUUID()}`), 404);
      expectStatus(await api.request(ovj, 'PUT', '/api/me/follows/documents/geen-id'), 404);
      expectStatus(await api.request(ovj, 'PUT', `/api/me/follows/werkgroepen/${randomUUID()}`), 404);
      expectStatus(await t.http().put(`/api/me/follows/actions/${action.id}`), 401);
    });
  });

  describe('the attention view', () => {
    it('shows an aanjager the overdue actions of others in the werkgroep they drive, not to the others', async () => {
      const overdueTitle = unique('Verlopen actie van de OvJ');
      const own = unique('Eigen verlopen actie');
      const overdue = await as<{ id: string }>(
        sec,
        'POST',
        `/api/workgroups/${workgroupId}/actions`,
        { title: overdueTitle, ownerId: ids[ovj], dueDate: addDays(todayInNetherlands(), -3) },
        201,
      );
      await as(
        sec,
        'POST',
        `/api/workgroups/${workgroupId}/actions`,
        { title: own, ownerId: ids[aanjager], dueDate: addDays(todayInNetherlands(), -1) },
        201,
      );
      await as(
        sec,
        'POST',
        `/api/workgroups/${workgroupId}/actions`,
        { title: unique('Nog niet verlopen'), ownerId: ids[ovj], dueDate: addDays(todayInNetherlands(), 5) },
        201,
      );

      const attention = await as<{
        overdue: Array<{ title: string }>;
        workgroupOverdue: Array<{ id: string; workgroupId: string; title: string; ownerName: string; link: string }>;
        total: number;
      }>(aanjager, 'GET', '/api/me/attention');
      expect(attention.workgroupOverdue.filter((a) => a.workgroupId === workgroupId)).toEqual([
        expect.objectContaining({
          id: overdue.id,
          title: overdueTitle,
          ownerName: expect.stringContaining('Officier'),
          link: `/werkgroepen/${workgroupId}?actie=${overdue.id}`,
        }),
      ]);
      expect(attention.overdue.map((a) => a.title)).toContain(own);
      expect(attention.total).toBeGreaterThanOrEqual(2);
      // The OvJ sees her own overdue action as hers, not as the werkgroep's; other aanjagers not at all.
      expect((await as<{ workgroupOverdue: unknown[] }>(ovj, 'GET', '/api/me/attention')).workgroupOverdue).toEqual([]);
      expect(attention.workgroupOverdue.map((a) => a.title)).not.toContain(own);
      const cyber = await as<{ workgroupOverdue: Array<{ id: string }> }>(
        DEMO.aanjagerCyber,
        'GET',
        '/api/me/attention',
      );
      expect(cyber.workgroupOverdue.map((a) => a.id)).not.toContain(overdue.id);
    });
  });

  describe('the home page', () => {
    it('lists recent documents of my werkgroepen and what changed since my previous visit', async () => {
      const document = await as<{ id: string; title: string }>(
        ambtelijk,
        'POST',
        `/api/workgroups/${workgroupId}/documents`,
        { title: unique('Recent document'), kind: 'verslag' },
        201,
      );
      type Feed = {
        since: string | null;
        recentDocuments: Array<{ id: string; workgroupName: string }>;
        changes: Array<{ kind: string; id: string; link: string }>;
        changeCount: number;
      };
      const first = await as<Feed>(waarnemer, 'GET', '/api/me/home');
      expect(first.since).toBeNull();
      expect(first.recentDocuments[0]).toMatchObject({ id: document.id, workgroupName });
      expect(first.changes.map((c) => c.id)).toContain(document.id);
      // Not a member: none of this werkgroep's documents or changes.
      const outsider = await as<Feed>(DEMO.aanjagerCyber, 'GET', '/api/me/home');
      expect(outsider.recentDocuments.map((d) => d.id)).not.toContain(document.id);
      expect(outsider.changes.map((c) => c.id)).not.toContain(document.id);

      // The visit ends; an hour later the waarnemer comes back. Meanwhile a new action and a session were added.
      const db = t.app.get(DataSource);
      await db.query(`UPDATE user_visits SET last_seen_at = now() - interval '1 hour' WHERE user_id = $1`, [
        ids[waarnemer],
      ]);
      await db.query(`UPDATE documents SET updated_at = now() - interval '2 hours' WHERE id = $1`, [document.id]);
      const action = await as<{ id: string }>(
        aanjager,
        'POST',
        `/api/workgroups/${workgroupId}/actions`,
        { title: unique('Nieuw sinds uw bezoek') },
        201,
      );
      const second = await as<Feed>(waarnemer, 'GET', '/api/me/home');
      expect(second.since).not.toBeNull();
      const kinds = new Map(second.changes.map((c) => [c.id, c.kind]));
      expect(kinds.get(action.id)).toBe('actie_nieuw');
      expect(second.changes.find((c) => c.id === action.id)?.link).toBe(
        `/werkgroepen/${workgroupId}?actie=${action.id}`,
      );
      // The document was changed an hour ago, before this visit: it is no longer new.
      expect(kinds.has(document.id)).toBe(false);
      // Reloading within the visit keeps the same starting point.
      const third = await as<Feed>(waarnemer, 'GET', '/api/me/home');
      expect(third.since).toBe(second.since);
      expect(third.changes.map((c) => c.id)).toContain(action.id);
      expectStatus(await t.http().get('/api/me/home'), 401);
    });
  });
});
