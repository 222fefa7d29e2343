import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DistrictEntity, OrganisationEntity, OrganisationType, RegionEntity } from './organisation.entity';

@Injectable()
export class OrganisationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Koers serves one region per installation. */
  currentRegion(): Promise<RegionEntity | null> {
    return this.dataSource.getRepository(RegionEntity).createQueryBuilder('r').orderBy('r.name').getOne();
  }

  findDistrict(id: string): Promise<DistrictEntity | null> {
    return this.dataSource.getRepository(DistrictEntity).findOneBy({ id });
  }

  list(filter: { type?: OrganisationType }): Promise<OrganisationEntity[]> {
    return this.dataSource
      .getRepository(OrganisationEntity)
      .find({ where: filter.type ? { type: filter.type } : {}, order: { name: 'ASC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganisationEntity | null> {
    return manager.getRepository(OrganisationEntity).findOneBy({ id });
  }

  async insert(
    values: Pick<OrganisationEntity, 'regionId' | 'name' | 'type' | 'districtId'>,
    manager: EntityManager,
  ): Promise<OrganisationEntity> {
    const repo = manager.getRepository(OrganisationEntity);
    const saved = await repo.save(repo.create({ ...values, updatedAt: new Date() }));
    return (await this.findById(saved.id, manager)) as OrganisationEntity;
  }

  async update(id: string, values: Partial<OrganisationEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(OrganisationEntity).update({ id }, { ...values, updatedAt: new Date() });
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(OrganisationEntity).delete({ id });
  }

  async countUsers(id: string, manager: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      'SELECT count(*) AS n FROM users WHERE organisation_id = $1',
      [id],
    );
    return rows[0].n;
  }
}
