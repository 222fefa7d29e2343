import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { conflict, lockVersion, notFound, todayInNetherlands } from '@koers/core';
import { renderBundlePdf } from './bundle-pdf';
import { BundleService } from './bundle.service';
import { CycleSeal, CycleSealRepository } from './cycle-seal.repository';
import { ReportingRepository } from './reporting.repository';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What the API shows of a seal: the hashes, who sealed when, and whether the stored bytes still match. */
export function sealView(seal: CycleSeal) {
  return {
    sealedAt: seal.sealedAt,
    sealedBy: seal.sealedBy,
    sealedByName: seal.sealedByName,
    jsonSha256: seal.jsonSha256,
    pdfSha256: seal.pdfSha256,
    verified: sha256(seal.json) === seal.jsonSha256 && sha256(seal.pdf) === seal.pdfSha256,
  };
}

/**
 * Closing a reporting cycle once its RVC meeting has been held: the bundle the board received (JSON and PDF)
 * is stored with its SHA-256 and served from then on, whatever happens afterwards (new werkgroepen, new
 * reports); the cycle and its reports become read-only.
 */
@Injectable()
export class CycleClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seals: CycleSealRepository,
    private readonly cycles: ReportingRepository,
    private readonly bundles: BundleService,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async close(actor: Actor, cycleId: string, expectedVersion?: number) {
    await this.authorization.assertInRegion(actor, 'region.manage', 'reporting_cycle.close');
    const cycle = await this.cycles.findCycle(cycleId);
    if (!cycle) throw notFound('De rapportagecyclus');
    assertClosable(cycle);
    // A first compile and render before the transaction (rendering is slow, and the embedded database has one
    // connection); what is sealed is compiled again inside it, after the cycle row is locked. Accepting a
    // report shares that lock, so no acceptance can land between the compile and the seal: the one that
    // committed meanwhile is in the sealed bundle, the one still waiting finds the cycle closed.
    const now = new Date();
    const draft = await this.bundles.bundle(actor, cycleId, now);
    const draftJson = Buffer.from(JSON.stringify(draft), 'utf8');
    const draftPdf = await renderBundlePdf(draft);
    await this.dataSource.transaction(async (manager) => {
      await lockVersion(manager, 'reporting_cycles', cycleId, expectedVersion);
      const locked = await this.seals.lockCycle(cycleId, manager);
      if (!locked) throw notFound('De rapportagecyclus');
      assertClosable({ meetingDate: locked.meetingDate, closedAt: locked.closed ? new Date() : null });
      const bundle = await this.bundles.compile(cycleId, now, manager);
      const json = Buffer.from(JSON.stringify(bundle), 'utf8');
      // Same moment, same data: the same bytes, and the PDF rendered from them still holds.
      const pdf = json.equals(draftJson) ? draftPdf : await renderBundlePdf(bundle);
      const seal = { cycleId, json, jsonSha256: sha256(json), pdf, pdfSha256: sha256(pdf), sealedBy: actor.userId };
      await this.seals.seal(seal, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'reporting_cycle.close',
          entityType: 'reporting_cycle',
          entityId: cycleId,
          summary: {
            jsonSha256: seal.jsonSha256,
            pdfSha256: seal.pdfSha256,
            acceptedReports: bundle.workgroups.filter((w) => w.report).length,
            workgroups: bundle.workgroups.length,
          },
        },
        manager,
      );
    });
    return (await this.cycles.findCycle(cycleId))!;
  }
}

function assertClosable(cycle: { meetingDate: string; closedAt: Date | string | null }) {
  if (cycle.closedAt) throw conflict('Deze rapportagecyclus is al gesloten.');
  if (cycle.meetingDate > todayInNetherlands())
    throw conflict('Een cyclus kan pas worden gesloten als de vergadering is geweest.');
}
