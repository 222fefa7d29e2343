import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { MembershipRole } from '@koers/access';
import type { WorkgroupKind } from '@koers/contracts';
import type { CompositionSeat } from './composition';

@Entity('workgroups')
export class WorkgroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for a group without a theme (a stuurgroep, an overleg): it does not report as a priority. */
  @Column({ name: 'theme_id', type: 'uuid', nullable: true })
  themeId: string | null;

  @Column({ type: 'text' })
  kind: WorkgroupKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** The seats this werkgroep must have filled; [] means "geen eisen ingesteld". */
  @Column({ name: 'composition_rules', type: 'jsonb' })
  compositionRules: CompositionSeat[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change (optimistic concurrency). */
  @VersionColumn()
  version: number;
}

@Entity('workgroup_members')
export class WorkgroupMemberEntity {
  @PrimaryColumn({ name: 'workgroup_id', type: 'uuid' })
  workgroupId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: MembershipRole;

  @Column({ name: 'added_at', type: 'timestamptz', insert: false, update: false })
  addedAt: Date;
}
