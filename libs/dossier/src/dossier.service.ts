import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, notFound } from '@koers/core';
import { DocumentService } from '@koers/documents';
import { FILE_STORE, FileService, FileStore } from '@koers/files';
import { DossierDescription, DossierItem, toCsv, writeDossierZip } from './dossier-archive';
import { DossierJob, DossierRepository } from './dossier.repository';

/** This instance no longer holds the job (another took it over as stale), or it is stopping: leave the row. */
class LetGo extends Error {}

type Row = Record<string, unknown>;

/** A name safe in a ZIP path: letters, digits, spaces, dots, dashes; never a path of its own. */
const safeName = (name: string, fallback: string) =>
  name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 80) || fallback;
const short = (id: string) => id.slice(0, 8);
const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));
const iso = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * The werkgroep's dossier (docs/exports.md): one ZIP with its documents (PDF/A and HTML), attachments, actions
 * and decisions (CSV and JSON), sessions with agendas, progress reports with their frozen versions and hashes,
 * the audit trail, and a manifest with SHA-256 checksums. Secretariat only (workgroup.manage), audited.
 *
 * Made in the background as a job row (`workgroup_dossiers`): the request inserts it `wachtend` and this
 * instance claims it at once; the builder streams the ZIP in chunks into the file store (never whole in
 * memory, never in the row) and keeps the row's `heartbeat_at` fresh with its progress. A job whose builder
 * stopped (a crash, a stop half-way) goes stale after `KOERS_DOSSIER_STALE_MS` and is claimed again, by exactly
 * one instance (`FOR UPDATE SKIP LOCKED`), at start and on every check; the new attempt removes the old
 * attempt's chunks and builds the dossier again from the start.
 */
