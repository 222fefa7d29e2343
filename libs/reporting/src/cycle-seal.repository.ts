import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface CycleSeal {
  cycleId: string;
  json: Buffer;
  jsonSha256: string;
  pdf: Buffer;
  pdfSha256: string;
  sealedBy: string | null;
  sealedByName: string | null;
  sealedAt: Date;
}

/** bytea arrives as Buffer from pg and as Uint8Array from PGlite. */
const buffer = (value: Buffer | Uint8Array): Buffer =>
  Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/** The sealed bundles of closed cycles (insert only) and the closing of a cycle. */
@Injectable()
export class CycleSealRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(cycleId: string): Promise<CycleSeal | null> {
    const rows: Array<Omit<CycleSeal, 'json' | 'pdf'> & { json: Buffer | Uint8Array; pdf: Buffer | Uint8Array }> =
      await this.dataSource.query(
        `SELECT s.cycle_id AS "cycleId", s.bundle_json AS json, s.json_sha256 AS "jsonSha256", s.bundle_pdf AS pdf,
                s.pdf_sha256 AS "pdfSha256", s.sealed_by AS "sealedBy", u.display_name AS "sealedByName", s.sealed_at AS "sealedAt"
           FROM reporting_cycle_seals s LEFT JOIN users u ON u.id = s.sealed_by
          WHERE s.cycle_id = $1`,
        [cycleId],
      );
    const row = rows[0];
    return row ? { ...row, json: buffer(row.json), pdf: buffer(row.pdf) } : null;
  }

  /** Locks the cycle for closing; its meeting date and whether it is closed already. */
  async lockCycle(cycleId: string, manager: EntityManager): Promise<{ meetingDate: string; closed: boolean } | null> {
    const rows: Array<{ meetingDate: string; closed: boolean }> = await manager.query(
      'SELECT meeting_date AS "meetingDate", closed_at IS NOT NULL AS closed FROM reporting_cycles WHERE id = $1 FOR UPDATE',
      [cycleId],
    );
    return rows[0] ?? null;
  }

  async seal(
    seal: { cycleId: string; json: Buffer; jsonSha256: string; pdf: Buffer; pdfSha256: string; sealedBy: string },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reporting_cycle_seals (cycle_id, bundle_json, json_sha256, bundle_pdf, pdf_sha256, sealed_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [seal.cycleId, seal.json, seal.jsonSha256, seal.pdf, seal.pdfSha256, seal.sealedBy],
    );
    await manager.query(
      'UPDATE reporting_cycles SET closed_at = now(), closed_by = $2, updated_at = now() WHERE id = $1',
      [seal.cycleId, seal.sealedBy],
    );
  }
}
