import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DistrictEntity, RegionEntity } from '../organisations/organisation.entity';
import { TransactionHost } from '@koers/core';
import type { OrganisationType, UserFunctionItem } from '@koers/contracts';

export type UserFunctionRow = UserFunctionItem;

/** The region row, its districts and the list of functions. */
@Injectable()
export class RegionRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Koers serves one region per installation. */
  current(manager?: EntityManager): Promise<RegionEntity | null> {
    return this.transactions
      .manager(manager)
      .getRepository(RegionEntity)
      .createQueryBuilder('r')
      .orderBy('r.name')
      .getOne();
  }

  async updateRegion(id: string, values: Partial<RegionEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(RegionEntity).update({ id }, { ...values, updatedAt: new Date() });
  }

  /**
   * Renames the bureau organisations that still carry the name made from the region's words at the first start
   * ("<bureau> <region>"); answers the renamed ones. A name the secretariat chose itself stays.
   */
  async renameGeneratedBureau(
    regionId: string,
    from: string,
    to: string,
    manager: EntityManager,
  ): Promise<Array<{ id: string; name: string }>> {
    if (from === to) return [];
    // As a CTE: TypeORM answers a bare UPDATE ... RETURNING as [rows, count].
    return manager.query(
      `WITH renamed AS (
         UPDATE organisations SET name = $3, updated_at = now()
          WHERE region_id = $1 AND type = 'bureau' AND name = $2
            AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.region_id = $1 AND lower(o.name) = lower($3))
          RETURNING id, name)
       SELECT id, name FROM renamed`,
      [regionId, from, to],
    );
  }

  districts(regionId: string, manager?: EntityManager): Promise<DistrictEntity[]> {
    return this.transactions
      .manager(manager)
      .getRepository(DistrictEntity)
      .find({ where: { regionId }, order: { name: 'ASC' } });
  }

  /** The organisations of every district, for the district list ("the gemeenten in it"). */
  organisationsByDistrict(
    regionId: string,
  ): Promise<Array<{ id: string; name: string; type: OrganisationType; districtId: string }>> {
    return this.transactions.manager().query(
      `SELECT id, name, type, district_id AS "districtId" FROM organisations
        WHERE region_id = $1 AND district_id IS NOT NULL ORDER BY name`,
      [regionId],
    );
  }

  findDistrict(id: string, manager?: EntityManager): Promise<DistrictEntity | null> {
    return this.transactions.manager(manager).getRepository(DistrictEntity).findOneBy({ id });
  }

  findDistrictByName(regionId: string, name: string, manager?: EntityManager): Promise<DistrictEntity | null> {
    return this.transactions
      .manager(manager)
      .getRepository(DistrictEntity)
      .createQueryBuilder('d')
      .where('d.region_id = :regionId AND lower(d.name) = lower(:name)', { regionId, name })
      .getOne();
  }

  async insertDistrict(regionId: string, name: string, manager: EntityManager): Promise<DistrictEntity> {
    const repo = manager.getRepository(DistrictEntity);
    return repo.save(repo.create({ regionId, name }));
  }

  async renameDistrict(id: string, name: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(DistrictEntity).update({ id }, { name });
  }

  async deleteDistrict(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(DistrictEntity).delete({ id });
  }

  /** Names of the organisations placed in the district (what keeps it from being deleted). */
  async organisationsInDistrict(id: string, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ name: string }> = await manager.query(
      'SELECT name FROM organisations WHERE district_id = $1 ORDER BY name',
      [id],
    );
    return rows.map((r) => r.name);
  }

  functions(manager?: EntityManager): Promise<UserFunctionRow[]> {
    return this.transactions
      .manager(manager)
      .query('SELECT code, label, position FROM user_functions ORDER BY position, label');
  }

  async findFunction(codeOrLabel: string, manager?: EntityManager): Promise<UserFunctionRow | null> {
    const rows: UserFunctionRow[] = await this.transactions
      .manager(manager)
      .query('SELECT code, label, position FROM user_functions WHERE code = $1 OR lower(label) = lower($1)', [
        codeOrLabel,
      ]);
    return rows[0] ?? null;
  }

  async insertFunction(code: string, label: string, manager: EntityManager): Promise<UserFunctionRow> {
    const rows: UserFunctionRow[] = await manager.query(
      `INSERT INTO user_functions (code, label, position)
       VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM user_functions))
       RETURNING code, label, position`,
      [code, label],
    );
    return rows[0];
  }
}
