import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, PageQueryDto } from '@koers/core';
import type { AuditEntryEntity } from '../audit-entry.entity';

export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsUUID()
  workgroupId?: string;

  @IsOptional()
  @IsIn(['success', 'denied', 'failed'])
  outcome?: 'success' | 'denied' | 'failed';

  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;
}

export function toAuditEntryDto(entry: AuditEntryEntity) {
  return {
    id: String(entry.id),
    occurredAt: entry.occurredAt,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    workgroupId: entry.workgroupId,
    outcome: entry.outcome,
    summary: entry.summary,
    ip: entry.ip,
  };
}
