import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';
import { AuditEntryEntity, AuditOutcome } from './audit-entry.entity';

export interface NewAuditEntry {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  workgroupId: string | null;
  outcome: AuditOutcome;
  summary: Record<string, unknown>;
  ip: string | null;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  workgroupId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Insert-only: the table's trigger refuses updates and deletes anyway. */
@Injectable()
export class AuditRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** In the caller's transaction when one is open, so the entry commits (or not) with the change. */
  async insert(entry: NewAuditEntry, manager?: EntityManager): Promise<void> {
    await this.transactions.manager(manager).query(
      `INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, workgroup_id, outcome, summary, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
      [
        entry.actorId,
        entry.actorEmail,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.workgroupId,
        entry.outcome,
        JSON.stringify(entry.summary),
        entry.ip,
      ],
    );
  }

  async page(query: AuditQuery): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action LIKE :action', { action: `${escapeLike(query.action)}%` });
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.workgroupId) qb.andWhere('a.workgroup_id = :workgroupId', { workgroupId: query.workgroupId });
    if (query.outcome) qb.andWhere('a.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    const [items, total] = await qb
      .orderBy('a.occurred_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items, total };
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
