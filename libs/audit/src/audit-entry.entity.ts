import type { AuditOutcome } from '@koers/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type { AuditOutcome } from '@koers/contracts';

@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'identity' })
  id: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId: string | null;

  @Column({ name: 'workgroup_id', type: 'uuid', nullable: true })
  workgroupId: string | null;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  ip: string | null;
}
