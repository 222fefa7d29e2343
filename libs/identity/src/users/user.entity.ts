import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { PlatformRole } from '@koers/access';
import type { UserFunction } from '@koers/contracts';

export type { UserFunction };

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle: string;

  @Column({ type: 'text' })
  function: UserFunction;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'platform_role', type: 'text' })
  platformRole: PlatformRole;

  @Column({ name: 'rvc_member', type: 'boolean' })
  rvcMember: boolean;

  /** Null until an invited person has set a password. */
  @Column({ name: 'password_hash', type: 'text', select: false, nullable: true })
  passwordHash: string | null;

  /** When the password was last set; null while an invitation is pending. */
  @Column({ name: 'password_set_at', type: 'timestamptz', nullable: true })
  passwordSetAt: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change (optimistic concurrency). */
  @VersionColumn()
  version: number;
}
