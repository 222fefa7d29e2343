import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_TYPES = [
  'gemeente',
  'openbaar_ministerie',
  'politie',
  'belastingdienst',
  'partner',
  'bureau',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;
}

@Entity('districts')
export class DistrictEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId: string;

  @Column({ type: 'text' })
  name: string;
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
}
