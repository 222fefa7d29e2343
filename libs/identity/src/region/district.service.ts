import { Injectable } from '@nestjs/common';
import type { District, DistrictWithOrganisations } from '@koers/contracts';
import { EntityManager } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { conflict, lockVersion, notFound, TransactionHost } from '@koers/core';
import { DistrictEntity, RegionEntity } from '../organisations/organisation.entity';
import { RegionRepository } from './region.repository';

/** Districts of the region (police districts, veiligheidsdistricten): the "one per district" seats count them. */
@Injectable()
export class DistrictService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: RegionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  /** Every district with the organisations (gemeenten) in it. */
  async list(actor: Actor): Promise<DistrictWithOrganisations[]> {
    await this.authorization.assertInRegion(actor, 'region.read', 'district.list');
    const region = await this.repository.current();
    if (!region) return [];
    const [districts, organisations] = await Promise.all([
      this.repository.districts(region.id),
      this.repository.organisationsByDistrict(region.id),
    ]);
    return districts.map((district) => ({
      id: district.id,
      regionId: region.id,
      name: district.name,
      version: district.version,
      organisations: organisations
        .filter((o) => o.districtId === district.id)
        .map((o) => ({ id: o.id, name: o.name, type: o.type })),
    }));
  }

  async create(actor: Actor, name: string): Promise<District> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'district.create');
    return this.transactions.transaction(async (manager) => {
      const region = await this.region(manager);
      await this.assertNameFree(region, name, null, manager);
      const created = await this.repository.insertDistrict(region.id, name, manager);
      await this.audit.recordChange(
        actor,
        { action: 'district.create', entityType: 'district', entityId: created.id, summary: { name } },
        manager,
      );
      return toDistrict(created);
    });
  }

  /** With `expectedVersion` (If-Match) a rename based on an older name is 409 STALE_VERSION. */
  async rename(actor: Actor, id: string, name: string, expectedVersion?: number): Promise<District> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'district.update');
    return this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'districts', id, expectedVersion, async (m) => {
        const current = await this.repository.findDistrict(id, m);
        return current && toDistrict(current);
      });
      const before = await this.repository.findDistrict(id, manager);
      if (!before) throw notFound('Het district');
      await this.assertNameFree(await this.region(manager), name, id, manager);
      await this.repository.renameDistrict(id, name, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'district.update',
          entityType: 'district',
          entityId: id,
          summary: { changes: { name: { from: before.name, to: name } } },
        },
        manager,
      );
      return toDistrict((await this.repository.findDistrict(id, manager)) as DistrictEntity);
    });
  }

  /** A district that still holds organisations stays: the 409 names them. */
  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'district.delete');
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'districts', id, expectedVersion, async (m) => {
        const current = await this.repository.findDistrict(id, m);
        return current && toDistrict(current);
      });
      const existing = await this.repository.findDistrict(id, manager);
      if (!existing) throw notFound('Het district');
      const inUse = await this.repository.organisationsInDistrict(id, manager);
      if (inUse.length > 0) {
        const shown = inUse.slice(0, 5).join(', ') + (inUse.length > 5 ? ` en ${inUse.length - 5} andere` : '');
        throw conflict(
          `${existing.name} is nog in gebruik door ${inUse.length === 1 ? 'de organisatie' : `${inUse.length} organisaties`}: ${shown}. Plaats die eerst in een ander district of haal ze uit dit district.`,
        );
      }
      await this.repository.deleteDistrict(id, manager);
      await this.audit.recordChange(
        actor,
        { action: 'district.delete', entityType: 'district', entityId: id, summary: { name: existing.name } },
        manager,
      );
    });
  }

  private async region(manager: EntityManager): Promise<RegionEntity> {
    const region = await this.repository.current(manager);
    if (!region) throw conflict('Er is nog geen regio ingericht.');
    return region;
  }

  private async assertNameFree(region: RegionEntity, name: string, exceptId: string | null, manager: EntityManager) {
    const existing = await this.repository.findDistrictByName(region.id, name, manager);
    if (existing && existing.id !== exceptId) throw conflict(`Er bestaat al een district met de naam "${name}".`);
  }
}

function toDistrict(entity: DistrictEntity): District {
  return { id: entity.id, regionId: entity.regionId, name: entity.name, version: entity.version };
}
