import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import { conflict, lockVersion, notFound, sanitizeRichText, TransactionHost, validationFailed } from '@koers/core';
import { FocusAreaEntity, StrategyEntity, StrategyStatus, ThemeEntity } from './strategy.entity';
import { StrategyRepository } from './strategy.repository';

export interface StrategyInput {
  title: string;
  motto?: string;
  periodStart: string;
  periodEnd: string;
  status?: StrategyStatus;
  adoptedOn?: string | null;
  adoptedBy?: string;
  vision?: string;
  trends?: string;
  principles?: string;
  selectionCriteria?: string;
}
export interface ThemeInput {
  title: string;
  description?: string;
  requiresTaxAuthority?: boolean;
  position?: number;
}
export interface FocusAreaInput {
  title: string;
  description?: string;
  position?: number;
}

/** The strategy's rich texts as stored: sanitised HTML (plain text as one point per line). */
function strategyTexts<T extends Partial<StrategyInput>>(input: T): T {
  const out = { ...input };
  if (out.vision !== undefined) out.vision = sanitizeRichText(out.vision, 'paragraphs');
  for (const key of ['trends', 'principles', 'selectionCriteria'] as const)
    if (out[key] !== undefined) out[key] = sanitizeRichText(out[key], 'points');
  return out;
}

/** A theme's or focus area's description as stored: sanitised HTML. */
function described<T extends { description?: string }>(input: T): T {
  return input.description === undefined ? input : { ...input, description: sanitizeRichText(input.description) };
}

export type ThemeWithFocusAreas = ThemeEntity & { focusAreas: FocusAreaEntity[] };
export type StrategyWithThemes = StrategyEntity & { current: boolean; themes: ThemeWithFocusAreas[] };
export type StrategyListItem = StrategyEntity & { current: boolean };

/**
 * The strategy that counts now: the adopted one whose period contains today (the latest to start, when
 * the next plan was adopted early), else the one the secretariat marked current, else one whose period
 * contains today, else the latest to start. A concept for the next period never pushes the running one aside.
 */
export function currentStrategyId(strategies: StrategyEntity[], markedId: string | null, today: string): string | null {
  const running = strategies
    .filter((s) => s.status === 'vastgesteld' && s.periodStart <= today && today <= s.periodEnd)
    .sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  if (running.length) return running[0].id;
  if (markedId && strategies.some((s) => s.id === markedId)) return markedId;
  const now = strategies.find((s) => s.periodStart <= today && today <= s.periodEnd);
  if (now) return now.id;
  return [...strategies].sort((a, b) => b.periodStart.localeCompare(a.periodStart))[0]?.id ?? null;
}

