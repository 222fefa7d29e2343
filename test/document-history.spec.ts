import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { CollabService } from '@koers/documents';
import { CollabTestClient, eventually } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('document comments and version history', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let workgroupId: string;
  let documentId: string;
  const clients: CollabTestClient[] = [];
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const open = async (who: string) => {
    const { client, join } = await CollabTestClient.open(t.url, tokens[who], documentId);
    expect(join).toMatchObject({ ok: true });
    clients.push(client);
    await eventually(() => expect(client.doc.getXmlFragment('default').length).toBeGreaterThan(0));
    return client;
  };
  const paragraph = (client: CollabTestClient, text: string) => {
    const fragment = client.doc.getXmlFragment('default');
    const p = new Y.XmlElement('paragraph');
    const yText = new Y.XmlText(text);
    p.insert(0, [yText]);
    fragment.insert(fragment.length, [p]);
    return yText;
  };
  const html = async (path: string) => (await t.http().get(path).set(as('aanjager.ondermijning')).expect(200)).text;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_COLLAB_UNLOAD_AFTER_MS: '200' });
    for (const who of [
      'secretariaat',
      'aanjager.ondermijning',
      'ovj.ondermijning',
      'aanjager.cyber',
      'riec',
      'aanjager.onrust',
    ]) {
      tokens[who] = await t.login(`${who}@demo.koers.nl`);
      userIds[who] = (await t.http().get('/api/me').set(as(who))).body.user.id;
    }
    const workgroups = (await t.http().get('/api/workgroups').set(as('secretariaat'))).body as Array<{
      id: string;
      name: string;
    }>;
    workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    documentId = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/documents`)
        .set(as('aanjager.ondermijning'))
        .send({ title: 'Plan met opmerkingen', kind: 'notitie' })
        .expect(201)
    ).body.id;
  });
  // Each test starts when the previous one's editors have left and its automatic version is taken, so the
  // contributions a test sees are its own.
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await eventually(() => expect(t.app.get(CollabService).openDocumentCount()).toBe(0));
    await eventually(async () => {
      const [{ n }] = await t.app
        .get(DataSource)
        .query('SELECT count(*) AS n FROM document_contributions WHERE document_id = $1', [documentId]);
      expect(n).toBe(0);
    });
  });
  afterAll(() => t.close());

  it('anchors a comment to text with Yjs relative positions that follow later edits, keeps threads, resolve and reopen', async () => {
    const mayor = await open('aanjager.ondermijning');
    const text = paragraph(mayor, 'De kern van het plan');
    await mayor.settled();
    const start = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 3));
    const end = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 7));
    const created = await t
      .http()
      .post(`/api/documents/${documentId}/comments`)
      .set(as('aanjager.ondermijning'))
      .send({
        body: 'Kunnen we dit concreter maken?',
        anchorStart: b64(start),
        anchorEnd: b64(end),
        quote: 'kern',
        mentions: [userIds['ovj.ondermijning']],
      })
      .expect(201);
    const thread = created.body[0];
    expect(thread).toMatchObject({
      body: 'Kunnen we dit concreter maken?',
      quote: 'kern',
      authorName: 'Burgemeester Nieuwegein (demo)',
      mentions: [userIds['ovj.ondermijning']],
      resolvedAt: null,
      replies: [],
    });

    // Another member inserts text before the anchor: the stored position still points at "kern".
    const prosecutor = await open('ovj.ondermijning');
    await eventually(() =>
      expect(prosecutor.doc.getXmlFragment('default').toString()).toContain('De kern van het plan'),
    );
    const theirText = (
      prosecutor.doc.getXmlFragment('default').toArray().slice(-1)[0] as Y.XmlElement
    ).toArray()[0] as Y.XmlText;
    theirText.insert(0, 'Samengevat: ');
    await prosecutor.settled();
    await eventually(() => expect(text.toString()).toBe('Samengevat: De kern van het plan'));
    const anchorStart = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Buffer.from(thread.anchorStart, 'base64')),
      mayor.doc,
    );
    const anchorEnd = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Buffer.from(thread.anchorEnd, 'base64')),
      mayor.doc,
    );
    expect(text.toString().slice(anchorStart!.index, anchorEnd!.index)).toBe('kern');

    const replied = await t
      .http()
      .post(`/api/comments/${thread.id}/replies`)
      .set(as('ovj.ondermijning'))
      .send({ body: 'Eens, ik lever een voorstel aan.' })
      .expect(201);
    expect(replied.body[0].replies.map((r: { body: string }) => r.body)).toEqual(['Eens, ik lever een voorstel aan.']);
    const resolved = await t.http().post(`/api/comments/${thread.id}/resolve`).set(as('ovj.ondermijning')).expect(201);
    expect(resolved.body[0]).toMatchObject({ resolvedBy: userIds['ovj.ondermijning'], resolvedAt: expect.any(String) });
    const reopened = await t
      .http()
      .post(`/api/comments/${thread.id}/reopen`)
      .set(as('aanjager.ondermijning'))
      .expect(201);
    expect(reopened.body[0].resolvedAt).toBeNull();

    // The text is deleted: the comment stays readable with its quote.
    text.delete(0, text.length);
    await mayor.settled();
    const list = await t.http().get(`/api/documents/${documentId}/comments`).set(as('ovj.ondermijning')).expect(200);
    expect(list.body[0]).toMatchObject({ quote: 'kern', body: 'Kunnen we dit concreter maken?' });
  });

  it('refuses what a caller may not do, with clear errors', async () => {
    const thread = (
      await t
        .http()
        .post(`/api/documents/${documentId}/comments`)
        .set(as('aanjager.ondermijning'))
        .send({ body: 'Eigen opmerking' })
        .expect(201)
    ).body.find((c: { body: string }) => c.body === 'Eigen opmerking');
    await t
      .http()
      .patch(`/api/comments/${thread.id}`)
      .set(as('ovj.ondermijning'))
      .send({ body: 'Overschreven' })
      .expect(403);
    await t.http().delete(`/api/comments/${thread.id}`).set(as('ovj.ondermijning')).expect(403);
    await t.http().get(`/api/documents/${documentId}/comments`).set(as('aanjager.cyber')).expect(404);
    await t
      .http()
      .post(`/api/comments/${thread.id}/replies`)
      .set(as('aanjager.cyber'))
      .send({ body: 'Van buiten' })
      .expect(404);
    const badMention = await t
      .http()
      .post(`/api/documents/${documentId}/comments`)
      .set(as('aanjager.ondermijning'))
      .send({ body: 'Hallo', mentions: [userIds['aanjager.onrust']] })
      .expect(400);
    expect(badMention.body.error.fields[0].field).toBe('mentions');
    await t
      .http()
      .post(`/api/documents/${documentId}/comments`)
      .set(as('aanjager.ondermijning'))
      .send({ body: '' })
      .expect(400);
    await t
      .http()
      .post(`/api/documents/${documentId}/comments`)
      .set(as('aanjager.ondermijning'))
      .send({ body: 'x', anchorStart: 'niet base64!' })
      .expect(400);
    // The guest (RIEC) may comment: a contributor role.
    await t
      .http()
      .post(`/api/documents/${documentId}/comments`)
      .set(as('riec'))
      .send({ body: 'Aanvulling RIEC' })
      .expect(201);
    const edited = await t
      .http()
      .patch(`/api/comments/${thread.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ body: 'Eigen opmerking, aangepast' })
      .expect(200);
    expect(edited.body.find((c: { id: string }) => c.id === thread.id)).toMatchObject({
      body: 'Eigen opmerking, aangepast',
      editedAt: expect.any(String),
    });
    await t.http().delete(`/api/comments/${thread.id}`).set(as('aanjager.ondermijning')).expect(200);
    const audit = await t
      .http()
      .get(`/api/audit?entityType=document_comment&entityId=${thread.id}`)
      .set(as('secretariaat'))
      .expect(200);
    const actions = (outcome: string) =>
      audit.body.items
        .filter((e: { outcome: string }) => e.outcome === outcome)
        .map((e: { action: string }) => e.action)
        .sort();
    expect(actions('success')).toEqual(['document.comment.create', 'document.comment.delete', 'document.comment.edit']);
    // The OvJ's attempts on the aanjager's comment are on record too.
    expect(actions('denied')).toEqual(['document.comment.delete', 'document.comment.edit']);
  });

  it('keeps named versions with who changed what, shows an old version read-only, and restores it as a new change', async () => {
    const mayor = await open('aanjager.ondermijning');
    const prosecutor = await open('ovj.ondermijning');
    paragraph(mayor, 'Versie een: uitgangspunten');
    await mayor.settled();
    const v1 = (
      await t
        .http()
        .post(`/api/documents/${documentId}/versions`)
        .set(as('aanjager.ondermijning'))
        .send({ name: 'Concept voor werksessie' })
        .expect(201)
    ).body;
    expect(v1).toMatchObject({
      name: 'Concept voor werksessie',
      kind: 'handmatig',
      createdByName: 'Burgemeester Nieuwegein (demo)',
    });
    expect(v1.contributors.map((c: { displayName: string }) => c.displayName)).toEqual([
      'Burgemeester Nieuwegein (demo)',
    ]);

    paragraph(prosecutor, 'Later toegevoegd door het OM');
    await prosecutor.settled();
    await eventually(() => expect(mayor.doc.getXmlFragment('default').toString()).toContain('Later toegevoegd'));
    const versions = (
      await t.http().get(`/api/documents/${documentId}/versions`).set(as('ovj.ondermijning')).expect(200)
    ).body;
    expect(versions.map((v: { id: string }) => v.id)).toContain(v1.id);

    const old = await html(`/api/documents/${documentId}/versions/${v1.id}?format=html`);
    expect(old).toContain('Versie een: uitgangspunten');
    expect(old).not.toContain('Later toegevoegd');

    await t
      .http()
      .post(`/api/documents/${documentId}/versions/${v1.id}/restore`)
      .set(as('ovj.ondermijning'))
      .expect(201);
    // Both open editors receive the restore live, as an ordinary change.
    await eventually(() => {
      expect(mayor.doc.getXmlFragment('default').toString()).not.toContain('Later toegevoegd');
      expect(prosecutor.doc.getXmlFragment('default').toString()).toBe(mayor.doc.getXmlFragment('default').toString());
    });
    expect(await html(`/api/documents/${documentId}/export?format=html`)).toContain('Versie een: uitgangspunten');
    const after = (await t.http().get(`/api/documents/${documentId}/versions`).set(as('ovj.ondermijning')).expect(200))
      .body as Array<{ kind: string; name: string | null; id: string }>;
    expect(after[0]).toMatchObject({ kind: 'herstel', name: 'Voor herstel' });
    // Who changed what: the prosecutor's addition is credited to the version that preserved it.
    expect(
      (after[0] as unknown as { contributors: Array<{ displayName: string }> }).contributors.map((c) => c.displayName),
    ).toEqual(['Officier van justitie ondermijning (demo)']);
    expect(after.map((v) => v.id)).toContain(v1.id);
    // History is not rewritten: the state before the restore is still viewable.
    expect(await html(`/api/documents/${documentId}/versions/${after[0].id}?format=html`)).toContain(
      'Later toegevoegd',
    );
    await t.http().post(`/api/documents/${documentId}/versions/${v1.id}/restore`).set(as('aanjager.cyber')).expect(404);
  });

  it('takes an automatic version when everyone has left a changed document', async () => {
    const mayor = await open('aanjager.ondermijning');
    paragraph(mayor, 'Laatste wijziging van de dag');
    await mayor.settled();
    mayor.close();
    await eventually(async () => {
      const versions = (
        await t.http().get(`/api/documents/${documentId}/versions`).set(as('aanjager.ondermijning')).expect(200)
      ).body;
      expect(versions[0]).toMatchObject({ kind: 'automatisch', name: null });
      // Everyone who changed it since the last version: the mayor now, and whoever restored before.
      expect(versions[0].contributors.map((c: { displayName: string }) => c.displayName)).toContain(
        'Burgemeester Nieuwegein (demo)',
      );
    });
  });
});
