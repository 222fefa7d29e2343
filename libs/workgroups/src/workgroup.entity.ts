import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { MembershipRole } from '@koers/access';

@Entity('workgroups')
export class WorkgroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'theme_id', type: 'uuid' })
  themeId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

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
