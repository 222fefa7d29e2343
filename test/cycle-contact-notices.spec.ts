import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { addDays, todayInNetherlands } from '@koers/core';
import type { ConsultationDetail, InventoryDetail } from '@koers/contracts';
import { NotificationMail } from '@koers/notifications';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';
import { liveSocket } from './support/live-client';
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

/**
 * Naming someone a contact person of an organisation in an inventory or a consultation tells them
 * (docs/strategy-cycle.md, "Contact people"): in the bell, live over /live, and by e-mail through a real SMTP
 * server when their preferences allow, with a link to the page where they answer. Naming the same people again,
 * un-naming, and naming again after un-naming tell nobody anything new.
 */
describe('strategy cycle: named contact people are told', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let api: Api;
  let db: DataSource;
  const sockets: Socket[] = [];
  const zeistMayor = 'burgemeester.zeist@demo.koers.nl';
  let zeist: string;
  let amersfoort: string;
  let lelystad: string;

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
    db = t.app.get(DataSource);
    [zeist, amersfoort, lelystad] = await Promise.all(
      ['Zeist', 'Amersfoort', 'Lelystad'].map((n) => api.organisationId(`Gemeente ${n}`)),
    );
  }, 120_000);
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t?.close();
    await sink?.close();
  });

  const notices = async (email: string, entityId: string): Promise<Notification[]> => {
    await t.app.get(NotificationMail).settled();
    const page = expectStatus(await api.get(email, '/api/me/notifications?limit=100'), 200).body as {
      items: Notification[];
    };
    return page.items.filter((n) => n.kind === 'contactpersoon' && n.entityId === entityId);
  };
  const mailsTo = (email: string, since: number) =>
    sink.mails.slice(since).filter((m) => recipientOf(m) === email.toLowerCase());
  const name = (kind: 'inventories' | 'consultations', id: string, organisationId: string, emails: string[]) =>
    Promise.all(emails.map((e) => api.userId(e))).then(async (userIds) =>
      expectStatus(
        await api.request(DEMO.secretariaat, 'PUT', `/api/${kind}/${id}/contacts/${organisationId}`, { userIds }),
        200,
      ),
    );

  it('an inventory: the named contact hears it in the bell, live and by e-mail, once', async () => {
    const inventory = expectStatus(
      await api.post(DEMO.secretariaat, '/api/inventories', {
        title: unique('Inventarisatie 2031-2034'),
        deadline: addDays(todayInNetherlands(), 30),
        organisationIds: [zeist, amersfoort],
      }),
      201,
    ).body as InventoryDetail;
    const { socket, received } = await liveSocket<{ notification?: Notification }>(t.url, await api.token(zeistMayor));
    sockets.push(socket);
    const before = sink.mails.length;

    await name('inventories', inventory.id, zeist, [zeistMayor]);
    const [notice] = await notices(zeistMayor, inventory.id);
    const link = `/cyclus/inventarisaties/${inventory.id}/antwoord/${zeist}`;
    expect(notice).toMatchObject({ link });
    expect(notice.title).toBe(`U bent contactpersoon van Gemeente Zeist voor “${inventory.title}”`);
    expect(notice.detail).toContain('uiterlijk');
    await waitFor(() => received.some((r) => r.event === 'notification' && r.payload.notification?.id === notice.id));
    const [mail] = mailsTo(zeistMayor, before);
    expect(mail.subject).toBe(`Koers: ${notice.title}`);
    expect(mail.text).toContain(`${PUBLIC_URL}${link}`);
    expect(mail.html).toContain('lang="nl"');
    // The secretariat who named them is told nothing.
    expect(await notices(DEMO.secretariaat, inventory.id)).toEqual([]);

    // The same contact again, un-named, named again: nothing new in the bell or the mailbox.
    await name('inventories', inventory.id, zeist, [zeistMayor]);
    await name('inventories', inventory.id, zeist, []);
    await name('inventories', inventory.id, zeist, [zeistMayor]);
    expect(await notices(zeistMayor, inventory.id)).toHaveLength(1);
    expect(mailsTo(zeistMayor, before)).toHaveLength(1);
    const audited = await db.query(
      `SELECT summary->>'notified' AS notified FROM audit_log
        WHERE action = 'inventory.contacts' AND entity_id = $1 ORDER BY occurred_at, id`,
      [inventory.id],
    );
    expect(audited.map((r: { notified: string }) => r.notified)).toEqual(['1', '0', '0', '0']);
  });

  it('someone who turned e-mail off is told in the bell only', async () => {
    const contact = DEMO.ambtelijkCyber;
    expectStatus(await api.patch(contact, '/api/me/preferences', { emailNotifications: false }), 200);
    try {
      const inventory = expectStatus(
        await api.post(DEMO.secretariaat, '/api/inventories', {
          title: unique('Inventarisatie zonder mail'),
          deadline: addDays(todayInNetherlands(), 30),
          organisationIds: [amersfoort],
        }),
        201,
      ).body as InventoryDetail;
      const before = sink.mails.length;
      await name('inventories', inventory.id, amersfoort, [contact]);
      expect(await notices(contact, inventory.id)).toHaveLength(1);
      expect(mailsTo(contact, before)).toEqual([]);
    } finally {
      expectStatus(await api.patch(contact, '/api/me/preferences', { emailNotifications: true }), 200);
    }
  });

  it('a consultation: contacts named when it is offered and later are told, with a link to their answer page', async () => {
    const strategyId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/strategies', {
        title: unique('Concept 2031-2034'),
        periodStart: '2031-01-01',
        periodEnd: '2034-12-31',
      }),
      201,
    ).body.id as string;
    const before = sink.mails.length;
    const consultation = expectStatus(
      await api.post(DEMO.secretariaat, '/api/consultations', {
        strategyId,
        deadline: addDays(todayInNetherlands(), 20),
        organisationIds: [zeist, lelystad],
        contacts: [{ organisationId: zeist, userIds: [await api.userId(zeistMayor)] }],
      }),
      201,
    ).body as ConsultationDetail;
    const [offered] = await notices(zeistMayor, consultation.id);
    expect(offered).toMatchObject({ link: `/cyclus/consultaties/${consultation.id}/reactie/${zeist}` });
    expect(mailsTo(zeistMayor, before)).toHaveLength(1);

    await name('consultations', consultation.id, lelystad, [DEMO.aanjagerOnrust]);
    const [later] = await notices(DEMO.aanjagerOnrust, consultation.id);
    expect(later.title).toContain('Gemeente Lelystad');
    expect(mailsTo(DEMO.aanjagerOnrust, before)).toHaveLength(1);
    // Zeist's contact is not told again when Lelystad's are named.
    expect(await notices(zeistMayor, consultation.id)).toHaveLength(1);

    // Closed: no answers are taken, so a contact named now is not asked for one.
    expectStatus(await api.patch(DEMO.secretariaat, `/api/consultations/${consultation.id}`, { closed: true }), 200);
    await name('consultations', consultation.id, lelystad, [DEMO.aanjagerOnrust, DEMO.ambtelijkOnrust]);
    expect(await notices(DEMO.ambtelijkOnrust, consultation.id)).toEqual([]);
  });
});

/** Waits for a condition that a socket event makes true (no fixed sleep). */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('The live notification did not arrive.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
