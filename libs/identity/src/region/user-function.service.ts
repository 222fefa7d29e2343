import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { conflict, TransactionHost, validationFailed } from '@koers/core';
import { RegionRepository, UserFunctionRow } from './region.repository';

/** A code from a label: "Gebiedsofficier van justitie" -> "gebiedsofficier_van_justitie". */
export function functionCode(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
}

/** What someone is (burgemeester, officier van justitie, ...): a list the secretariat extends. */
@Injectable()
export class UserFunctionService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: RegionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<UserFunctionRow[]> {
    await this.authorization.assertInRegion(actor, 'region.read', 'function.list');
    return this.repository.functions();
  }

  /** The function with this code or label, for imports and forms; no permission check. */
  find(codeOrLabel: string): Promise<UserFunctionRow | null> {
    return this.repository.findFunction(codeOrLabel.trim());
  }

  async create(actor: Actor, label: string): Promise<UserFunctionRow> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'function.create');
    const code = functionCode(label);
    if (code.length < 2)
      throw validationFailed([{ field: 'label', messages: ['Gebruik minstens twee letters of cijfers.'] }]);
    return this.transactions.transaction(async (manager) => {
      const existing =
        (await this.repository.findFunction(code, manager)) ?? (await this.repository.findFunction(label, manager));
      if (existing) throw conflict(`De functie "${existing.label}" bestaat al.`);
      const created = await this.repository.insertFunction(code, label, manager);
      await this.audit.recordChange(
        actor,
        { action: 'function.create', entityType: 'function', entityId: null, summary: { code, label } },
        manager,
      );
      return created;
    });
  }
}
