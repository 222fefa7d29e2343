import { DataSource } from 'typeorm';
import { DEMO_ACTIONS } from '@koers/demo';
import { createTestApp, TestApp } from './support/test-app';

describe('actions (actielijst)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let ondermijning: {
    id: string;
    theme: { focusAreas: Array<{ id: string; title: string }> };
    members: Array<{ userId: string; displayName: string; organisationName: string }>;
  };
  let onrustId: string;
  let cyberFocusAreaId: string;
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of [
      'secretariaat',
      'aanjager.ondermijning',
      'ovj.ondermijning',
      'riec',
      'aanjager.cyber',
      'waarnemer.onrust',
      'rvc',
      'aanjager.onrust',
    ]) {
      tokens[who] = await t.login(`${who}@demo.koers.nl`);
    }
    const list = await t.http().get('/api/workgroups').set(as('secretariaat')).expect(200);
    const byName = (part: string) => list.body.find((w: { name: string }) => w.name.includes(part)).id as string;
    ondermijning = (
      await t
        .http()
        .get(`/api/workgroups/${byName('Ondermijning')}`)
        .set(as('secretariaat'))
        .expect(200)
    ).body;
    onrustId = byName('onrust');
    const cyber = (
      await t
        .http()
        .get(`/api/workgroups/${byName('Digitale')}`)
        .set(as('secretariaat'))
        .expect(200)
    ).body;
    cyberFocusAreaId = cyber.theme.focusAreas[0].id;
  });
  afterAll(() => t.close());

  const member = (part: string) => ondermijning.members.find((m) => m.displayName.includes(part))!;
  const create = (who: string, body: Record<string, unknown>, workgroupId = ondermijning.id) =>
    t.http().post(`/api/workgroups/${workgroupId}/actions`).set(as(who)).send(body);

  it('lets a member create an action with owner, focus area and due date; the owner organisation follows the owner', async () => {
    const focusArea = ondermijning.theme.focusAreas.find(
      (f) => f.title === 'Verstoren en terugdringen criminele geldstromen',
    )!;
    const response = await create('aanjager.ondermijning', {
      title: 'Verkenning witwasrisico vastgoed',
      ownerId: member('Officier').userId,
      focusAreaId: focusArea.id,
      dueDate: '2026-12-15',
      priority: 'hoog',
      origin: 'rvc_verzoek',
    }).expect(201);
    expect(response.body).toMatchObject({
      title: 'Verkenning witwasrisico vastgoed',
      status: 'open',
      ownerName: member('Officier').displayName,
      ownerOrganisationName: 'Openbaar Ministerie Midden-Nederland',
      focusAreaTitle: 'Verstoren en terugdringen criminele geldstromen',
      dueDate: '2026-12-15',
      priority: 'hoog',
      origin: 'rvc_verzoek',
    });
    const mine = await t.http().get('/api/me/actions').set(as('ovj.ondermijning')).expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(response.body.id);
  });

  it('refuses an owner outside the werkgroep and a focus area of another theme, naming the fields', async () => {
    const response = await create('aanjager.ondermijning', {
      title: 'Onjuiste actie',
      ownerId: (await t.http().get('/api/me').set(as('aanjager.cyber'))).body.user.id,
      focusAreaId: cyberFocusAreaId,
    }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'focusAreaId',
      'ownerId',
    ]);
    await create('aanjager.ondermijning', { title: 'x' }).expect(400);
    await create('aanjager.ondermijning', { title: 'Geldige titel', dueDate: '15-12-2026' }).expect(400);
    await create('aanjager.ondermijning', { title: 'Geldige titel', status: 'klaar' }).expect(400);
    await create('aanjager.ondermijning', { title: 'Geldige titel', workgroupId: onrustId }).expect(400);
  });

  it('requires a reason to block or cancel, records every change in the history, and stamps completion', async () => {
    const created = (
      await create('aanjager.ondermijning', {
        title: 'Signaaltafel mensenhandel inrichten',
        ownerId: member('Officier').userId,
      })
    ).body;
    const blocked = await t
      .http()
      .patch(`/api/actions/${created.id}`)
      .set(as('ovj.ondermijning'))
      .send({ status: 'geblokkeerd' })
      .expect(400);
    expect(blocked.body.error.fields[0].field).toBe('statusReason');
    await t
      .http()
      .patch(`/api/actions/${created.id}`)
      .set(as('ovj.ondermijning'))
      .send({ status: 'geblokkeerd', statusReason: 'Wacht op convenant' })
      .expect(200);
    const done = await t
      .http()
      .patch(`/api/actions/${created.id}`)
      .set(as('ovj.ondermijning'))
      .send({ status: 'afgerond' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'afgerond', statusReason: null });
    expect(done.body.completedAt).toEqual(expect.any(String));
    const reopened = await t
      .http()
      .patch(`/api/actions/${created.id}`)
      .set(as('ovj.ondermijning'))
      .send({ status: 'in_uitvoering' })
      .expect(200);
    expect(reopened.body.completedAt).toBeNull();
    const detail = await t.http().get(`/api/actions/${created.id}`).set(as('aanjager.ondermijning')).expect(200);
    expect(
      detail.body.history.map(
        (h: { changes: Record<string, { to: unknown }> }) => h.changes.status?.to ?? Object.keys(h.changes)[0],
      ),
    ).toEqual(['created', 'geblokkeerd', 'afgerond', 'in_uitvoering']);
    expect(detail.body.history[1]).toMatchObject({
      changedByName: member('Officier').displayName,
      changes: { statusReason: { from: null, to: 'Wacht op convenant' } },
    });
  });

  it('filters overdue, due soon, per status, per organisation and per focus area, and sorts', async () => {
    const geldstromen = ondermijning.theme.focusAreas[1].id;
    const past = (
      await create('aanjager.ondermijning', {
        title: 'Te laat: rapportage RIEC',
        dueDate: '2020-01-31',
        focusAreaId: geldstromen,
        ownerId: member('Belastingdienst').userId,
      })
    ).body;
    const pastDone = (
      await create('aanjager.ondermijning', { title: 'Te laat maar klaar', dueDate: '2020-01-31', status: 'afgerond' })
    ).body;
    const overdue = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?view=verlopen`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    const overdueIds = overdue.body.items.map((a: { id: string }) => a.id);
    expect(overdueIds).toContain(past.id);
    expect(overdueIds).not.toContain(pastDone.id);
    expect(overdue.body.items.every((a: { overdue: boolean }) => a.overdue)).toBe(true);

    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const soon = (
      await create('aanjager.ondermijning', { title: 'Binnenkort: werksessie voorbereiden', dueDate: inThreeDays })
    ).body;
    const dueSoon = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?view=binnenkort&dueWithinDays=7`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(dueSoon.body.items.map((a: { id: string }) => a.id)).toContain(soon.id);
    expect(dueSoon.body.items.map((a: { id: string }) => a.id)).not.toContain(past.id);

    const byOrganisation = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?organisationId=${past.ownerOrganisationId}`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(byOrganisation.body.items.map((a: { id: string }) => a.id)).toContain(past.id);
    expect(
      byOrganisation.body.items.every(
        (a: { ownerOrganisationId: string }) => a.ownerOrganisationId === past.ownerOrganisationId,
      ),
    ).toBe(true);
    const byFocus = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?focusAreaId=${geldstromen}`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(byFocus.body.items.every((a: { focusAreaId: string }) => a.focusAreaId === geldstromen)).toBe(true);
    const finished = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?status=afgerond,vervallen`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(finished.body.items.map((a: { status: string }) => a.status)).toEqual(expect.arrayContaining(['afgerond']));
    expect(finished.body.items.every((a: { status: string }) => ['afgerond', 'vervallen'].includes(a.status))).toBe(
      true,
    );

    const byTitle = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?sort=title&order=desc`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    const titles = byTitle.body.items.map((a: { title: string }) => a.title.toLowerCase());
    expect(titles).toEqual([...titles].sort().reverse());
    expect(byTitle.body.total).toBe(byTitle.body.items.length);
    await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions?status=klaar`)
      .set(as('ovj.ondermijning'))
      .expect(400);
  });

  it('pages the werkgroep list and my own list in a stable order with a total: the pages together are the whole list, once each', async () => {
    const me = (await t.http().get('/api/me').set(as('aanjager.onrust')).expect(200)).body.user.id as string;
    // Equal due dates and priorities: only the tie-break keeps the order stable across pages.
    for (let i = 0; i < 7; i++)
      await create(
        'aanjager.onrust',
        { title: `Gepagineerde actie ${i}`, ownerId: me, dueDate: '2027-02-01', priority: 'normaal' },
        onrustId,
      ).expect(201);
    const readPages = async (path: string, query: string, limit: number) => {
      const ids: string[] = [];
      let total = -1;
      for (let offset = 0; total < 0 || offset < total; offset += limit) {
        const page = (
          await t.http().get(`${path}?${query}&limit=${limit}&offset=${offset}`).set(as('aanjager.onrust')).expect(200)
        ).body;
        expect(page).toMatchObject({ limit, offset });
        expect(page.items.length).toBe(Math.min(limit, page.total - offset));
        if (total >= 0) expect(page.total).toBe(total);
        total = page.total;
        ids.push(...page.items.map((a: { id: string }) => a.id));
      }
      return { ids, total };
    };
    for (const [path, query] of [
      [`/api/workgroups/${onrustId}/actions`, 'sort=due_date&order=asc'],
      [`/api/workgroups/${onrustId}/actions`, 'sort=priority&order=desc'],
      [`/api/workgroups/${onrustId}/actions`, 'sort=title&order=asc'],
      ['/api/me/actions', 'sort=due_date&order=asc'],
    ]) {
      const whole = (await t.http().get(`${path}?${query}&limit=500`).set(as('aanjager.onrust')).expect(200)).body;
      expect(whole.total).toBeGreaterThanOrEqual(7);
      const paged = await readPages(path, query, 3);
      expect(paged.total).toBe(whole.total);
      expect(paged.ids).toEqual(whole.items.map((a: { id: string }) => a.id));
      expect(new Set(paged.ids).size).toBe(paged.ids.length);
    }
    for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc']) {
      await t.http().get(`/api/workgroups/${onrustId}/actions?${bad}`).set(as('aanjager.onrust')).expect(400);
      await t.http().get(`/api/me/actions?${bad}`).set(as('aanjager.onrust')).expect(400);
    }
  });

  it('lets a guest update only an action they own, and never create or reassign', async () => {
    const riecId = member('RIEC').userId;
    const own = (
      await create('aanjager.ondermijning', { title: 'Casus aanleveren voor signaaltafel', ownerId: riecId })
    ).body;
    const other = (await create('aanjager.ondermijning', { title: 'Niet van de gast' })).body;
    await create('riec', { title: 'Gast maakt actie' }).expect(403);
    await t.http().patch(`/api/actions/${own.id}`).set(as('riec')).send({ status: 'in_uitvoering' }).expect(200);
    await t
      .http()
      .patch(`/api/actions/${own.id}`)
      .set(as('riec'))
      .send({ ownerId: member('Officier').userId })
      .expect(403);
    await t.http().patch(`/api/actions/${other.id}`).set(as('riec')).send({ status: 'afgerond' }).expect(403);
    await t
      .http()
      .post(`/api/actions/${own.id}/comments`)
      .set(as('riec'))
      .send({ body: 'Casus is aangeleverd.' })
      .expect(201);
  });

  it('keeps other werkgroepen, observers and RVC members out of the working list', async () => {
    const secret = (await create('aanjager.ondermijning', { title: 'Vertrouwelijke actie ondermijning' })).body;
    for (const [who, status] of [
      ['aanjager.cyber', 404],
      ['waarnemer.onrust', 404],
      ['rvc', 403],
    ] as const) {
      const list = await t.http().get(`/api/workgroups/${ondermijning.id}/actions`).set(as(who)).expect(status);
      expect(JSON.stringify(list.body)).not.toContain('Vertrouwelijke');
      const one = await t.http().get(`/api/actions/${secret.id}`).set(as(who)).expect(status);
      expect(JSON.stringify(one.body)).not.toContain('Vertrouwelijke');
      await t.http().patch(`/api/actions/${secret.id}`).set(as(who)).send({ title: 'Overgenomen' }).expect(status);
      await t.http().delete(`/api/actions/${secret.id}`).set(as(who)).expect(status);
    }
    // The observer reads its own werkgroep's list but changes nothing there.
    await t.http().get(`/api/workgroups/${onrustId}/actions`).set(as('waarnemer.onrust')).expect(200);
    await create('waarnemer.onrust', { title: 'Waarnemer maakt actie' }, onrustId).expect(403);
    const onrustAction = (await create('aanjager.onrust', { title: 'Duiding ordeverstoringen' }, onrustId).expect(201))
      .body;
    await t
      .http()
      .post(`/api/actions/${onrustAction.id}/comments`)
      .set(as('waarnemer.onrust'))
      .send({ body: 'Mag ik?' })
      .expect(403);
    await t
      .http()
      .get(`/api/actions/00000000-0000-4000-8000-000000000000`)
      .set(as('aanjager.ondermijning'))
      .expect(404);
    await t.http().get(`/api/actions/not-a-uuid`).set(as('aanjager.ondermijning')).expect(404);
  });

  it('deletes an action for everyone and audits every change', async () => {
    const doomed = (await create('aanjager.ondermijning', { title: 'Dubbel ingevoerde actie' })).body;
    await t.http().delete(`/api/actions/${doomed.id}`).set(as('aanjager.ondermijning')).expect(204);
    await t.http().get(`/api/actions/${doomed.id}`).set(as('aanjager.ondermijning')).expect(404);
    const list = await t
      .http()
      .get(`/api/workgroups/${ondermijning.id}/actions`)
      .set(as('aanjager.ondermijning'))
      .expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(doomed.id);
    const audit = await t
      .http()
      .get(`/api/audit?entityType=action&entityId=${doomed.id}`)
      .set(as('secretariaat'))
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'action.create',
      'action.delete',
    ]);
    const denied = await t.http().get('/api/audit?outcome=denied&action=action.').set(as('secretariaat')).expect(200);
    expect(denied.body.total).toBeGreaterThan(0);
  });

  it('refuses a blocked or cancelled status without a reason at the database too', async () => {
    const dataSource = t.app.get(DataSource);
    await expect(dataSource.query(`UPDATE actions SET status = 'vervallen', status_reason = NULL`)).rejects.toThrow();
  });

  it('gives every demo werkgroep realistic actions across focus areas and organisations: open, overdue and done', async () => {
    for (const [theme, workgroupId] of [
      ['ondermijning', ondermijning.id],
      ['onrust', onrustId],
    ] as const) {
      const all = (
        await t.http().get(`/api/workgroups/${workgroupId}/actions?limit=500`).set(as('secretariaat')).expect(200)
      ).body.items as Array<{ status: string; overdue: boolean; ownerName: string | null; title: string }>;
      const expectedTitles = DEMO_ACTIONS.filter((a) => a.theme === theme).map((a) => a.title);
      const demo = all.filter((a) => expectedTitles.includes(a.title));
      expect(demo.map((a) => a.title).sort()).toEqual([...expectedTitles].sort());
      expect(demo.some((a) => a.overdue)).toBe(true);
      expect(demo.some((a) => a.status === 'afgerond')).toBe(true);
      expect(demo.every((a) => a.ownerName)).toBe(true);
    }
  });
});
