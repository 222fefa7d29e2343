import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { notFound } from '@koers/core';
import { renderBundlePdf } from './bundle-pdf';
import { BundleRepository } from './bundle.repository';
import { CycleSealRepository } from './cycle-seal.repository';
import { hashVerified } from './content-hash';
import { ReportingRepository } from './reporting.repository';
import { RvcBundle } from './reporting.model';

/**
 * The RVC bundle of a reporting cycle: every werkgroep's accepted report, compiled in the strategy's
 * priority order, for the RVC meeting. Readable by exactly those who may read the dashboard.
 */
@Injectable()
export class BundleService {
  constructor(
    private readonly repository: BundleRepository,
    private readonly seals: CycleSealRepository,
    private readonly cycles: ReportingRepository,
    private readonly authorization: AuthorizationService,
  ) {}

  async bundle(actor: Actor, cycleId: string, now = new Date()): Promise<RvcBundle> {
    await this.authorization.assertInRegion(actor, 'reporting.read', 'reporting_cycle.bundle');
    return this.compile(cycleId, now);
  }

  /**
   * Compiles the bundle without a permission check (the caller has decided it); with `manager`, from that
   * transaction's view, so sealing reads exactly what it locked.
   */
  async compile(cycleId: string, now = new Date(), manager?: EntityManager): Promise<RvcBundle> {
    const cycle = await this.cycles.findCycle(cycleId, manager);
    if (!cycle) throw notFound('De rapportagecyclus');
    const strategyName = await this.repository.strategyName(cycle.strategyId, manager);
    const words = await this.repository.words(manager);
    const rows = await this.repository.workgroupsWithAcceptedVersion(cycle.strategyId, cycle.id, manager);
    return {
      cycle,
      strategy: { id: cycle.strategyId, name: strategyName ?? '' },
      words,
      generatedAt: now.toISOString(),
      workgroups: rows.map((row) => ({
        workgroupId: row.workgroupId,
        name: row.name,
        priorityTitle: row.priorityTitle,
        report:
          row.reportId === null || row.version === null
            ? null
            : {
                reportId: row.reportId,
                version: row.version,
                submittedAt: new Date(row.submittedAt!).toISOString(),
                submittedByName: row.submittedByName,
                submittedOnBehalf: Boolean(row.submittedOnBehalf),
                acceptedAt: new Date(row.acceptedAt!).toISOString(),
                acceptedByName: row.acceptedByName,
                contentHash: row.contentHash!,
                hashVerified: hashVerified({
                  reportId: row.reportId,
                  version: row.version,
                  content: row.content,
                  figures: row.figures,
                  contentHash: row.contentHash!,
                }),
                content: row.content!,
                figures: row.figures!,
              },
      })),
    };
  }

  /**
   * The bundle as the RVC reads it: of a closed cycle exactly the sealed bytes (with their SHA-256), of an
   * open one compiled now.
   */
  async served(actor: Actor, cycleId: string): Promise<{ json: Buffer; sha256: string | null }> {
    await this.authorization.assertInRegion(actor, 'reporting.read', 'reporting_cycle.bundle');
    const seal = await this.seals.find(cycleId);
    if (seal) return { json: seal.json, sha256: seal.jsonSha256 };
    return { json: Buffer.from(JSON.stringify(await this.bundle(actor, cycleId)), 'utf8'), sha256: null };
  }

  /** The same bundle as a printable A4 PDF, with its download name: sealed once the cycle is closed. */
  async pdf(actor: Actor, cycleId: string): Promise<{ filename: string; data: Buffer; sha256: string | null }> {
    await this.authorization.assertInRegion(actor, 'reporting.read', 'reporting_cycle.bundle');
    const cycle = await this.cycles.findCycle(cycleId);
    if (!cycle) throw notFound('De rapportagecyclus');
    // Named after the region's board: rvc-bundel-…, rvo-bundel-…, bestuurscollege-bundel-…
    const filename = `${fileWord(boardWord(await this.repository.words()))}-bundel-${cycle.meetingDate}.pdf`;
    const seal = await this.seals.find(cycleId);
    if (seal) return { filename, data: seal.pdf, sha256: seal.pdfSha256 };
    return { filename, data: await renderBundlePdf(await this.bundle(actor, cycleId)), sha256: null };
  }
}

/** The board's short name, or its full name when the region gave no abbreviation. */
function boardWord(words: { boardAbbreviation: string; boardName: string }): string {
  return words.boardAbbreviation.trim() || words.boardName.trim() || 'bestuur';
}

/** A word safe in a file name: lower case, accents dropped, anything else a hyphen. */
function fileWord(word: string): string {
  return (
    word
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'bestuur'
  );
}
