import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { conflict, FieldError, isUuid, lockVersion, notFound, TransactionHost, validationFailed } from '@koers/core';
import type { PeriodWorkgroup, StrategyAdoption } from '@koers/contracts';
import { AdoptionRepository } from './adoption.repository';
import type { AdoptStrategyDto, WorkgroupTransitionDto } from './dto/consultation.dto';

/**
 * Adoption and the turn of the period: the board (named by the region's vocabulary) adopts the strategy on
 * a date with a reference to its decision (status vastgesteld); at the end of its period the old strategy is
 * afgesloten; each werkgroep of the old period either continues under a theme of the new strategy or is
 * discharged: archived, read-only (AuthorizationService grants only reading), its documents and reports kept.
 */
@Injectable()
export class AdoptionService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: AdoptionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async adopt(
    actor: Actor,
    strategyId: string,
    input: AdoptStrategyDto,
    expectedVersion?: number,
  ): Promise<StrategyAdoption> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'strategy.adopt');
    const strategy = await this.strategy(strategyId);
    if (strategy.status === 'vastgesteld' || strategy.status === 'afgesloten')
      throw conflict('Deze strategie is al vastgesteld.');
    const body = input.bodyId ? await this.repository.body(strategyId, input.bodyId) : null;
    const problems: FieldError[] = [];
    if (input.bodyId && !body) problems.push({ field: 'bodyId', messages: ['Dit orgaan bestaat niet.'] });
    if (input.meetingId && !input.bodyId)
      problems.push({ field: 'meetingId', messages: ['Kies eerst het orgaan van de vergadering.'] });
    else if (input.meetingId && body && !(await this.repository.isMeetingOf(body.id, input.meetingId)))
      problems.push({ field: 'meetingId', messages: ['Deze vergadering is niet van het gekozen orgaan.'] });
    if (problems.length) throw validationFailed(problems);
    const adoptedBy = body?.name ?? (await this.repository.boardName(strategyId));
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'strategies', strategyId, expectedVersion);
      await this.repository.adopt(
        strategyId,
        {
          adoptedOn: input.adoptedOn,
          adoptedBy,
          reference: input.decisionReference.trim(),
          bodyId: body?.id ?? null,
          meetingId: input.meetingId ?? null,
        },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'strategy.adopt',
          entityType: 'strategy',
          entityId: strategyId,
          summary: {
            adoptedOn: input.adoptedOn,
            adoptedBy,
            reference: input.decisionReference.trim(),
            bodyId: body?.id ?? null,
            meetingId: input.meetingId ?? null,
            from: strategy.status,
          },
        },
        manager,
      );
    });
    return this.repository.adoption(strategyId);
  }

  /** What the board decided, readable by the secretariat and RVC members. */
  async adoption(actor: Actor, strategyId: string): Promise<StrategyAdoption> {
    await this.authorization.assertInRegion(actor, 'reporting.read', 'strategy.adoption.read');
    await this.strategy(strategyId);
    return this.repository.adoption(strategyId);
  }

  /** The end of the period: an adopted strategy becomes afgesloten. */
  async close(actor: Actor, strategyId: string): Promise<StrategyAdoption> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'strategy.close');
    const strategy = await this.strategy(strategyId);
    if (strategy.status !== 'vastgesteld') throw conflict('Alleen een vastgestelde strategie kan worden afgesloten.');
    await this.transactions.transaction(async (manager) => {
      await this.repository.close(strategyId, manager);
      await this.audit.recordChange(
        actor,
        { action: 'strategy.close', entityType: 'strategy', entityId: strategyId, summary: { title: strategy.title } },
        manager,
      );
    });
    return this.repository.adoption(strategyId);
  }

  async workgroups(actor: Actor, strategyId: string): Promise<PeriodWorkgroup[]> {
    await this.authorization.assertInRegion(actor, 'reporting.read', 'strategy.workgroups');
    await this.strategy(strategyId);
    return this.repository.workgroupsOf(strategyId);
  }

  async transition(actor: Actor, workgroupId: string, input: WorkgroupTransitionDto): Promise<PeriodWorkgroup> {
    await this.authorization.assertInRegion(actor, 'region.manage', `workgroup.${input.action}`);
    const workgroup = isUuid(workgroupId) ? await this.repository.workgroup(workgroupId) : null;
    if (!workgroup) throw notFound('De werkgroep');
    if (workgroup.archivedAt) throw conflict('Deze werkgroep is al gedechargeerd.');
    const note = input.note?.trim() ?? '';
    if (input.action === 'continue') {
      const theme = await this.repository.theme(input.themeId!);
      const problem = !theme
        ? 'Deze prioriteit bestaat niet.'
        : theme.strategyId === workgroup.strategyId
          ? 'Kies een prioriteit van de nieuwe strategie.'
          : theme.archived
            ? 'Deze prioriteit is gearchiveerd.'
            : theme.strategyStatus === 'afgesloten'
              ? 'Deze strategie is afgesloten.'
              : theme.hasWorkgroup
                ? 'Deze prioriteit heeft al een werkgroep.'
                : null;
      if (problem) throw validationFailed([{ field: 'themeId', messages: [problem] }]);
    }
    await this.transactions.transaction(async (manager) => {
      if (input.action === 'continue') await this.repository.moveWorkgroup(workgroupId, input.themeId!, manager);
      else await this.repository.archiveWorkgroup(workgroupId, note, manager);
      await this.audit.recordChange(
        actor,
        {
          action: input.action === 'continue' ? 'workgroup.continue' : 'workgroup.discharge',
          entityType: 'workgroup',
          entityId: workgroupId,
          workgroupId,
          summary: { fromThemeId: workgroup.themeId, toThemeId: input.themeId ?? null, note },
        },
        manager,
      );
    });
    return (await this.repository.workgroup(workgroupId))!;
  }

  /**
   * Undoes a discharge (the secretariat), as long as the new period has not been adopted: once a later
   * strategy of the region is vastgesteld, the turn of the period stands (409). Audited, refusals too.
   */
  async undoDischarge(actor: Actor, workgroupId: string): Promise<PeriodWorkgroup> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'workgroup.discharge.undo');
    const workgroup = isUuid(workgroupId) ? await this.repository.workgroup(workgroupId) : null;
    if (!workgroup) throw notFound('De werkgroep');
    const refuse = async (reason: string, message: string): Promise<never> => {
      await this.audit.recordDenied(actor, {
        action: 'workgroup.discharge.undo',
        entityType: 'workgroup',
        entityId: workgroupId,
        workgroupId,
        summary: { reason },
      });
      throw conflict(message);
    };
    if (!workgroup.archivedAt)
      return refuse('not_discharged', 'Deze werkgroep heeft geen decharge; er is niets terug te draaien.');
    const successor = await this.repository.adoptedSuccessor(workgroup.strategyId);
    if (successor)
      return refuse(
        'period_adopted',
        `De decharge kan niet meer worden teruggedraaid: de nieuwe periode (“${successor.title}”) is al vastgesteld.`,
      );
    const undone = await this.transactions.transaction(async (manager) => {
      // Checked again under the row's lock, so an adoption or another undo in between is not missed.
      await manager.query('SELECT id FROM workgroups WHERE id = $1 FOR UPDATE', [workgroupId]);
      if (await this.repository.adoptedSuccessor(workgroup.strategyId, manager)) return 'period_adopted';
      if (!(await this.repository.reinstateWorkgroup(workgroupId, manager))) return 'not_discharged';
      await this.audit.recordChange(
        actor,
        {
          action: 'workgroup.discharge.undo',
          entityType: 'workgroup',
          entityId: workgroupId,
          workgroupId,
          summary: { dischargedAt: workgroup.archivedAt, note: workgroup.archiveNote },
        },
        manager,
      );
      return 'done';
    });
    if (undone === 'period_adopted')
      return refuse(
        'period_adopted',
        'De decharge kan niet meer worden teruggedraaid: de nieuwe periode is al vastgesteld.',
      );
    if (undone === 'not_discharged')
      return refuse('not_discharged', 'Deze werkgroep heeft geen decharge; er is niets terug te draaien.');
    return (await this.repository.workgroup(workgroupId))!;
  }

  private async strategy(id: string) {
    const strategy = isUuid(id) ? await this.repository.strategy(id) : null;
    if (!strategy) throw notFound('De strategie');
    return strategy;
  }
}
