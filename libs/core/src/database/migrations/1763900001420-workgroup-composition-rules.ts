import { MigrationInterface, QueryRunner } from 'typeorm';

/** Midden-Nederland's composition rule, which every existing werkgroep followed implicitly. */
const MIDDEN_NEDERLAND_SEATS = [
  {
    code: 'aanjager',
    label: 'Burgemeester als bestuurlijk aanjager',
    function: 'burgemeester',
    role: 'aanjager',
    perDistrict: true,
  },
  {
    code: 'officier_van_justitie',
    label: 'Officier van justitie',
    function: 'officier_van_justitie',
    organisationType: 'openbaar_ministerie',
  },
  {
    code: 'sectorhoofd_politie',
    label: 'Sectorhoofd politie',
    function: 'sectorhoofd_politie',
    organisationType: 'politie',
  },
];
const TAX_AUTHORITY_SEAT = { code: 'belastingdienst', label: 'Belastingdienst', organisationType: 'belastingdienst' };

/**
 * Composition rules per werkgroep (the seats it must have filled) and a region default that new werkgroepen
 * start from, instead of one rule written into the code. Existing installations keep the rule they had.
 */
export class WorkgroupCompositionRules1763900001420 implements MigrationInterface {
  name = 'WorkgroupCompositionRules1763900001420';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workgroups ADD COLUMN composition_rules jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(composition_rules) = 'array');
      ALTER TABLE regions ADD COLUMN default_composition_rules jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(default_composition_rules) = 'array');
    `);
    await db.query(`UPDATE regions SET default_composition_rules = $1::jsonb`, [
      JSON.stringify(MIDDEN_NEDERLAND_SEATS),
    ]);
    await db.query(
      `UPDATE workgroups w SET composition_rules = CASE WHEN t.requires_tax_authority THEN $2::jsonb ELSE $1::jsonb END
         FROM themes t WHERE t.id = w.theme_id`,
      [JSON.stringify(MIDDEN_NEDERLAND_SEATS), JSON.stringify([...MIDDEN_NEDERLAND_SEATS, TAX_AUTHORITY_SEAT])],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE regions DROP COLUMN default_composition_rules; ALTER TABLE workgroups DROP COLUMN composition_rules;`,
    );
  }
}
