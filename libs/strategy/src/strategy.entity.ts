import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

import { STRATEGY_STATUSES, StrategyStatus } from '@koers/contracts';

export { STRATEGY_STATUSES };
export type { StrategyStatus };

@Entity('strategies')
export class StrategyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  motto: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ type: 'text' })
  status: StrategyStatus;

  @Column({ name: 'adopted_on', type: 'date', nullable: true })
  adoptedOn: string | null;

  /** The body that adopted it ("Regionaal Veiligheidscollege", "de gemeenteraden"). */
  @Column({ name: 'adopted_by', type: 'text' })
  adoptedBy: string;

  /** What the strategy says besides its themes: rich text (sanitised HTML, libs/core rich-text.ts). */
  @Column({ type: 'text' })
  vision: string;

  @Column({ type: 'text' })
  trends: string;

  @Column({ type: 'text' })
  principles: string;

  @Column({ name: 'selection_criteria', type: 'text' })
  selectionCriteria: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change (optimistic concurrency). */
  @VersionColumn()
  version: number;
}

/** A priority of the strategy (prioriteit / thema). */
@Entity('themes')
export class ThemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'strategy_id', type: 'uuid' })
  strategyId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** Set instead of deleting a theme that actions, reports or indicators still refer to. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** The undermining-crime theme's werkgroep includes the Belastingdienst. */
  @Column({ name: 'requires_tax_authority', type: 'boolean' })
  requiresTaxAuthority: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change (optimistic concurrency). */
  @VersionColumn()
  version: number;
}

/** A focus area of a theme (onderdeel). */
@Entity('focus_areas')
export class FocusAreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'theme_id', type: 'uuid' })
  themeId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  /** Rich text (sanitised HTML). */
  @Column({ type: 'text' })
  description: string;

  /** Set instead of deleting a focus area that actions or indicators still refer to. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change (optimistic concurrency). */
  @VersionColumn()
  version: number;
}