/** Today in the Netherlands, as YYYY-MM-DD. */
function todayInNetherlands(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/** The strategy and its priorities (themes) and focus areas: read by everyone signed in, managed by the secretariat. */
@Injectable()
export class StrategyService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: StrategyRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  /** Every strategy, the current one first, then by period (newest first); each says whether it is current. */
  async list(actor: Actor): Promise<StrategyListItem[]> {
    await this.authorization.assertInRegion(actor, 'region.read', 'strategy.list');
    const [strategies, marked] = await Promise.all([
      this.repository.listStrategies(),
      this.repository.markedCurrentId(),
    ]);
    const current = currentStrategyId(strategies, marked, todayInNetherlands());
    return strategies
      .map((s) => ({ ...s, current: s.id === current }))
      .sort((a, b) => Number(b.current) - Number(a.current));
  }

  /** A strategy as the API shows it: with whether it is the one that counts now (read after the change commits). */
  private async withCurrent(strategy: StrategyEntity): Promise<StrategyListItem> {
    const [all, marked] = await Promise.all([this.repository.listStrategies(), this.repository.markedCurrentId()]);
    return { ...strategy, current: currentStrategyId(all, marked, todayInNetherlands()) === strategy.id };
  }

  /** The secretariat marks the strategy that counts when no adopted strategy covers today. */
  async markCurrent(actor: Actor, id: string): Promise<StrategyListItem[]> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'strategy.mark_current');
    await this.change(actor, 'strategy.mark_current', async (manager) => {
      const strategy = await this.repository.findStrategy(id, manager);
      if (!strategy) throw notFound('De strategie');
      await this.repository.markCurrent(id, manager);
      return { result: undefined, entityType: 'strategy', entityId: id, summary: { title: strategy.title } };
    });
    return this.list(actor);
  }

  async get(actor: Actor, id: string): Promise<StrategyWithThemes> {
    await this.authorization.assertInRegion(actor, 'region.read', 'strategy.read');
    const strategy = await this.repository.findStrategy(id);
    if (!strategy) throw notFound('De strategie');
    const themes = await this.repository.themesOf([strategy.id]);
    const [focusAreas, all, marked] = await Promise.all([
      this.repository.focusAreasOf(themes.map((t) => t.id)),
      this.repository.listStrategies(),
      this.repository.markedCurrentId(),
    ]);
    return {
      ...strategy,
      current: currentStrategyId(all, marked, todayInNetherlands()) === strategy.id,
      themes: themes.map((theme) => ({ ...theme, focusAreas: focusAreas.filter((f) => f.themeId === theme.id) })),
    };
  }

  /** Themes with their focus areas, for other areas (werkgroepen) that show which theme they serve. No permission check: callers check their own. */
  async themesByIds(ids: string[]): Promise<ThemeWithFocusAreas[]> {
    const themes = await this.repository.findThemes(ids);
    const focusAreas = await this.repository.focusAreasOf(themes.map((t) => t.id));
    return themes.map((theme) => ({ ...theme, focusAreas: focusAreas.filter((f) => f.themeId === theme.id) }));
  }

  async createStrategy(actor: Actor, raw: StrategyInput): Promise<StrategyListItem> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'strategy.create');
    const input = strategyTexts(raw);
    const regionId = await this.repository.currentRegionId();
    if (!regionId) throw conflict('Er is nog geen regio ingericht.');
    assertPeriod(input.periodStart, input.periodEnd);
    const created = await this.change(actor, 'strategy.create', async (manager) => {
      const created = await this.repository.insert<StrategyEntity>(
        StrategyEntity,
        {
          ...input,
          regionId,
          motto: input.motto ?? '',
          status: input.status ?? 'concept',
          adoptedOn: input.adoptedOn ?? null,
          adoptedBy: input.adoptedBy ?? '',
          vision: input.vision ?? '',
          trends: input.trends ?? '',
          principles: input.principles ?? '',
          selectionCriteria: input.selectionCriteria ?? '',
        },
        manager,
      );
      return { result: created, entityType: 'strategy', entityId: created.id, summary: { title: created.title } };
    });
    return this.withCurrent(created);
  }

  async updateStrategy(
    actor: Actor,
    id: string,
    raw: Partial<StrategyInput>,
    expectedVersion?: number,
  ): Promise<StrategyListItem> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'strategy.update');
    const input = strategyTexts(raw);
    const updated = await this.change(actor, 'strategy.update', async (manager) => {
      await lockVersion(manager, 'strategies', id, expectedVersion, (m) => this.repository.findStrategy(id, m));
      const before = await this.repository.findStrategy(id, manager);
      if (!before) throw notFound('De strategie');
      assertPeriod(input.periodStart ?? before.periodStart, input.periodEnd ?? before.periodEnd);
      const updated = await this.repository.update<StrategyEntity>(StrategyEntity, id, input, manager);
      return { result: updated, entityType: 'strategy', entityId: id, summary: { changes: diffFields(before, input) } };
    });
    return this.withCurrent(updated);
  }

  async deleteStrategy(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'strategy.delete');
    await this.audit.deleteUnlessInUse(
      actor,
      { action: 'strategy.delete', entityType: 'strategy', entityId: id },
      'De strategie',
      () =>
        this.change(actor, 'strategy.delete', async (manager) => {
          await lockVersion(manager, 'strategies', id, expectedVersion, (m) => this.repository.findStrategy(id, m));
          const existing = await this.repository.findStrategy(id, manager);
          if (!existing) throw notFound('De strategie');
          if ((await this.repository.countThemes(id, manager)) > 0)
            throw conflict('Deze strategie heeft nog prioriteiten. Verwijder die eerst.');
          await this.repository.delete(StrategyEntity, id, manager);
          return { result: undefined, entityType: 'strategy', entityId: id, summary: { title: existing.title } };
        }),
    );
  }

  /** A new priority has no focus areas yet. */
  async createTheme(actor: Actor, strategyId: string, raw: ThemeInput): Promise<ThemeWithFocusAreas> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'theme.create');
    const input = described(raw);
    return this.change(actor, 'theme.create', async (manager) => {
      if (!(await this.repository.findStrategy(strategyId, manager))) throw notFound('De strategie');
      const position = input.position ?? (await this.repository.nextThemePosition(strategyId, manager));
      const created = await this.repository.insert<ThemeEntity>(
        ThemeEntity,
        {
          strategyId,
          title: input.title,
          description: input.description ?? '',
          requiresTaxAuthority: input.requiresTaxAuthority ?? false,
          position,
        },
        manager,
      );
      return {
        result: { ...created, focusAreas: [] },
        entityType: 'theme',
        entityId: created.id,
        summary: { title: created.title, strategyId },
      };
    });
  }

  async updateTheme(
    actor: Actor,
    id: string,
    raw: Partial<ThemeInput>,
    expectedVersion?: number,
  ): Promise<ThemeWithFocusAreas> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'theme.update');
    const input = described(raw);
    return this.change(actor, 'theme.update', async (manager) => {
      await lockVersion(manager, 'themes', id, expectedVersion, (m) => this.repository.findTheme(id, m));
      const before = await this.repository.findTheme(id, manager);
      if (!before) throw notFound('De prioriteit');
      const updated = await this.repository.update<ThemeEntity>(ThemeEntity, id, input, manager);
      return {
        result: { ...updated, focusAreas: await this.repository.focusAreasOf([id]) },
        entityType: 'theme',
        entityId: id,
        summary: { changes: diffFields(before, input) },
      };
    });
  }

  async deleteTheme(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'theme.delete');
    await this.audit.deleteUnlessInUse(
      actor,
      { action: 'theme.delete', entityType: 'theme', entityId: id },
      'De prioriteit',
      () =>
        this.change(actor, 'theme.delete', async (manager) => {
          await lockVersion(manager, 'themes', id, expectedVersion, (m) => this.repository.findTheme(id, m));
          const existing = await this.repository.findTheme(id, manager);
          if (!existing) throw notFound('De prioriteit');
          const usedBy = await this.repository.themeUsedBy(id, manager);
          if (usedBy.length > 0) {
            // Actions, reports and indicators keep their theme: it leaves the strategy's list but stays readable.
            await this.repository.archive('themes', id, manager);
            return {
              result: undefined,
              action: 'theme.archive',
              entityType: 'theme',
              entityId: id,
              summary: { title: existing.title, usedBy },
            };
          }
          if (await this.repository.themeHasWorkgroup(id, manager))
            throw conflict('Deze prioriteit heeft een werkgroep. Verwijder de werkgroep eerst.');
          await this.repository.delete(ThemeEntity, id, manager);
          return { result: undefined, entityType: 'theme', entityId: id, summary: { title: existing.title } };
        }),
    );
  }

  async createFocusArea(actor: Actor, themeId: string, raw: FocusAreaInput): Promise<FocusAreaEntity> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'focus_area.create');
    const input = described(raw);
    return this.change(actor, 'focus_area.create', async (manager) => {
      if (!(await this.repository.findTheme(themeId, manager))) throw notFound('De prioriteit');
      const position = input.position ?? (await this.repository.nextFocusAreaPosition(themeId, manager));
      const created = await this.repository.insert<FocusAreaEntity>(
        FocusAreaEntity,
        { themeId, title: input.title, description: input.description ?? '', position },
        manager,
      );
      return {
        result: created,
        entityType: 'focus_area',
        entityId: created.id,
        summary: { title: created.title, themeId },
      };
    });
  }

  async updateFocusArea(
    actor: Actor,
    id: string,
    raw: Partial<FocusAreaInput>,
    expectedVersion?: number,
  ): Promise<FocusAreaEntity> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'focus_area.update');
    const input = described(raw);
    return this.change(actor, 'focus_area.update', async (manager) => {
      await lockVersion(manager, 'focus_areas', id, expectedVersion, (m) => this.repository.findFocusArea(id, m));
      const before = await this.repository.findFocusArea(id, manager);
      if (!before) throw notFound('Het onderdeel');
      const updated = await this.repository.update<FocusAreaEntity>(FocusAreaEntity, id, input, manager);
      return {
        result: updated,
        entityType: 'focus_area',
        entityId: id,
        summary: { changes: diffFields(before, input) },
      };
    });
  }

  async deleteFocusArea(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'focus_area.delete');
    await this.audit.deleteUnlessInUse(
      actor,
      { action: 'focus_area.delete', entityType: 'focus_area', entityId: id },
      'Het onderdeel',
      () =>
        this.change(actor, 'focus_area.delete', async (manager) => {
          await lockVersion(manager, 'focus_areas', id, expectedVersion, (m) => this.repository.findFocusArea(id, m));
          const existing = await this.repository.findFocusArea(id, manager);
          if (!existing) throw notFound('Het onderdeel');
          const usedBy = await this.repository.focusAreaUsedBy(id, manager);
          if (usedBy.length > 0) {
            // Actions and indicators keep their focus area: it leaves the strategy's list but stays readable.
            await this.repository.archive('focus_areas', id, manager);
            return {
              result: undefined,
              action: 'focus_area.archive',
              entityType: 'focus_area',
              entityId: id,
              summary: { title: existing.title, usedBy },
            };
          }
          await this.repository.delete(FocusAreaEntity, id, manager);
          return { result: undefined, entityType: 'focus_area', entityId: id, summary: { title: existing.title } };
        }),
    );
  }

  /** Runs a change and its audit entry in one transaction. */
  private change<T>(
    actor: Actor,
    action: string,
    work: (manager: EntityManager) => Promise<{
      result: T;
      /** When the change turned out to be another than asked (a delete that archives). */
      action?: string;
      entityType: string;
      entityId: string;
      summary: Record<string, unknown>;
    }>,
  ): Promise<T> {
    return this.transactions.transaction(async (manager) => {
      const { result, entityType, entityId, summary, action: done } = await work(manager);
      await this.audit.recordChange(actor, { action: done ?? action, entityType, entityId, summary }, manager);
      return result;
    });
  }
}

function assertPeriod(start: string, end: string) {
  if (end <= start)
    throw validationFailed([{ field: 'periodEnd', messages: ['De einddatum moet na de begindatum liggen.'] }]);
}
