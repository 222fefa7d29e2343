import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import * as yauzl from 'yauzl';
import { DossierService } from '@koers/dossier';
import { CHUNK_BYTES, OrphanSweep } from '@koers/files';
import { inspectPdf } from '@koers/testing';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { files } from './support/file-fixtures';
import { createTestApp, TestApp } from './support/test-app';

function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface ManifestFile {
  pad: string;
  identificatieKenmerk: string;
  categorie: string;
  omvang: number;
  checksum: { checksumAlgoritme: string; checksumWaarde: string };
  inhoudshashKoers?: string;
}

describe("the werkgroep's dossier", () => {
  let t: TestApp;
  let api: Api;
  let workgroupId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
  });
  afterAll(async () => {
    await t.app.get(DossierService).idle();
    await t.close();
  });

  it('packs every record of the demo werkgroep into one ZIP whose manifest checksums match', async () => {
    // An attachment in the werkgroep's Documenten, so the dossier carries one.
    const upload = await t
      .http()
      .post(`/api/workgroups/${workgroupId}/files`)
      .set('Authorization', `Bearer ${await api.token(DEMO.aanjagerOndermijning)}`)
      .set('Origin', t.config.http.allowedOrigins[0])
      .attach('file', files.pdf(800, 'Analyse RIEC dossier'), 'analyse-riec.pdf');
    const attachment = expectStatus(upload, 201).body as { id: string };

    const job = expectStatus(await api.post(DEMO.secretariaat, `/api/workgroups/${workgroupId}/dossiers`), 202)
      .body as { id: string; status: string };
    expect(['wachtend', 'bezig', 'klaar']).toContain(job.status);
    await t.app.get(DossierService).idle();

    const done = expectStatus(
      await api.get(DEMO.secretariaat, `/api/workgroups/${workgroupId}/dossiers/${job.id}`),
      200,
    ).body as { status: string; doneItems: number; totalItems: number; sha256: string; fileName: string };
    expect(done.status).toBe('klaar');
    expect(done.doneItems).toBe(done.totalItems);
    expect(done.fileName).toMatch(/^dossier-[a-z-]*ondermijning-\d{4}-\d{2}-\d{2}\.zip$/);

    const response = expectStatus(
      await t
        .http()
        .get(`/api/workgroups/${workgroupId}/dossiers/${job.id}/content`)
        .set('Authorization', `Bearer ${await api.token(DEMO.secretariaat)}`)
        .responseType('blob'),
      200,
    );
    expect(response.headers['content-type']).toBe('application/zip');
    const zip = response.body as Buffer;
    expect(sha256(zip)).toBe(done.sha256);

    const entries = await unzip(zip);
    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString()) as {
      identificatie: { identificatieKenmerk: string };
      naam: string;
      classificatie: { begripLabel: string };
      dekkingInTijd: { dekkingInTijdBegindatum: string | null };
      betrokkene: unknown[];
      bestanden: ManifestFile[];
    };
    expect(manifest.identificatie.identificatieKenmerk).toBe(job.id);
    expect(manifest.naam).toBe(`Dossier ${WORKGROUP_NAMES.ondermijning}`);
    expect(manifest.dekkingInTijd.dekkingInTijdBegindatum).toBeTruthy();
    expect(manifest.betrokkene.length).toBeGreaterThan(3);
    expect(entries.get('manifest.xml')?.toString()).toContain('<checksumAlgoritme>SHA-256</checksumAlgoritme>');

    // Every file is in the manifest, and every checksum matches its bytes.
    const listed = manifest.bestanden.map((b) => b.pad).sort();
    expect([...entries.keys()].filter((name) => !name.startsWith('manifest.')).sort()).toEqual(listed);
    for (const file of manifest.bestanden) {
      const data = entries.get(file.pad) as Buffer;
      expect({ pad: file.pad, sha: sha256(data), size: data.length }).toEqual({
        pad: file.pad,
        sha: file.checksum.checksumWaarde,
        size: file.omvang,
      });
    }

    // Every document of the werkgroep as PDF/A and HTML.
    const db = t.app.get(DataSource);
    const documents = (await db.query('SELECT id FROM documents WHERE workgroup_id = $1', [workgroupId])) as Array<{
      id: string;
    }>;
    expect(documents.length).toBeGreaterThan(0);
    for (const { id } of documents) {
      const copies = manifest.bestanden.filter((b) => b.identificatieKenmerk === id).map((b) => b.pad);
      expect(copies.some((p) => p.endsWith('.pdf')) && copies.some((p) => p.endsWith('.html'))).toBe(true);
    }
    const firstPdf = manifest.bestanden.find((b) => b.pad.startsWith('documenten/') && b.pad.endsWith('.pdf'))!;
    const pdf = await inspectPdf(entries.get(firstPdf.pad) as Buffer);
    expect(pdf).toMatchObject({ pdfaPart: '2', marked: true, hasStructTree: true, lang: 'nl-NL' });
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);

    // The attachment, byte for byte.
    const bijlage = manifest.bestanden.find((b) => b.identificatieKenmerk === attachment.id)!;
    expect(bijlage.categorie).toBe('bijlage');
    expect(bijlage.inhoudshashKoers).toBe(bijlage.checksum.checksumWaarde);

    // Actions and decisions as CSV and JSON, with the same rows.
    const actionsJson = JSON.parse((entries.get('acties/acties.json') as Buffer).toString()) as Array<{ id: string }>;
    const [{ n: actionCount }] = (await db.query(
      'SELECT count(*)::int AS n FROM actions WHERE workgroup_id = $1 AND deleted_at IS NULL',
      [workgroupId],
    )) as Array<{ n: number }>;
    expect(actionsJson).toHaveLength(actionCount);
    const actionsCsv = parseCsv(entries.get('acties/acties.csv') as Buffer, {
      columns: true,
      delimiter: ';',
      bom: true,
    }) as Array<{ id: string }>;
    expect(actionsCsv.map((a) => a.id)).toEqual(actionsJson.map((a) => a.id));
    expect(entries.has('besluiten/besluiten.csv') && entries.has('besluiten/besluiten.json')).toBe(true);

    // Sessions, and report versions with their frozen hashes.
    const [{ n: sessionCount }] = (await db.query(
      'SELECT count(*)::int AS n FROM workgroup_sessions WHERE workgroup_id = $1 AND deleted_at IS NULL',
      [workgroupId],
    )) as Array<{ n: number }>;
    expect(manifest.bestanden.filter((b) => b.categorie === 'bijeenkomst')).toHaveLength(sessionCount);
    const versions = manifest.bestanden.filter((b) => b.categorie === 'rapportageversie');
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      const body = JSON.parse((entries.get(version.pad) as Buffer).toString()) as { content_hash: string };
      expect(version.inhoudshashKoers).toBe(body.content_hash);
    }
    const audit = JSON.parse((entries.get('audit/audittrail.json') as Buffer).toString()) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toContain('dossier.create');

    // Requesting and downloading are audited.
    const [{ n: downloads }] = (await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'dossier.download' AND entity_id = $1`,
      [job.id],
    )) as Array<{ n: number }>;
    expect(downloads).toBe(1);
  });

  it('stores the ZIP in chunks, and rebuilds a dossier whose builder stopped half-way, once', async () => {
    const db = t.app.get(DataSource);
    const dossiers = t.app.get(DossierService);
    await dossiers.idle();
    const requester = await api.userId(DEMO.secretariaat);
    // What a crash in the middle of a build leaves: the row `bezig` with a heartbeat that stopped, claimed by an
    // instance that is gone, and the first chunk of a ZIP.
    const [{ key: partial }] = (await db.query('SELECT gen_random_uuid() AS key')) as Array<{ key: string }>;
    await db.query(`INSERT INTO file_chunks (blob_id, seq, data) VALUES ($1, 0, $2)`, [partial, Buffer.from('PK')]);
    const [{ id: crashed }] = (await db.query(
      `INSERT INTO workgroup_dossiers (workgroup_id, requested_by, status, done_items, total_items, claimed_by,
                                       heartbeat_at, storage_key, attempts)
       VALUES ($1, $2, 'bezig', 3, 40, 'gone-instance', now() - interval '1 hour', $3, 1) RETURNING id`,
      [workgroupId, requester, partial],
    )) as Array<{ id: string }>;
    // A build that is alive elsewhere (a fresh heartbeat) is left to its instance.
    const [{ id: alive }] = (await db.query(
      `INSERT INTO workgroup_dossiers (workgroup_id, requested_by, status, claimed_by, heartbeat_at, attempts)
       VALUES ($1, $2, 'bezig', 'other-instance', now(), 1) RETURNING id`,
      [workgroupId, requester],
    )) as Array<{ id: string }>;

    // Looked for at the same time (as by several instances at start): the stale job is taken exactly once.
    const taken = await Promise.all([dossiers.pickUp(), dossiers.pickUp(), dossiers.pickUp()]);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(1);
    await dossiers.idle();

    const rows = (await db.query(
      `SELECT id, status, attempts, storage_key, content IS NULL AS "noBytea", sha256, size_bytes::int AS size
         FROM workgroup_dossiers WHERE id = ANY($1)`,
      [[crashed, alive]],
    )) as Array<{
      id: string;
      status: string;
      attempts: number;
      storage_key: string | null;
      noBytea: boolean;
      sha256: string;
      size: number;
    }>;
    const rebuilt = rows.find((r) => r.id === crashed)!;
    expect(rebuilt).toMatchObject({ status: 'klaar', attempts: 2, noBytea: true });
    expect(rebuilt.storage_key).not.toBe(partial);
    expect(rows.find((r) => r.id === alive)).toMatchObject({ status: 'bezig', attempts: 1 });
    // The crashed attempt's chunks are gone; the ZIP is in the file store's chunks, more than one of them.
    const chunks = async (key: string) =>
      (
        (await db.query('SELECT count(*)::int AS n FROM file_chunks WHERE blob_id = $1', [key])) as Array<{ n: number }>
      )[0].n;
    expect(await chunks(partial)).toBe(0);
    expect(await chunks(rebuilt.storage_key!)).toBe(Math.ceil(rebuilt.size / CHUNK_BYTES));

    // Downloaded as a stream from those chunks, it is whole and its manifest checks out.
    const response = expectStatus(
      await t
        .http()
        .get(`/api/workgroups/${workgroupId}/dossiers/${crashed}/content`)
        .set('Authorization', `Bearer ${await api.token(DEMO.secretariaat)}`)
        .responseType('blob'),
      200,
    );
    const zip = response.body as Buffer;
    expect(zip.length).toBe(rebuilt.size);
    expect(sha256(zip)).toBe(rebuilt.sha256);
    const entries = await unzip(zip);
    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString()) as {
      identificatie: { identificatieKenmerk: string };
      event: { eventVerantwoordelijkeActor: string };
      bestanden: ManifestFile[];
    };
    expect(manifest.identificatie.identificatieKenmerk).toBe(crashed);
    expect(manifest.event.eventVerantwoordelijkeActor).toBe(DEMO.secretariaat);
    for (const file of manifest.bestanden)
      expect(sha256(entries.get(file.pad) as Buffer)).toBe(file.checksum.checksumWaarde);

    // Nothing is left to take; the orphan sweep leaves the dossier's chunks alone.
    expect(await dossiers.pickUp()).toBe(0);
    expect(await t.app.get(OrphanSweep).sweepOnce(1)).toBe(0);
    await db.query(`UPDATE file_chunks SET created_at = now() - interval '2 hours' WHERE blob_id = $1`, [
      rebuilt.storage_key,
    ]);
    expect(await t.app.get(OrphanSweep).sweepOnce(60)).toBe(0);
    expect(await chunks(rebuilt.storage_key!)).toBeGreaterThan(0);
    await db.query(`UPDATE workgroup_dossiers SET status = 'mislukt' WHERE id = $1`, [alive]);
  });

  it('is for the secretariat only: the aanjager gets 403, another werkgroep 404, nothing is made', async () => {
    const before = (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM workgroup_dossiers')) as Array<{
      n: number;
    }>;
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/dossiers`), 403);
    expectStatus(await api.post(DEMO.aanjagerCyber, `/api/workgroups/${workgroupId}/dossiers`), 404);
    const after = (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM workgroup_dossiers')) as Array<{
      n: number;
    }>;
    expect(after[0].n).toBe(before[0].n);
  });
});
