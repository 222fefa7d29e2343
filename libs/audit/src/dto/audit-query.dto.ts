import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { AuditEntryEntity } from '../audit-entry.entity';

export class AuditQueryDto {
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

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
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
