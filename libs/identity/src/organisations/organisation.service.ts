import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import { conflict, lockVersion, notFound, TransactionHost, validationFailed } from '@koers/core';
import { OrganisationEntity, OrganisationType } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';

export interface OrganisationInput {
  name: string;
  type: OrganisationType;
  districtId?: string | null;
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: OrganisationRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, filter: { type?: OrganisationType }) {
    await this.authorization.assertInRegion(actor, 'region.read', 'organisation.list');
    return this.repository.list(filter);
  }

  async create(actor: Actor, input: OrganisationInput): Promise<OrganisationEntity> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'organisation.create');
    const region = await this.repository.currentRegion();
    if (!region) throw conflict('Er is nog geen regio ingericht.');
    await this.assertDistrictExists(input.districtId);
    return this.transactions.transaction(async (manager) => {
      const created = await this.repository.insert(
        { regionId: region.id, name: input.name, type: input.type, districtId: input.districtId ?? null },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'organisation.create',
          entityType: 'organisation',
          entityId: created.id,
          summary: { name: created.name, type: created.type },
        },
        manager,
      );
      return created;
    });
  }

  async update(
    actor: Actor,
    id: string,
    input: Partial<OrganisationInput>,
    expectedVersion?: number,
  ): Promise<OrganisationEntity> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'organisation.update');
    await this.assertDistrictExists(input.districtId);
    return this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'organisations', id, expectedVersion, (m) => this.repository.findById(id, m));
      const before = await this.repository.findById(id, manager);
      if (!before) throw notFound('De organisatie');
      await this.repository.update(id, input, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'organisation.update',
          entityType: 'organisation',
          entityId: id,
          summary: { changes: diffFields(before, input) },
        },
        manager,
      );
      return (await this.repository.findById(id, manager)) as OrganisationEntity;
    });
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'organisation.delete');
    const refusal = { action: 'organisation.delete', entityType: 'organisation', entityId: id };
    await this.audit.deleteUnlessInUse(actor, refusal, 'De organisatie', () =>
      this.transactions.transaction(async (manager) => {
        await lockVersion(manager, 'organisations', id, expectedVersion, (m) => this.repository.findById(id, m));
        const existing = await this.repository.findById(id, manager);
        if (!existing) throw notFound('De organisatie');
        if ((await this.repository.countUsers(id, manager)) > 0) {
          throw conflict('Deze organisatie heeft nog gebruikers. Verplaats of deactiveer hen eerst.');
        }
        await this.repository.delete(id, manager);
        await this.audit.recordChange(
          actor,
          { action: 'organisation.delete', entityType: 'organisation', entityId: id, summary: { name: existing.name } },
          manager,
        );
      }),
    );
  }

  private async assertDistrictExists(districtId: string | null | undefined) {
    if (districtId && !(await this.repository.findDistrict(districtId))) {
      throw validationFailed([{ field: 'districtId', messages: ['Dit district bestaat niet.'] }]);
    }
  }
}
