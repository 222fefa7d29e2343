export * from './audit.module';
export * from './audit.service';
export type { AuditQuery } from './audit.repository';
export type { AuditEntryEntity, AuditOutcome } from './audit-entry.entity';
export * from './dto/audit-query.dto';
