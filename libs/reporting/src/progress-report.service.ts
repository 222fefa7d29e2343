import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuthorizationService, REPORTING_ROLES } from '@koers/access';
import type {
  CarriedOver,
  ProgressReport,
  Serializable,
  SubmitCheck,
  SubmitCheckItem,
  WorkingReport,
} from '@koers/contracts';
import { AuditService } from '@koers/audit';
import { conflict, EventBus, notFound, StaleVersionError, TransactionHost, validationFailed } from '@koers/core';
import { DocumentService } from '@koers/documents';
// The loop events (progress_report.*) are declared by the notifications library that hears them.
import type {} from '@koers/notifications';
import { hashVerified, versionContentHash } from './content-hash';
import { ProgressReportRepository, ReportRow, StoredCarryOver, VersionRow } from './progress-report.repository';
import { mergeReportChanges, ReportChanges } from './report-merge';
import { ReportFiguresRepository } from './report-figures.repository';
import { ReportingRepository } from './reporting.repository';
import { EDITABLE_REPORT_STATUSES, ReportContent, ReportNarrative } from './reporting.model';

export type { ReportChanges } from './report-merge';

const cycleClosed = () =>
  conflict('De rapportagecyclus is gesloten en haar bundel verzegeld; deze rapportage verandert niet meer.');

/** A werkgroep without a theme (a stuurgroep, an overleg) is no priority of the strategy: it makes no report. */
const noTheme = (themeSingular: string | null) => {
  const word = themeSingular || 'prioriteit';
  return conflict(
    `Deze werkgroep rapporteert niet over een ${word}: zij hoort bij geen ${word} van de strategie. Alleen werkgroepen met een ${word} maken een voortgangsrapportage.`,
  );
};

/** How a frozen version is shown: its words, figures and hash, and the secretariat's verdict on it. */
export function versionView(v: VersionRow) {
  return {
    id: v.id,
    version: v.version,
    content: v.content,
    figures: v.figures,
    contentHash: v.contentHash,
    hashVerified: hashVerified(v),
    submittedBy: v.submittedBy,
    submittedByName: v.submittedByName,
    submittedOnBehalf: v.submittedOnBehalf,
    submittedAt: v.submittedAt,
    review: v.reviewOutcome
      ? { outcome: v.reviewOutcome, comment: v.reviewComment, reviewedBy: v.reviewedBy, reviewedAt: v.reviewedAt }
      : null,
  };
}

/**
 * The progress report of a werkgroep for one reporting cycle: written as a concept, submitted by the
 * aanjager or a rapporteur, or by the secretariat on the werkgroep's behalf (which freezes content and figures into an immutable, hashed version), then accepted or
 * returned by the secretariat. RVC members only ever see frozen versions that were not returned.
 */
