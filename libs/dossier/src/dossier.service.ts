import { Injectable, Logger } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { notFound } from '@koers/core';
import { DocumentService } from '@koers/documents';
import { FileService } from '@koers/files';
import { DossierDescription, DossierItem, sha256, toCsv, writeDossierZip } from './dossier-archive';
import { DossierJob, DossierRepository } from './dossier.repository';

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
 * the audit trail, and a manifest with SHA-256 checksums. Made in the background: the request returns a job
 * row at once; the row carries progress and finally the ZIP, so any instance can answer the polling.
 * Secretariat only (workgroup.manage), audited.
 */
@Injectable()
export class DossierService {
  private readonly logger = new Logger(DossierService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly repository: DossierRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly documents: DocumentService,
    private readonly files: FileService,
  ) {}

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
    const run = this.build(job, actor).catch(async (error: unknown) => {
      this.logger.error(`Dossier ${job.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      await this.repository.fail(job.id, 'Het dossier kon niet worden samengesteld.').catch(() => undefined);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job;
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

  async content(actor: Actor, workgroupId: string, id: string): Promise<{ job: DossierJob; data: Buffer }> {
    const job = await this.get(actor, workgroupId, id);
    const data = job.status === 'klaar' ? await this.repository.content(id) : null;
    if (!data) throw notFound('Het dossier');
    await this.audit.recordChange(actor, {
      action: 'dossier.download',
      entityType: 'dossier',
      entityId: id,
      workgroupId,
      summary: { sha256: job.sha256 },
    });
    return { job, data };
  }

  /** Waits for the dossiers this instance is making (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async build(job: DossierJob, actor: Actor): Promise<void> {
    const workgroupId = job.workgroupId;
    const workgroup = await this.repository.workgroup(workgroupId);
    if (!workgroup) throw new Error('werkgroep verdwenen');
    const [members, documents, actions, sessions, decisions, reports, audit, attachments] = await Promise.all([
      this.repository.members(workgroupId),
      this.repository.documents(workgroupId),
      this.repository.actions(workgroupId),
      this.repository.sessions(workgroupId),
      this.repository.decisions(workgroupId),
      this.repository.reports(workgroupId),
      this.repository.audit(workgroupId),
      this.repository.attachments(workgroupId),
    ]);
    // Documents and attachments take the time; the rest is one step at the end.
    const total = documents.length + attachments.length + 1;
    await this.repository.start(job.id, total);
    let done = 0;
    const step = async () => {
      done += 1;
      await this.repository.progress(job.id, done);
    };

    const items: DossierItem[] = [];
    for (const document of documents) {
      const id = document.id as string;
      const title = document.title as string;
      const copies = await this.documents.archiveCopies(id, title);
      const base = `documenten/${safeName(title, 'document')}-${short(id)}`;
      const common = { id, name: title, category: 'document', date: iso(document.updated_at) };
      items.push({ ...common, path: `${base}.pdf`, data: copies.pdf, mediaType: 'application/pdf' });
      items.push({ ...common, path: `${base}.html`, data: Buffer.from(copies.html), mediaType: 'text/html' });
      await step();
    }
    for (const attachment of attachments) {
      const id = attachment.id as string;
      const content = await this.files.openContent(id);
      if (content) {
        const chunks: Buffer[] = [];
        for await (const chunk of content.stream) chunks.push(Buffer.from(chunk as Uint8Array));
        const data = Buffer.concat(chunks);
        items.push({
          path: `bijlagen/${attachment.parent_type as string}-${short(attachment.parent_id as string)}/${short(id)}-${safeName(content.version.name, 'bestand')}`,
          data,
          id,
          name: content.version.name,
          category: 'bijlage',
          mediaType: content.version.mediaType,
          recordHash: content.version.sha256,
        });
      }
      await step();
    }

    items.push(
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
    );
    for (const session of sessions)
      items.push({
        path: `bijeenkomsten/${iso(session.starts_at)?.slice(0, 10) ?? 'zonder-datum'}-${safeName(session.title as string, 'bijeenkomst')}-${short(session.id as string)}.json`,
        data: json(session),
        id: session.id as string,
        name: session.title as string,
        category: 'bijeenkomst',
        mediaType: 'application/json',
        date: iso(session.starts_at),
      });
    for (const report of reports) {
      const versions = (report.versions as Row[]) ?? [];
      for (const version of versions)
        items.push({
          path: `rapportages/${safeName(report.cycle_title as string, 'cyclus')}-${short(report.id as string)}/versie-${version.version as number}.json`,
          data: json(version),
          id: version.id as string,
          name: `${report.cycle_title as string}, versie ${version.version as number}`,
          category: 'rapportageversie',
          mediaType: 'application/json',
          date: iso(version.submitted_at),
          recordHash: version.content_hash as string,
        });
      items.push({
        path: `rapportages/${safeName(report.cycle_title as string, 'cyclus')}-${short(report.id as string)}/rapportage.json`,
        data: json({
          ...report,
          versions: versions.map((v) => ({ version: v.version, content_hash: v.content_hash, review: v.review })),
        }),
        id: report.id as string,
        name: report.cycle_title as string,
        category: 'rapportage',
        mediaType: 'application/json',
      });
    }
    items.push({
      path: 'audit/audittrail.json',
      data: json(audit),
      id: `${workgroupId}/audit`,
      name: 'Audittrail',
      category: 'audit',
      mediaType: 'application/json',
    });

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
      priorityTitle: workgroup.priority_title as string,
      strategyName: workgroup.strategy_name as string,
      createdAt: new Date().toISOString(),
      createdBy: actor.email,
      coverage: { begin: dates[0] ?? null, end: dates[dates.length - 1] ?? null },
      involved: members.map((m) => ({
        naam: m.naam as string,
        rol: m.rol as string,
        organisatie: (m.organisatie as string | null) ?? null,
      })),
    };
    const zip = await writeDossierZip(description, items);
    const fileName = `dossier-${safeName(workgroup.name as string, 'werkgroep')
      .replace(/\s+/g, '-')
      .toLowerCase()}-${description.createdAt.slice(0, 10)}.zip`;
    await this.repository.finish(job.id, fileName, zip.data, zip.sha256);
    await step().catch(() => undefined);
    this.logger.log(`Dossier ${job.id}: ${items.length} files, ${zip.data.length} bytes, ${sha256(zip.data)}`);
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