@Injectable()
export class DossierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DossierService.name);
  private readonly running = new Set<Promise<void>>();
  /** Who this instance is in `claimed_by`. */
  private readonly instance = `${process.pid}-${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly repository: DossierRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly documents: DocumentService,
    private readonly files: FileService,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.pickUp().catch((err: unknown) => this.logger.warn(`Dossier pick-up failed: ${String(err)}`));
    const every = Math.min(this.config.files.sweepIntervalMs, this.config.files.dossierStaleMs);
    if (this.config.files.sweepIntervalMs > 0) {
      this.timer = setInterval(
        () => void this.pickUp().catch((err: unknown) => this.logger.warn(`Dossier pick-up failed: ${String(err)}`)),
        every,
      );
      this.timer.unref();
    }
  }

  /** Stops taking work; a dossier half-way stays `bezig` and is taken over once stale. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  async request(actor: Actor, workgroupId: string): Promise<DossierJob> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', workgroupId, 'dossier.create');
    const job = await this.repository.create(workgroupId, actor.userId);
    await this.audit.recordChange(actor, {
      action: 'dossier.create',
      entityType: 'dossier',
      entityId: job.id,
      workgroupId,
      summary: {},
    });
    await this.claimAndRun(job.id);
    return job;
  }

  /**
   * Claims and starts every job that waits or whose builder went stale, one claim at a time, each by one
   * instance only. Returns how many this instance took. Runs at start and periodically; tests call it.
   */
  async pickUp(): Promise<number> {
    let taken = 0;
    while (!this.stopping && (await this.claimAndRun())) taken += 1;
    return taken;
  }

  async list(actor: Actor, workgroupId: string): Promise<DossierJob[]> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', workgroupId, 'dossier.list');
    return this.repository.list(workgroupId);
  }

  async get(actor: Actor, workgroupId: string, id: string): Promise<DossierJob> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', workgroupId, 'dossier.read');
    const job = await this.repository.find(workgroupId, id);
    if (!job) throw notFound('Het dossier');
    return job;
  }

  /** The finished ZIP as a stream from the file store (audited). */
  async content(actor: Actor, workgroupId: string, id: string): Promise<{ job: DossierJob; stream: Readable }> {
    const job = await this.get(actor, workgroupId, id);
    const stored = job.status === 'klaar' ? await this.repository.content(id) : null;
    const stream = stored?.storageKey
      ? this.store.read(stored.storageKey)
      : stored?.legacy
        ? Readable.from([stored.legacy])
        : null;
    if (!stream) throw notFound('Het dossier');
    await this.audit.recordChange(actor, {
      action: 'dossier.download',
      entityType: 'dossier',
      entityId: id,
      workgroupId,
      summary: { sha256: job.sha256 },
    });
    return { job, stream };
  }

  /** Waits for the dossiers this instance is making (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  /** Claims a job (that one, or any claimable) and builds it in the background; false when none was claimed. */
  private async claimAndRun(id?: string): Promise<boolean> {
    if (this.stopping) return false;
    const claim = await this.repository.claim(this.instance, this.config.files.dossierStaleMs, id);
    if (!claim) return false;
    if (claim.attempts > 1)
      this.logger.warn(`Dossier ${claim.job.id}: attempt ${claim.attempts}, the previous builder stopped half-way`);
    const run = this.build(claim.job, claim.staleKey).catch(async (error: unknown) => {
      if (error instanceof LetGo) return;
      this.logger.error(`Dossier ${claim.job.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      await this.repository.fail(claim.job.id, 'Het dossier kon niet worden samengesteld.').catch(() => undefined);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return true;
  }

  private async build(job: DossierJob, staleKey: string | null): Promise<void> {
    const workgroupId = job.workgroupId;
    const mine = (held: boolean) => {
      if (!held || this.stopping) throw new LetGo();
    };
    if (staleKey) await this.store.remove(staleKey);
    const writer = await this.store.create();
    // A sign of life while a single item takes long; progress is one too.
    let lost = false;
    const heartbeat = setInterval(
      () =>
        void this.repository.heartbeat(job.id, this.instance).then(
          (held) => (lost ||= !held),
          () => undefined,
        ),
      Math.max(250, Math.floor(this.config.files.dossierStaleMs / 3)),
    );
    heartbeat.unref();
    try {
      mine(await this.repository.storeAt(job.id, this.instance, writer.key));
      const found = await this.repository.workgroup(workgroupId);
      if (!found) throw new Error('werkgroep verdwenen');
      const workgroup = found;
      const [members, documents, actions, sessions, decisions, reports, audit, attachments, requester] =
        await Promise.all([
          this.repository.members(workgroupId),
          this.repository.documents(workgroupId),
          this.repository.actions(workgroupId),
          this.repository.sessions(workgroupId),
          this.repository.decisions(workgroupId),
          this.repository.reports(workgroupId),
          this.repository.audit(workgroupId),
          this.repository.attachments(workgroupId),
          this.repository.requesterEmail(job.id),
        ]);
      // Documents and attachments take the time; the rest is one step at the end.
      const total = documents.length + attachments.length + 1;
      mine(await this.repository.start(job.id, this.instance, total));
      let done = 0;
      const step = async () => {
        done += 1;
        mine(!lost && (await this.repository.progress(job.id, this.instance, done)));
      };
      const documentsService = this.documents;
      const files = this.files;

      const dates = [
        ...documents.map((d) => iso(d.created_at)),
        ...actions.map((a) => iso(a.created_at)),
        ...sessions.map((s) => iso(s.starts_at)),
        ...audit.map((a) => iso(a.occurred_at)),
      ]
        .filter((d): d is string => !!d)
        .sort();
      const description: DossierDescription = {
        dossierId: job.id,
        workgroupId,
        workgroupName: workgroup.name as string,
        priorityTitle: (workgroup.priority_title as string | null) ?? 'Geen thema',
        strategyName: (workgroup.strategy_name as string | null) ?? 'Geen strategie',
        createdAt: new Date().toISOString(),
        createdBy: requester ?? 'onbekend',
        coverage: { begin: dates[0] ?? null, end: dates[dates.length - 1] ?? null },
        involved: members.map((m) => ({
          naam: m.naam as string,
          rol: m.rol as string,
          organisatie: (m.organisatie as string | null) ?? null,
        })),
      };

      /** The items one at a time: a document is rendered, an attachment opened, only when its turn comes. */
      async function* records(): AsyncGenerator<DossierItem> {
        for (const document of documents) {
          const id = document.id as string;
          const title = document.title as string;
          const copies = await documentsService.archiveCopies(id, title);
          const base = `documenten/${safeName(title, 'document')}-${short(id)}`;
          const common = { id, name: title, category: 'document', date: iso(document.updated_at) };
          yield* [{ ...common, path: `${base}.pdf`, data: copies.pdf, mediaType: 'application/pdf' }];
          yield* [{ ...common, path: `${base}.html`, data: Buffer.from(copies.html), mediaType: 'text/html' }];
          await step();
        }
        for (const attachment of attachments) {
          const id = attachment.id as string;
          const content = await files.openContent(id);
          if (content) {
            yield* [
              {
                path: `bijlagen/${attachment.parent_type as string}-${short(attachment.parent_id as string)}/${short(id)}-${safeName(content.version.name, 'bestand')}`,
                data: content.stream,
                id,
                name: content.version.name,
                category: 'bijlage',
                mediaType: content.version.mediaType,
                recordHash: content.version.sha256,
              },
            ];
          }
          await step();
        }

        yield* [
          {
            path: 'werkgroep.json',
            data: json({ werkgroep: workgroup, leden: members }),
            id: workgroupId,
            name: workgroup.name as string,
            category: 'werkgroep',
            mediaType: 'application/json',
          },
          {
            path: 'acties/acties.json',
            data: json(actions),
            id: `${workgroupId}/acties`,
            name: 'Acties',
            category: 'acties',
            mediaType: 'application/json',
          },
          {
            path: 'acties/acties.csv',
            data: toCsv(ACTION_COLUMNS, actions),
            id: `${workgroupId}/acties`,
            name: 'Acties',
            category: 'acties',
            mediaType: 'text/csv',
          },
          {
            path: 'besluiten/besluiten.json',
            data: json(decisions),
            id: `${workgroupId}/besluiten`,
            name: 'Besluiten',
            category: 'besluiten',
            mediaType: 'application/json',
          },
          {
            path: 'besluiten/besluiten.csv',
            data: toCsv(DECISION_COLUMNS, decisions),
            id: `${workgroupId}/besluiten`,
            name: 'Besluiten',
            category: 'besluiten',
            mediaType: 'text/csv',
          },
        ];
        for (const session of sessions)
          yield* [
            {
              path: `bijeenkomsten/${iso(session.starts_at)?.slice(0, 10) ?? 'zonder-datum'}-${safeName(session.title as string, 'bijeenkomst')}-${short(session.id as string)}.json`,
              data: json(session),
              id: session.id as string,
              name: session.title as string,
              category: 'bijeenkomst',
              mediaType: 'application/json',
              date: iso(session.starts_at),
            },
          ];
        for (const report of reports) {
          const versions = (report.versions as Row[]) ?? [];
          for (const version of versions)
            yield* [
              {
                path: `rapportages/${safeName(report.cycle_title as string, 'cyclus')}-${short(report.id as string)}/versie-${version.version as number}.json`,
                data: json(version),
                id: version.id as string,
                name: `${report.cycle_title as string}, versie ${version.version as number}`,
                category: 'rapportageversie',
                mediaType: 'application/json',
                date: iso(version.submitted_at),
                recordHash: version.content_hash as string,
              },
            ];
          yield* [
            {
              path: `rapportages/${safeName(report.cycle_title as string, 'cyclus')}-${short(report.id as string)}/rapportage.json`,
              data: json({
                ...report,
                versions: versions.map((v) => ({ version: v.version, content_hash: v.content_hash, review: v.review })),
              }),
              id: report.id as string,
              name: report.cycle_title as string,
              category: 'rapportage',
              mediaType: 'application/json',
            },
          ];
        }
        yield* [
          {
            path: 'audit/audittrail.json',
            data: json(audit),
            id: `${workgroupId}/audit`,
            name: 'Audittrail',
            category: 'audit',
            mediaType: 'application/json',
          },
        ];
      }

      const zip = await writeDossierZip(description, records(), (piece) => writer.write(piece));
      await writer.finish();
      const fileName = `dossier-${safeName(workgroup.name as string, 'werkgroep')
        .replace(/\s+/g, '-')
        .toLowerCase()}-${description.createdAt.slice(0, 10)}.zip`;
      mine(await this.repository.finish(job.id, this.instance, fileName, zip.sizeBytes, zip.sha256));
      this.logger.log(`Dossier ${job.id}: ${zip.items} files, ${zip.sizeBytes} bytes, ${zip.sha256}`);
    } catch (err) {
      // Another instance owns the job now (or this one stops): its chunks are not ours to keep.
      await writer.abort().catch(() => undefined);
      throw err;
    } finally {
      clearInterval(heartbeat);
    }
  }
}

const ACTION_COLUMNS = [
  'id',
  'title',
  'description',
  'status',
  'status_reason',
  'priority',
  'origin',
  'origin_note',
  'owner_name',
  'owner_organisation',
  'due_date',
  'created_at',
  'updated_at',
  'completed_at',
];
const DECISION_COLUMNS = ['id', 'session_title', 'session_starts_at', 'text', 'decided_at', 'created_at'];
