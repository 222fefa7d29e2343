import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

import { ORGANISATION_TYPES, OrganisationType } from '@koers/contracts';

export { ORGANISATION_TYPES };
export type { OrganisationType };

/** The one region of an installation and the words it uses for its strategy, board, bureau and themes. */
@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** "Regionale Veiligheidsstrategie", "Regionaal Beleidsplan Veiligheid", ... */
  @Column({ name: 'strategy_name', type: 'text' })
  strategyName: string;

  @Column({ name: 'strategy_abbreviation', type: 'text' })
  strategyAbbreviation: string;

  /** "Regionaal Veiligheidscollege", "Bestuurscollege", ... */
  @Column({ name: 'board_name', type: 'text' })
  boardName: string;

  @Column({ name: 'board_abbreviation', type: 'text' })
  boardAbbreviation: string;

  @Column({ name: 'bureau_name', type: 'text' })
  bureauName: string;

  /** "prioriteit" or "thema": what the region calls a theme of its strategy. */
  @Column({ name: 'theme_singular', type: 'text' })
  themeSingular: string;

  @Column({ name: 'theme_plural', type: 'text' })
  themePlural: string;

  /** Seeded as the demo region: only then do the login page and footer mention demo accounts. */
  @Column({ type: 'boolean', update: false })
  demo: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change of the words (optimistic concurrency). */
  @VersionColumn()
  version: number;
}

@Entity('districts')
export class DistrictEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId: string;

  @Column({ type: 'text' })
  name: string;

  /** Raised by the database on every rename (optimistic concurrency). */
  @VersionColumn()
  version: number;
}

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: OrganisationType;

  @Column({ name: 'district_id', type: 'uuid', nullable: true })
  districtId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by the database on every change (optimistic concurrency). */
  @VersionColumn()
  version: number;
}