@Injectable()
export class ProgressReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
    private readonly repository: ProgressReportRepository,
    private readonly cycles: ReportingRepository,
    private readonly figures: ReportFiguresRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly documents: DocumentService,
    private readonly events: EventBus,
  ) {}

  async listOfWorkgroup(actor: Actor, workgroupId: string) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', workgroupId, 'progress_report.list');
    const reports = await this.repository.listOfWorkgroup(workgroupId);
    return reports.map((r) => ({
      id: r.id,
      cycleId: r.cycleId,
      cycleTitle: r.cycleTitle,
      status: r.status,
      currentVersion: r.currentVersion,
      narrativeDocumentId: r.narrativeDocumentId,
      updatedAt: r.updatedAt,
    }));
  }

  async create(actor: Actor, workgroupId: string, cycleId: string) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.write', workgroupId, 'progress_report.create');
    const reportsUnder = await this.repository.workgroupStrategy(workgroupId);
    if (!reportsUnder) throw notFound('De werkgroep');
    const { strategyId } = reportsUnder;
    if (!strategyId) throw noTheme(reportsUnder.themeSingular);
    const cycle = await this.cycles.findCycle(cycleId);
    if (!cycle || cycle.strategyId !== strategyId)
      throw validationFailed([
        { field: 'cycleId', messages: ['Deze rapportagecyclus bestaat niet voor de strategie van deze werkgroep.'] },
      ]);
    if (cycle.closedAt) throw cycleClosed();
    const focusAreas = await this.repository.focusAreasOf(workgroupId);
    // The werkgroep goes on from its last accepted report: its statuses and texts, marked as carried over.
    const source = await this.repository.lastAccepted(workgroupId, cycle.meetingDate);
    const previous = new Map(source?.content.focusAreas.map((f) => [f.focusAreaId, f]));
    const content: ReportContent = {
      summary: source?.content.summary ?? '',
      focusAreas: focusAreas.map((f) => ({
        focusAreaId: f.id,
        title: f.title,
        status: previous.get(f.id)?.status ?? 'nog_niet_gestart',
        narrative: previous.get(f.id)?.narrative ?? '',
      })),
    };
    // The shared narrative goes on too: the new document starts as a copy of the accepted report's.
    const narrative = source?.narrativeDocumentId ? await this.documents.contentCopy(source.narrativeDocumentId) : null;
    const acceptedText = source?.content.narrative?.text;
    const carriedOver: StoredCarryOver | null = source && {
      reportId: source.reportId,
      cycleTitle: source.cycleTitle,
      version: source.version,
      acceptedAt: new Date(source.acceptedAt).toISOString(),
      values: Object.fromEntries(
        Object.entries(reportFields(content)).filter(
          ([key]) => key === 'summary' || previous.has(key.split('.')[1] ?? ''),
        ),
      ),
      ...(narrative &&
        source.narrativeDocumentId && {
          narrative: {
            documentId: source.narrativeDocumentId,
            textHash: textHash(narrative.text),
            changedSinceAcceptance: acceptedText !== undefined && acceptedText !== narrative.text,
          },
        }),
    };
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insert(workgroupId, cycleId, content, actor.userId, manager, carriedOver);
      if (!newId) return null;
      // The narrative is written together in the editor; its content is frozen into each version on submit.
      const documentId = await this.documents.createWithin(
        actor,
        workgroupId,
        `Voortgangsrapportage ${cycle.title}`.slice(0, 200),
        'voortgangsrapportage',
        manager,
        narrative?.update,
      );
      await this.repository.setNarrativeDocument(newId, documentId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'progress_report.create',
          entityType: 'progress_report',
          entityId: newId,
          workgroupId,
          summary: {
            cycleId,
            narrativeDocumentId: documentId,
            ...(carriedOver && {
              carriedOverFrom: {
                reportId: carriedOver.reportId,
                version: carriedOver.version,
                ...(carriedOver.narrative && { narrativeDocumentId: carriedOver.narrative.documentId }),
              },
            }),
          },
        },
        manager,
      );
      return newId;
    });
    if (!id) throw conflict('Deze werkgroep heeft al een voortgangsrapportage voor deze cyclus.');
    return this.current(actor, id);
  }

  /** Members and the secretariat see the working report with live figures; RVC members the latest upward version. */
  async get(actor: Actor, id: string): Promise<Serializable<ProgressReport>> {
    const { report, upwardOnly } = await this.readable(actor, id, 'progress_report.read');
    if (upwardOnly) {
      const latest = (await this.repository.versions(id, true)).at(-1)!;
      return {
        id: report.id,
        workgroupId: report.workgroupId,
        workgroupName: report.workgroupName,
        cycleId: report.cycleId,
        cycleTitle: report.cycleTitle,
        status: latest.reviewOutcome ?? 'ingediend',
        version: versionView(latest),
      };
    }
    return this.working(report);
  }

  /** The working report after the caller changed it (who may change it may read the working copy). */
  private async current(actor: Actor, id: string): Promise<Serializable<WorkingReport>> {
    const { report } = await this.readable(actor, id, 'progress_report.read');
    return this.working(report);
  }

  /** The working copy with its figures: live while the werkgroep writes, the frozen ones once submitted. */
  private async working(report: ReportRow): Promise<Serializable<WorkingReport>> {
    const id = report.id;
    const editable = EDITABLE_REPORT_STATUSES.includes(report.status);
    const current = report.currentVersion > 0 ? await this.repository.version(id, report.currentVersion) : null;
    return {
      id: report.id,
      workgroupId: report.workgroupId,
      workgroupName: report.workgroupName,
      cycleId: report.cycleId,
      cycleTitle: report.cycleTitle,
      status: report.status,
      currentVersion: report.currentVersion,
      narrativeDocumentId: report.narrativeDocumentId,
      version: report.version,
      content: { summary: report.summary, focusAreas: report.focusAreas },
      // While the werkgroep still writes, the figures are live; once submitted they are the frozen ones.
      figures:
        editable || !current
          ? await this.figures.compute(report.workgroupId, { start: report.periodStart, end: report.periodEnd })
          : current.figures,
      figuresFrozen: !editable && Boolean(current),
      latestVersion: current ? versionView(current) : null,
      carriedOver: carriedOverView(report),
      createdAt: report.createdAt,
      updatedAt: report.updatedAt,
    };
  }

  async versions(actor: Actor, id: string) {
    const { upwardOnly } = await this.readable(actor, id, 'progress_report.versions');
    return (await this.repository.versions(id, upwardOnly)).map(versionView);
  }

  /**
   * Saves the texts and statuses that changed. With `expectedVersion` (the version the page was loaded at) a
   * save never overwrites what someone else wrote since: fields they changed are a 409 STALE_VERSION naming
   * those fields, every other field is merged in.
   */
  async update(actor: Actor, id: string, changes: ReportChanges, expectedVersion?: number) {
    const { report } = await this.readable(actor, id, 'progress_report.update', true);
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.write',
      report.workgroupId,
      'progress_report.update',
    );
    await this.dataSource
      .transaction(async (manager) => {
        const locked = (await this.repository.find(id, manager, true))!;
        this.assertEditable(locked);
        const merged = mergeReportChanges(locked, changes, expectedVersion);
        if (merged.problems.length) throw validationFailed(merged.problems);
        if (merged.conflicts.length) throw new StaleVersionError(undefined, merged.conflicts);
        if (!merged.changed.length) return;
        await this.repository.updateContent(id, merged.content, merged.fieldVersions, manager);
        await this.audit.recordChange(
          actor,
          {
            action: 'progress_report.update',
            entityType: 'progress_report',
            entityId: id,
            workgroupId: report.workgroupId,
            summary: { fields: merged.changed },
          },
          manager,
        );
      })
      // The current state goes with a conflict, read after the transaction (the embedded database has one connection).
      .catch(async (error: unknown) => {
        if (error instanceof StaleVersionError && error.current === undefined)
          throw new StaleVersionError(await this.get(actor, id), error.fields);
        throw error;
      });
    return this.current(actor, id);
  }

  /**
   * What the aanjager is asked about before submitting: texts left empty, texts still carried over unchanged
   * from the last accepted report, and the shared narrative when it is still its template or has empty sections.
   */
  async submitCheck(actor: Actor, id: string): Promise<SubmitCheck> {
    const { report } = await this.readable(actor, id, 'progress_report.submit_check', true);
    const items: SubmitCheckItem[] = [];
    const carried = new Set(carriedOverView(report)?.fields ?? []);
    const from = report.carriedOver ? ` (uit ${report.carriedOver.cycleTitle})` : '';
    const check = (field: string, label: string, value: string) => {
      if (!value.trim() && !field.endsWith('.status')) items.push({ field, label, problem: 'leeg' });
      else if (carried.has(field)) items.push({ field, label: label + from, problem: 'overgenomen' });
    };
    check('summary', 'Samenvatting', report.summary);
    for (const area of report.focusAreas) {
      check(`focusAreas.${area.focusAreaId}.status`, `Status: ${area.title}`, area.status);
      check(`focusAreas.${area.focusAreaId}.narrative`, `Toelichting: ${area.title}`, area.narrative);
    }
    if (report.narrativeDocumentId) {
      const fill = await this.documents.fill(report.narrativeDocumentId);
      const carriedNarrative = report.carriedOver?.narrative;
      if (fill.onlyHeadings) items.push({ field: 'narrative', label: 'Gezamenlijke toelichting', problem: 'sjabloon' });
      else {
        if (
          carriedNarrative &&
          textHash((await this.documents.currentContent(report.narrativeDocumentId)).text) === carriedNarrative.textHash
        )
          items.push({ field: 'narrative', label: `Gezamenlijke toelichting${from}`, problem: 'overgenomen' });
        for (const section of fill.emptySections)
          items.push({ field: 'narrative', label: `Gezamenlijke toelichting, kop “${section}”`, problem: 'leeg' });
      }
    }
    return { items };
  }

  /**
   * Freezes the report into its next version. The aanjager and the rapporteurs submit as the werkgroep; the
   * secretariat (without such a role in it) submits on the werkgroep's behalf, which the version records.
   */
  async submit(actor: Actor, id: string) {
    const { report } = await this.readable(actor, id, 'progress_report.submit', true);
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.report.submit',
      report.workgroupId,
      'progress_report.submit',
    );
    const role = await this.authorization.roleIn(actor, report.workgroupId);
    const onBehalf = !role || !REPORTING_ROLES.includes(role);
    // Read before the transaction: the document's state may come from the collaboration server's memory.
    const narrative = report.narrativeDocumentId
      ? await this.documents.currentContent(report.narrativeDocumentId)
      : null;
    await this.transactions.transaction(async (manager) => {
      const locked = (await this.repository.find(id, manager, true))!;
      this.assertEditable(locked);
      if (!locked.summary.trim())
        throw validationFailed([
          { field: 'summary', messages: ['Schrijf een samenvatting voordat u de rapportage indient.'] },
        ]);
      await this.freeze(actor, locked, narrative, onBehalf, manager);
      // Heard after the commit: the secretariat is told there is a report to review.
      this.events.publish('progress_report.submitted', {
        reportId: id,
        workgroupId: locked.workgroupId,
        workgroupName: locked.workgroupName,
        cycleTitle: locked.cycleTitle,
        version: locked.currentVersion + 1,
        actorId: actor.userId,
        onBehalf,
      });
    });
    return this.current(actor, id);
  }

  async accept(actor: Actor, id: string) {
    return this.review(actor, id, 'geaccepteerd', '');
  }

  async returnToWorkgroup(actor: Actor, id: string, comment: string) {
    return this.review(actor, id, 'teruggestuurd', comment.trim());
  }

  private async review(actor: Actor, id: string, outcome: 'geaccepteerd' | 'teruggestuurd', comment: string) {
    const attempted = outcome === 'geaccepteerd' ? 'progress_report.accept' : 'progress_report.return';
    const { report } = await this.readable(actor, id, attempted, true);
    await this.authorization.assertInRegion(actor, 'region.manage', attempted);
    if (outcome === 'teruggestuurd' && !comment)
      throw validationFailed([{ field: 'comment', messages: ['Geef aan waarom de rapportage wordt teruggestuurd.'] }]);
    await this.transactions.transaction(async (manager) => {
      const locked = (await this.repository.find(id, manager, true))!;
      if (locked.cycleClosed) throw cycleClosed();
      if (locked.status !== 'ingediend')
        throw conflict('Alleen een ingediende rapportage kan worden geaccepteerd of teruggestuurd.');
      const version = (await this.repository.version(id, locked.currentVersion, manager))!;
      await this.repository.insertReview(version.id, outcome, comment, actor.userId, manager);
      await this.repository.setStatus(id, outcome, null, manager);
      await this.audit.recordChange(
        actor,
        {
          action: attempted,
          entityType: 'progress_report',
          entityId: id,
          workgroupId: report.workgroupId,
          summary: { version: version.version, comment },
        },
        manager,
      );
      // Heard after the commit: the writers learn it came back (with the comment), or the werkgroep that it was accepted.
      this.events.publish('progress_report.reviewed', {
        reportId: id,
        workgroupId: locked.workgroupId,
        workgroupName: locked.workgroupName,
        cycleTitle: locked.cycleTitle,
        version: version.version,
        actorId: actor.userId,
        outcome,
        comment,
      });
    });
    return this.current(actor, id);
  }

  /** Freezes the report's current words, its narrative document and freshly computed figures into the next version. */
  private async freeze(
    actor: Actor,
    report: ReportRow,
    narrative: ReportNarrative | null,
    onBehalf: boolean,
    manager: EntityManager,
  ): Promise<void> {
    const version = report.currentVersion + 1;
    const content: ReportContent = { summary: report.summary, focusAreas: report.focusAreas, narrative };
    const figures = await this.figures.compute(
      report.workgroupId,
      { start: report.periodStart, end: report.periodEnd },
      manager,
    );
    const contentHash = versionContentHash({ reportId: report.id, version, content, figures });
    await this.repository.insertVersion(
      {
        reportId: report.id,
        version,
        content,
        figures,
        contentHash,
        submittedBy: actor.userId,
        submittedOnBehalf: onBehalf,
      },
      manager,
    );
    await this.repository.setStatus(report.id, 'ingediend', version, manager);
    await this.audit.recordChange(
      actor,
      {
        action: 'progress_report.submit',
        entityType: 'progress_report',
        entityId: report.id,
        workgroupId: report.workgroupId,
        // On behalf: "ingediend door <naam> namens <werkgroep>" (the actor is in the entry itself).
        summary: { version, sha256: contentHash, ...(onBehalf && { onBehalfOf: report.workgroupName }) },
      },
      manager,
    );
  }

  private assertEditable(report: ReportRow): void {
    if (report.cycleClosed) throw cycleClosed();
    if (!EDITABLE_REPORT_STATUSES.includes(report.status))
      throw conflict('Deze rapportage is ingediend en kan niet meer worden gewijzigd.');
  }

  /**
   * The report if the caller may read it. Members (concepts too) and the secretariat read everything;
   * an RVC member only frozen versions that went upward (`upwardOnly`), and nothing while there is none:
   * "forbidden", since the werkgroep itself is visible to them. Outsiders get "not found".
   */
  private async readable(
    actor: Actor,
    id: string,
    attempted: string,
    write = false,
  ): Promise<{ report: ReportRow; upwardOnly: boolean }> {
    const report = await this.repository.find(id);
    if (!report) throw notFound('De voortgangsrapportage');
    if (await this.authorization.canInWorkgroup(actor, 'workgroup.content.read', report.workgroupId))
      return { report, upwardOnly: false };
    if (actor.rvcMember && !write && (await this.repository.versions(id, true)).length > 0)
      return { report, upwardOnly: true };
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.read',
      report.workgroupId,
      attempted,
      'De voortgangsrapportage',
    );
    return { report, upwardOnly: false };
  }
}

/** The report's statuses and texts by field name: `summary`, `focusAreas.<id>.status|narrative`. */
function reportFields(content: Pick<ReportContent, 'summary' | 'focusAreas'>): Record<string, string> {
  const fields: Record<string, string> = { summary: content.summary };
  for (const f of content.focusAreas) {
    fields[`focusAreas.${f.focusAreaId}.status`] = f.status;
    fields[`focusAreas.${f.focusAreaId}.narrative`] = f.narrative;
  }
  return fields;
}

/** Where the report started from, naming the fields that still hold the carried-over value. */
function carriedOverView(report: ReportRow): CarriedOver | null {
  const stored = report.carriedOver;
  if (!stored) return null;
  const now = reportFields(report);
  return {
    reportId: stored.reportId,
    cycleTitle: stored.cycleTitle,
    version: stored.version,
    acceptedAt: stored.acceptedAt,
    fields: Object.entries(stored.values)
      .filter(([key, value]) => value !== '' && now[key] === value)
      .map(([key]) => key),
    narrative: stored.narrative ? { changedSinceAcceptance: stored.narrative.changedSinceAcceptance } : null,
  };
}

/** What is compared to tell a carried-over narrative that is still unchanged (its plain text, hashed). */
function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
