import { createHash } from 'node:crypto';
import type { FileDetail, FileMeta } from '@koers/contracts';
import { TransactionHost } from '@koers/core';
import { CHUNK_BYTES, FileService, OrphanSweep } from '@koers/files';
import { Api, DEMO, errorBody, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { chunkedUpload, EICAR, FakeClamd, files, multipartBody } from './support/file-fixtures';
import { createTestApp, TestApp } from './support/test-app';

const MAX_BYTES = 600 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('attachments (docs/files.md)', () => {
  let t: TestApp;
  let api: Api;
  let workgroupId: string;
  let sessionId: string;
  let agendaItemId: string;
  let actionId: string;
  let knowledgeId: string;

  /** Uploads `content` as `name` (multipart, field `file`) to `path` as `email`. */
  const upload = async (email: string, path: string, name: string, content: Buffer) => {
    const { body, contentType } = multipartBody(name, content);
    return t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${await api.token(email)}`)
      .set('Content-Type', contentType)
      .send(body);
  };
  const download = async (email: string, path: string) =>
    t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await api.token(email)}`)
      .buffer(true)
      .parse((response, callback) => {
        const pieces: Buffer[] = [];
        response.on('data', (piece: Buffer) => pieces.push(piece));
        response.on('end', () => callback(null, Buffer.concat(pieces)));
      });
  const chunkCount = async (): Promise<number> => {
    const rows: Array<{ n: number }> = await t.app
      .get(TransactionHost)
      .manager()
      .query('SELECT count(*)::int AS n FROM file_chunks');
    return rows[0].n;
  };
  const aanjager = DEMO.aanjagerOndermijning;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_FILES_MAX_BYTES: String(MAX_BYTES), KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    sessionId = expectStatus(
      await api.post(aanjager, `/api/workgroups/${workgroupId}/sessions`, {
        type: 'werksessie',
        title: unique('Werksessie bijlagen'),
        startsAt: '2030-03-01T13:00:00Z',
        endsAt: '2030-03-01T15:00:00Z',
      }),
      201,
    ).body.id as string;
    agendaItemId = expectStatus(
      await api.post(aanjager, `/api/sessions/${sessionId}/agenda`, { title: 'Analyse RIEC', placement: 'agenda' }),
      201,
    ).body.id as string;
    actionId = expectStatus(
      await api.post(aanjager, `/api/workgroups/${workgroupId}/actions`, { title: unique('Convenant tekenen') }),
      201,
    ).body.id as string;
    const strategy = await api.strategy();
    const themeId = strategy.themes.find((theme) => theme.position === 1)!.id;
    knowledgeId = expectStatus(
      await api.post(aanjager, `/api/themes/${themeId}/knowledge`, { title: unique('Praktijk met bijlage') }),
      201,
    ).body.id as string;
  });
  afterAll(() => t.close());

  it('uploads a PDF to the werkgroep, lists it and serves it back byte for byte as an attachment', async () => {
    const pdf = files.pdf(2000);
    const created = expectStatus(
      await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'Analyse RIEC.pdf', pdf),
      201,
    ).body as FileMeta;
    expect(created).toMatchObject({
      parentType: 'workgroup',
      parentId: workgroupId,
      workgroupId,
      name: 'Analyse RIEC.pdf',
      kind: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      previewable: true,
      versionCount: 1,
      createdBy: { displayName: expect.any(String) },
    });

    const list = expectStatus(await api.get(DEMO.ovjOndermijning, `/api/workgroups/${workgroupId}/files`), 200)
      .body as FileMeta[];
    expect(list.map((f) => f.id)).toContain(created.id);

    const meta = expectStatus(await api.get(DEMO.riec, `/api/files/${created.id}`), 200);
    expect(meta.headers.etag).toBe('"1"');
    expect((meta.body as FileDetail).versions).toEqual([
      expect.objectContaining({ number: 1, sha256: sha256(pdf), sizeBytes: pdf.length }),
    ]);

    const content = await download(DEMO.riec, `/api/files/${created.id}/content`);
    expect(content.status).toBe(200);
    expect(Buffer.compare(content.body as Buffer, pdf)).toBe(0);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['content-length']).toBe(String(pdf.length));
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="Analyse RIEC.pdf"; filename*=UTF-8''Analyse%20RIEC.pdf`,
    );
    const inline = await download(DEMO.riec, `/api/files/${created.id}/content?inline=true`);
    expect(inline.headers['content-disposition']).toMatch(/^inline; filename="Analyse RIEC.pdf"/);

    const [entry] = (await api.audit({ action: 'file.upload', entityId: created.id })).items;
    expect(entry).toMatchObject({
      outcome: 'success',
      workgroupId,
      summary: expect.objectContaining({ sha256: sha256(pdf) }),
    });
  });

  it('streams a file larger than one chunk into several rows and back', async () => {
    const before = await chunkCount();
    const pdf = files.pdf(CHUNK_BYTES * 2 + 1234);
    const created = expectStatus(
      await upload(aanjager, `/api/sessions/${sessionId}/files`, 'presentatie.pdf', pdf),
      201,
    ).body as FileMeta;
    expect(await chunkCount()).toBe(before + 3);
    const content = await download(DEMO.politieOndermijning, `/api/files/${created.id}/content`);
    expect(sha256(content.body as Buffer)).toBe(created.sha256);
    // The dossier reads through the same public surface.
    const service = t.app.get(FileService);
    expect((await service.listFiles({ type: 'session', id: sessionId })).map((f) => f.id)).toContain(created.id);
    const opened = await service.openContent(created.id);
    const pieces: Buffer[] = [];
    for await (const piece of opened!.stream) pieces.push(piece as Buffer);
    expect(sha256(Buffer.concat(pieces))).toBe(sha256(pdf));
  });

  it('takes files on every kind of parent, typed from the content', async () => {
    const cases: Array<[string, string, Buffer, string, string]> = [
      [
        `/api/agenda-items/${agendaItemId}/files`,
        'bijlage.docx',
        files.docx(),
        'docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [
        `/api/actions/${actionId}/files`,
        'convenant.odt',
        files.odt(),
        'odt',
        'application/vnd.oasis.opendocument.text',
      ],
      [`/api/knowledge/${knowledgeId}/files`, 'foto.png', files.png(), 'png', 'image/png'],
      [
        `/api/workgroups/${workgroupId}/files`,
        'cijfers.csv',
        files.text('gemeente;aantal\nNieuwegein;3\n'),
        'csv',
        'text/csv; charset=utf-8',
      ],
      [`/api/workgroups/${workgroupId}/files`, 'notities', files.text(), 'txt', 'text/plain; charset=utf-8'],
    ];
    for (const [path, name, content, kind, mediaType] of cases) {
      const created = expectStatus(await upload(aanjager, path, name, content), 201).body as FileMeta;
      expect(created).toMatchObject({ name, kind, mediaType, previewable: kind === 'png' });
      const list = expectStatus(await api.get(DEMO.ovjOndermijning, path), 200).body as FileMeta[];
      expect(list.map((f) => f.id)).toContain(created.id);
    }
    const docx = (
      expectStatus(await api.get(aanjager, `/api/agenda-items/${agendaItemId}/files`), 200).body as FileMeta[]
    )[0];
    // Asked inline, a Word file still downloads.
    const response = await download(aanjager, `/api/files/${docx.id}/content?inline=true`);
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('refuses content that is not on the allow-list, whatever its name says, and stores nothing', async () => {
    const before = await chunkCount();
    const refusals: Array<[string, Buffer]> = [
      ['rapport.pdf', files.exe()],
      ['rapport.exe', files.exe()],
      ['archief.zip', files.zip()],
      ['rapport.pdf', files.text('<html><script>alert(1)</script></html>')],
      ['foto.png', files.pdf()],
      ['binair.txt', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41])],
    ];
    for (const [name, content] of refusals) {
      const response = await upload(aanjager, `/api/workgroups/${workgroupId}/files`, name, content);
      expect({ name, status: response.status }).toEqual({ name, status: 415 });
      expect(response.body).toEqual(errorBody('UNSUPPORTED_MEDIA_TYPE'));
      expect(response.body.error.message).toMatch(/bestand|inhoud/);
    }
    const empty = await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'leeg.txt', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Het bestand is leeg.');
    const noFile = multipartBody('x.txt', files.text(), 'anders');
    const missing = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/files`)
      .set('Authorization', `Bearer ${await api.token(aanjager)}`)
      .set('Content-Type', noFile.contentType)
      .send(noFile.body);
    expect(missing.status).toBe(400);
    const json = await api.post(aanjager, `/api/workgroups/${workgroupId}/files`, { file: 'abc' });
    expect(json.status).toBe(415);
    expect(await chunkCount()).toBe(before);
  });

  it('answers 413 in Dutch past the limit, declared up front or found while streaming, and keeps nothing', async () => {
    const before = await chunkCount();
    const tooBig = files.pdf(MAX_BYTES + 70 * 1024);
    const declared = await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'groot.pdf', tooBig);
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual(errorBody('PAYLOAD_TOO_LARGE'));
    expect(declared.body.error.message).toContain('600 kB');

    const streamed = await chunkedUpload(
      `${t.url}/api/workgroups/${workgroupId}/files`,
      await api.token(aanjager),
      multipartBody('groot.pdf', files.pdf(MAX_BYTES + 1)),
    );
    expect(streamed.status).toBe(413);
    expect(streamed.body).toEqual(errorBody('PAYLOAD_TOO_LARGE'));
    expect(await chunkCount()).toBe(before);

    // Exactly at the limit is fine.
    const atLimit = files.pdf(MAX_BYTES);
    expect((await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'precies.pdf', atLimit)).status).toBe(201);
    const limits = expectStatus(await api.get(DEMO.riec, '/api/file-limits'), 200).body;
    expect(limits).toEqual({ maxBytes: MAX_BYTES, kinds: expect.arrayContaining(['pdf', 'docx', 'csv', 'txt']) });
  });

  it('sanitises names: no paths, control or direction characters, reserved names, or endless length', async () => {
    const cases: Array<[string, string]> = [
      ['..\\..\\windows\\evil na\u202eme<>.txt', 'evil name__.txt'],
      ['../../etc/passwd', 'passwd'],
      ['  ...verborgen.txt. ', 'verborgen.txt'],
      ['CON.txt', '_CON.txt'],
      [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(196)}.pdf`],
    ];
    for (const [raw, expected] of cases) {
      const content = expected.endsWith('.pdf') ? files.pdf() : files.text();
      const created = expectStatus(await upload(aanjager, `/api/workgroups/${workgroupId}/files`, raw, content), 201)
        .body as FileMeta;
      expect(created.name).toBe(expected);
    }
    const created = expectStatus(
      await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'Overzicht café <Ü>.pdf', files.pdf()),
      201,
    ).body as FileMeta;
    expect(created.name).toBe('Overzicht café _Ü_.pdf');
    const response = await download(aanjager, `/api/files/${created.id}/content`);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Overzicht cafe _U_.pdf"; filename*=UTF-8''Overzicht%20caf%C3%A9%20_%C3%9C_.pdf`,
    );
  });

  it('keeps versions with who and when; the newest is served, older ones on request; stale If-Match is 409', async () => {
    const first = files.pdf(800, 'versie 1');
    const created = expectStatus(await upload(aanjager, `/api/actions/${actionId}/files`, 'convenant.pdf', first), 201)
      .body as FileMeta;
    const second = files.pdf(900, 'versie 2');
    const { body, contentType } = multipartBody('convenant getekend.pdf', second);
    const versioned = await t
      .http()
      .post(`/api/files/${created.id}/versions`)
      .set('Authorization', `Bearer ${await api.token(DEMO.ovjOndermijning)}`)
      .set('Content-Type', contentType)
      .set('If-Match', '"1"')
      .send(body);
    expect(versioned.status).toBe(201);
    expect(versioned.body).toMatchObject({
      id: created.id,
      versionCount: 2,
      name: 'convenant getekend.pdf',
      version: 2,
    });

    const stale = await t
      .http()
      .post(`/api/files/${created.id}/versions`)
      .set('Authorization', `Bearer ${await api.token(aanjager)}`)
      .set('Content-Type', contentType)
      .set('If-Match', '"1"')
      .send(body);
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(errorBody('STALE_VERSION'));

    const detail = expectStatus(await api.get(aanjager, `/api/files/${created.id}`), 200).body as FileDetail;
    expect(detail.versions.map((v) => [v.number, v.name, v.sha256, v.createdBy?.displayName])).toEqual([
      [2, 'convenant getekend.pdf', sha256(second), expect.stringContaining('')],
      [1, 'convenant.pdf', sha256(first), expect.any(String)],
    ]);
    expect(detail.versions[0].createdBy!.displayName).not.toBe(detail.versions[1].createdBy!.displayName);
    expect(sha256((await download(aanjager, `/api/files/${created.id}/content`)).body as Buffer)).toBe(sha256(second));
    expect(sha256((await download(aanjager, `/api/files/${created.id}/content?version=1`)).body as Buffer)).toBe(
      sha256(first),
    );
    expect((await download(aanjager, `/api/files/${created.id}/content?version=9`)).status).toBe(404);
    expect((await download(aanjager, `/api/files/${created.id}/content?version=nul`)).status).toBe(400);
  });

  it('archives instead of deleting: gone from lists and links, audited, versions kept', async () => {
    const created = expectStatus(
      await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'oud.pdf', files.pdf()),
      201,
    ).body as FileMeta;
    expect((await api.delete(DEMO.waarnemerOnrust, `/api/files/${created.id}`)).status).toBe(404);
    expect((await api.delete(aanjager, `/api/files/${created.id}`)).status).toBe(204);
    const list = expectStatus(await api.get(aanjager, `/api/workgroups/${workgroupId}/files`), 200).body as FileMeta[];
    expect(list.map((f) => f.id)).not.toContain(created.id);
    expect((await api.get(aanjager, `/api/files/${created.id}`)).status).toBe(404);
    expect((await download(aanjager, `/api/files/${created.id}/content`)).status).toBe(404);
    expect((await api.delete(aanjager, `/api/files/${created.id}`)).status).toBe(404);
    const [entry] = (await api.audit({ action: 'file.archive', entityId: created.id })).items;
    expect(entry).toMatchObject({
      outcome: 'success',
      workgroupId,
      summary: expect.objectContaining({ name: 'oud.pdf' }),
    });
    const rows: unknown[] = await t.app
      .get(TransactionHost)
      .manager()
      .query('SELECT 1 FROM file_versions WHERE file_id = $1', [created.id]);
    expect(rows).toHaveLength(1);
  });

  it('answers Range requests with 206 and Content-Range, reading only the chunks that hold the range', async () => {
    const pdf = files.pdf(CHUNK_BYTES * 2 + 1234);
    const created = expectStatus(await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'bereik.pdf', pdf), 201)
      .body as FileMeta;
    const path = `/api/files/${created.id}/content`;
    const ranged = async (range: string, ifRange?: string) => {
      const token = await api.token(DEMO.ovjOndermijning);
      const call = t.http().get(path).set('Authorization', `Bearer ${token}`).set('Range', range);
      if (ifRange) void call.set('If-Range', ifRange);
      return call.buffer(true).parse((response, callback) => {
        const pieces: Buffer[] = [];
        response.on('data', (piece: Buffer) => pieces.push(piece));
        response.on('end', () => callback(null, Buffer.concat(pieces)));
      });
    };

    const whole = await download(DEMO.ovjOndermijning, path);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');

    // Across the border of the first and second chunk.
    const across = await ranged(`bytes=${CHUNK_BYTES - 10}-${CHUNK_BYTES + 9}`);
    expect(across.status).toBe(206);
    expect(across.headers['content-range']).toBe(`bytes ${CHUNK_BYTES - 10}-${CHUNK_BYTES + 9}/${pdf.length}`);
    expect(across.headers['content-length']).toBe('20');
    expect(Buffer.compare(across.body as Buffer, pdf.subarray(CHUNK_BYTES - 10, CHUNK_BYTES + 10))).toBe(0);
    expect(across.headers['x-content-type-options']).toBe('nosniff');
    expect(across.headers['content-type']).toBe('application/pdf');

    // The last 100 bytes (a suffix range), and an open range from an offset.
    const suffix = await ranged('bytes=-100');
    expect(suffix.status).toBe(206);
    expect(suffix.headers['content-range']).toBe(`bytes ${pdf.length - 100}-${pdf.length - 1}/${pdf.length}`);
    expect(Buffer.compare(suffix.body as Buffer, pdf.subarray(pdf.length - 100))).toBe(0);
    const open = await ranged(`bytes=${CHUNK_BYTES * 2}-`);
    expect(Buffer.compare(open.body as Buffer, pdf.subarray(CHUNK_BYTES * 2))).toBe(0);

    // Only the chunks that hold the range are read: with the first two chunks gone, the tail still comes back.
    const db = t.app.get(TransactionHost).manager();
    const [{ key }]: Array<{ key: string }> = await db.query(
      'SELECT storage_key AS key FROM file_versions WHERE file_id = $1',
      [created.id],
    );
    await db.query('DELETE FROM file_chunks WHERE blob_id = $1 AND seq < 2', [key]);
    const tail = await ranged(`bytes=${CHUNK_BYTES * 2 + 1000}-${CHUNK_BYTES * 2 + 1233}`);
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body as Buffer, pdf.subarray(CHUNK_BYTES * 2 + 1000))).toBe(0);

    // Beyond the end: 416 with the size. An If-Range with the current ETag gets the range, a stale one all of it.
    const beyond = await ranged(`bytes=${pdf.length}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${pdf.length}`);
    expect(JSON.parse((beyond.body as Buffer).toString()).error.message).toContain('bestaat niet');
    await db.query('INSERT INTO file_chunks (blob_id, seq, data) VALUES ($1, 0, $2), ($1, 1, $3)', [
      key,
      pdf.subarray(0, CHUNK_BYTES),
      pdf.subarray(CHUNK_BYTES, CHUNK_BYTES * 2),
    ]);
    const matching = await ranged('bytes=0-0', `"${created.sha256}"`);
    expect(matching.status).toBe(206);
    expect(Buffer.compare(matching.body as Buffer, pdf.subarray(0, 1))).toBe(0);
    const stale = await ranged('bytes=0-0', '"0000"');
    expect(stale.status).toBe(200);
    expect(sha256(stale.body as Buffer)).toBe(created.sha256);
    // Several ranges at once are answered with the whole file (allowed by RFC 9110).
    const several = await ranged('bytes=0-0,10-20');
    expect(several.status).toBe(200);
    // Outsiders still get 404, range or not.
    const outsider = await t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await api.token(DEMO.waarnemerOnrust)}`)
      .set('Range', 'bytes=0-10');
    expect(outsider.status).toBe(404);
  });

  it('sweeps the chunks of uploads a crash interrupted, once they are old enough, and nothing else', async () => {
    const db = t.app.get(TransactionHost).manager();
    const sweep = t.app.get(OrphanSweep);
    const kept = expectStatus(
      await upload(aanjager, `/api/workgroups/${workgroupId}/files`, 'blijft.pdf', files.pdf(1000)),
      201,
    ).body as FileMeta;
    const [{ key }]: Array<{ key: string }> = await db.query(
      'SELECT storage_key AS key FROM file_versions WHERE file_id = $1',
      [kept.id],
    );
    // What a crash mid-upload leaves: chunks without a version. One old, one still being written.
    const [{ old, recent }]: Array<{ old: string; recent: string }> = await db.query(
      'SELECT gen_random_uuid() AS old, gen_random_uuid() AS recent',
    );
    await db.query(
      `INSERT INTO file_chunks (blob_id, seq, data, created_at) VALUES
         ($1, 0, '\\x00', now() - interval '2 hours'), ($1, 1, '\\x01', now() - interval '2 hours'),
         ($2, 0, '\\x00', now() - interval '2 hours'), ($2, 1, '\\x01', now())`,
      [old, recent],
    );
    await db.query(`UPDATE file_chunks SET created_at = now() - interval '2 hours' WHERE blob_id = $1`, [key]);
    const count = async (blob: string) =>
      (
        (await db.query('SELECT count(*)::int AS n FROM file_chunks WHERE blob_id = $1', [blob])) as Array<{
          n: number;
        }>
      )[0].n;

    expect(await sweep.sweepOnce(60)).toBe(1);
    expect(await count(old)).toBe(0);
    expect(await count(recent)).toBe(2);
    expect(await count(key)).toBeGreaterThan(0);
    const content = await download(aanjager, `/api/files/${kept.id}/content`);
    expect(sha256(content.body as Buffer)).toBe(kept.sha256);
    expect(await sweep.sweepOnce(60)).toBe(0);
  });

  it("takes files on a consultation answer, following the answer's own rules", async () => {
    const sec = DEMO.secretariaat;
    const [nieuwegein, amersfoort] = await Promise.all([
      api.organisationId('Gemeente Nieuwegein'),
      api.organisationId('Gemeente Amersfoort'),
    ]);
    const strategyId = expectStatus(
      await api.post(sec, '/api/strategies', {
        title: unique('Strategie met bijlagen'),
        periodStart: '2027-01-01',
        periodEnd: '2030-12-31',
      }),
      201,
    ).body.id as string;
    const consultationId = expectStatus(
      await api.post(sec, '/api/consultations', {
        strategyId,
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        organisationIds: [nieuwegein, amersfoort],
        // Only named contacts answer and read (docs/strategy-cycle.md, "Contact people").
        contacts: [
          { organisationId: nieuwegein, userIds: [await api.userId(aanjager)] },
          { organisationId: amersfoort, userIds: [await api.userId(DEMO.aanjagerCyber)] },
        ],
      }),
      201,
    ).body.id as string;
    const detail = expectStatus(await api.get(sec, `/api/consultations/${consultationId}`), 200).body as {
      responses: Array<{ id: string; organisationId: string }>;
    };
    const answerId = detail.responses.find((r) => r.organisationId === nieuwegein)!.id;
    const path = `/api/consultation-answers/${answerId}/files`;

    // Nieuwegein's contact adds the council's decision to Nieuwegein's answer.
    const created = expectStatus(await upload(aanjager, path, 'Raadsbesluit.pdf', files.pdf(900, 'Raadsbesluit')), 201)
      .body as FileMeta;
    expect(created).toMatchObject({ parentType: 'consultation_answer', parentId: answerId, workgroupId: null });
    // Who may read the consultation reads the answer's files: Amersfoort's contact (asked too), the RVC.
    for (const reader of [DEMO.aanjagerCyber, DEMO.rvc, sec]) {
      const list = expectStatus(await api.get(reader, path), 200).body as FileMeta[];
      expect(list.map((f) => f.id)).toEqual([created.id]);
      expect((await download(reader, `/api/files/${created.id}/content`)).status).toBe(200);
    }
    // ... but only Nieuwegein's contact and the secretariat add to it; who is not asked does not know it.
    expect((await upload(DEMO.aanjagerCyber, path, 'ander.pdf', files.pdf())).status).toBe(403);
    expect((await api.delete(DEMO.aanjagerCyber, `/api/files/${created.id}`)).status).toBe(403);
    expect((await api.get(DEMO.riec, path)).status).toBe(404);
    expect((await api.get(DEMO.riec, `/api/files/${created.id}`)).status).toBe(404);
    expect((await upload(DEMO.riec, path, 'ander.pdf', files.pdf())).status).toBe(404);
    expect((await upload(sec, path, 'namens.pdf', files.pdf())).status).toBe(201);
    const [entry] = (await api.audit({ action: 'file.upload', entityId: created.id })).items;
    expect(entry).toMatchObject({ outcome: 'success', summary: expect.objectContaining({ parentId: answerId }) });

    // A closed consultation's answers are fixed, their attachments too: 409 for who may answer.
    expectStatus(await api.patch(sec, `/api/consultations/${consultationId}`, { closed: true }), 200);
    const closed = await upload(aanjager, path, 'te-laat.pdf', files.pdf());
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toContain('gesloten');
    expect((await api.delete(aanjager, `/api/files/${created.id}`)).status).toBe(409);
    expect((await upload(DEMO.aanjagerCyber, path, 'ander.pdf', files.pdf())).status).toBe(403);
    expect((await api.get(DEMO.aanjagerCyber, path)).status).toBe(200);
  });

  it('only those who may see the parent list or fetch; only those who may change it upload', async () => {
    const created = expectStatus(
      await upload(aanjager, `/api/sessions/${sessionId}/files`, 'geheim.pdf', files.pdf()),
      201,
    ).body as FileMeta;
    for (const outsider of [DEMO.aanjagerCyber, DEMO.rvc]) {
      for (const path of [`/api/files/${created.id}`, `/api/files/${created.id}/content`]) {
        const response = await api.get(outsider, path);
        expect({ outsider, path, status: response.status }).toEqual({ outsider, path, status: 404 });
        expect(response.body).toEqual(errorBody('NOT_FOUND'));
        expect(JSON.stringify(response.body)).not.toContain('geheim');
      }
    }
    expect((await api.get(DEMO.aanjagerCyber, `/api/sessions/${sessionId}/files`)).status).toBe(404);
    expect((await upload(DEMO.aanjagerCyber, `/api/sessions/${sessionId}/files`, 'x.pdf', files.pdf())).status).toBe(
      404,
    );
    // The guest reads but does not edit the session.
    expect((await api.get(DEMO.riec, `/api/sessions/${sessionId}/files`)).status).toBe(200);
    expect((await upload(DEMO.riec, `/api/sessions/${sessionId}/files`, 'x.pdf', files.pdf())).status).toBe(403);
    const denied = (
      await api.audit({ outcome: 'denied', action: 'file.download', actorId: await api.userId(DEMO.aanjagerCyber) })
    ).items;
    expect(denied[0]).toMatchObject({ entityType: 'file', entityId: created.id, workgroupId });
  });
});

describe('attachments with a virus scanner (clamd over TCP)', () => {
  let t: TestApp;
  let api: Api;
  let clamd: FakeClamd;
  let workgroupId: string;

  const upload = async (name: string, content: Buffer) => {
    const { body, contentType } = multipartBody(name, content);
    return t
      .http()
      .post(`/api/workgroups/${workgroupId}/files`)
      .set('Authorization', `Bearer ${await api.token(DEMO.aanjagerCyber)}`)
      .set('Content-Type', contentType)
      .send(body);
  };

  beforeAll(async () => {
    clamd = new FakeClamd();
    const port = await clamd.start();
    t = await createTestApp({ KOERS_CLAMAV_URL: `tcp://127.0.0.1:${port}`, KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.cyber);
  });
  afterAll(async () => {
    await t.close();
    await clamd.stop();
  });

  it('scans every upload: a clean one is stored, an infected one refused and removed', async () => {
    const clean = files.text('Gewone notities\n');
    expect((await upload('notities.txt', clean)).status).toBe(201);
    expect(clamd.scanned.at(-1)!.equals(clean)).toBe(true);

    const infected = await upload('eicar.txt', Buffer.from(EICAR));
    expect(infected.status).toBe(400);
    expect(infected.body.error.message).toContain('Eicar-Signature');
    const list = expectStatus(await api.get(DEMO.aanjagerCyber, `/api/workgroups/${workgroupId}/files`), 200)
      .body as FileMeta[];
    expect(list.map((f) => f.name)).toEqual(['notities.txt']);
    const rows: Array<{ n: number }> = await t.app
      .get(TransactionHost)
      .manager()
      .query('SELECT count(*)::int AS n FROM file_chunks');
    expect(rows[0].n).toBe(1);
  });

  it('refuses uploads while the scanner is unreachable (503), rather than storing unscanned files', async () => {
    clamd.mode = 'down';
    try {
      const response = await upload('later.txt', files.text());
      expect(response.status).toBe(503);
      expect(response.body.error.message).toContain('virusscanner');
    } finally {
      clamd.mode = 'up';
    }
  });
});
