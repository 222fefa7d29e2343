import { createTestApp, TestApp } from './support/test-app';

/** "A decision that concerns me": the people invited to the session hear of it in their notifications. */
describe('notifications of decisions', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['aanjager.ondermijning', 'ovj.ondermijning', 'politie.ondermijning', 'riec'])
      tokens[who] = await t.login(`${who}@demo.koers.nl`);
  });
  afterAll(() => t.close());

  it('notifies the invitees of the session except who recorded it and who sent regrets', async () => {
    const workgroups = (await t.http().get('/api/workgroups').set(as('aanjager.ondermijning'))).body as Array<{
      id: string;
      name: string;
    }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    const members = (await t.http().get(`/api/workgroups/${workgroupId}`).set(as('aanjager.ondermijning'))).body
      .members as Array<{ userId: string; email: string }>;
    const id = (who: string) => members.find((m) => m.email === `${who}@demo.koers.nl`)!.userId;
    const start = new Date(Date.now() + 7 * 86_400_000);
    const session = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/sessions`)
        .set(as('aanjager.ondermijning'))
        .send({
          type: 'werksessie',
          title: 'Werksessie geldstromen',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
          location: 'Stadhuis',
          inviteeIds: [id('ovj.ondermijning'), id('politie.ondermijning'), id('riec'), id('aanjager.ondermijning')],
        })
        .expect(201)
    ).body;
    await t
      .http()
      .patch(`/api/sessions/${session.id}/attendance`)
      .set(as('riec'))
      .send({ attendees: [{ userId: id('riec'), status: 'afgemeld' }] })
      .expect(200);
    await t
      .http()
      .post(`/api/sessions/${session.id}/decisions`)
      .set(as('aanjager.ondermijning'))
      .send({ text: 'We starten een pilot met de Belastingdienst.' })
      .expect(201);

    const unread = async (who: string) =>
      (await t.http().get('/api/me/notifications?unread=true').set(as(who)).expect(200)).body.items as Array<{
        kind: string;
        title: string;
      }>;
    for (const who of ['ovj.ondermijning', 'politie.ondermijning']) {
      expect(await unread(who)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'besluit', title: 'Besluit: We starten een pilot met de Belastingdienst.' }),
        ]),
      );
    }
    expect((await unread('riec')).filter((n) => n.kind === 'besluit')).toEqual([]);
    expect((await unread('aanjager.ondermijning')).filter((n) => n.kind === 'besluit')).toEqual([]);
  });
});
