import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { FocusAreaEntity, StrategyEntity, ThemeEntity } from './strategy.entity';
import { TransactionHost } from '@koers/core';

@Injectable()
export class StrategyRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Koers serves one region per installation. */
  async currentRegionId(): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.transactions
      .manager()
      .query('SELECT id FROM regions ORDER BY name LIMIT 1');
    return rows[0]?.id ?? null;
  }

  /** The region's word for a theme ("prioriteit", "thema") and its plural, for exports. */
  async themeWords(): Promise<{ themeSingular: string; themePlural: string }> {
    const rows: Array<{ themeSingular: string; themePlural: string }> = await this.transactions
      .manager()
      .query(
        'SELECT theme_singular AS "themeSingular", theme_plural AS "themePlural" FROM regions ORDER BY name LIMIT 1',
      );
    return rows[0] ?? { themeSingular: 'prioriteit', themePlural: 'prioriteiten' };
  }

  listStrategies(): Promise<StrategyEntity[]> {
    return this.transactions
      .manager()
      .getRepository(StrategyEntity)
      .find({ order: { periodStart: 'DESC', title: 'ASC' } });
  }

  findStrategy(id: string, manager?: EntityManager): Promise<StrategyEntity | null> {
    return this.transactions.manager(manager).getRepository(StrategyEntity).findOneBy({ id });
  }

  themesOf(strategyIds: string[]): Promise<ThemeEntity[]> {
    if (!strategyIds.length) return Promise.resolve([]);
    return this.transactions
      .manager()
      .getRepository(ThemeEntity)
      .find({ where: { strategyId: In(strategyIds) }, order: { position: 'ASC' } });
  }

  findThemes(ids: string[]): Promise<ThemeEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.transactions
      .manager()
      .getRepository(ThemeEntity)
      .find({ where: { id: In(ids) }, order: { position: 'ASC' } });
  }

  focusAreasOf(themeIds: string[]): Promise<FocusAreaEntity[]> {
    if (!themeIds.length) return Promise.resolve([]);
    return this.transactions
      .manager()
      .getRepository(FocusAreaEntity)
      .find({ where: { themeId: In(themeIds) }, order: { position: 'ASC' } });
  }

  findTheme(id: string, manager?: EntityManager): Promise<ThemeEntity | null> {
    return this.transactions.manager(manager).getRepository(ThemeEntity).findOneBy({ id });
  }

  findFocusArea(id: string, manager?: EntityManager): Promise<FocusAreaEntity | null> {
    return this.transactions.manager(manager).getRepository(FocusAreaEntity).findOneBy({ id });
  }

  async nextThemePosition(strategyId: string, manager: EntityManager): Promise<number> {
    const rows: Array<{ next: number }> = await manager.query(
      'SELECT coalesce(max(position), 0) + 1 AS next FROM themes WHERE strategy_id = $1',
      [strategyId],
    );
    return rows[0].next;
  }

  async nextFocusAreaPosition(themeId: string, manager: EntityManager): Promise<number> {
    const rows: Array<{ next: number }> = await manager.query(
      'SELECT coalesce(max(position), 0) + 1 AS next FROM focus_areas WHERE theme_id = $1',
      [themeId],
    );
    return rows[0].next;
  }

  async countThemes(strategyId: string, manager: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query('SELECT count(*) AS n FROM themes WHERE strategy_id = $1', [
      strategyId,
    ]);
    return rows[0].n;
  }

  /** The secretariat's choice of current strategy (regions.current_strategy_id). */
  async markedCurrentId(): Promise<string | null> {
    const rows: Array<{ id: string | null }> = await this.transactions
      .manager()
      .query('SELECT current_strategy_id AS id FROM regions ORDER BY name LIMIT 1');
    return rows[0]?.id ?? null;
  }

  async markCurrent(strategyId: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE regions SET current_strategy_id = $1', [strategyId]);
  }

  /** What still refers to a theme: its werkgroep's actions and reports, its indicators, its knowledge. */
  async themeUsedBy(themeId: string, manager: EntityManager): Promise<string[]> {
    const [row]: Array<{ actions: number; reports: number; indicators: number }> = await manager.query(
      `SELECT (SELECT count(*) FROM actions a JOIN workgroups w ON w.id = a.workgroup_id WHERE w.theme_id = $1)::int AS actions,
              (SELECT count(*) FROM progress_reports r JOIN workgroups w ON w.id = r.workgroup_id WHERE w.theme_id = $1)::int AS reports,
              (SELECT count(*) FROM indicators i JOIN focus_areas f ON f.id = i.focus_area_id WHERE f.theme_id = $1)::int AS indicators`,
      [themeId],
    );
    return usage(row);
  }

  async focusAreaUsedBy(focusAreaId: string, manager: EntityManager): Promise<string[]> {
    const [row]: Array<{ actions: number; indicators: number }> = await manager.query(
      `SELECT (SELECT count(*) FROM actions WHERE focus_area_id = $1)::int AS actions,
              (SELECT count(*) FROM indicators WHERE focus_area_id = $1)::int AS indicators`,
      [focusAreaId],
    );
    return usage(row);
  }

  async archive(table: 'themes' | 'focus_areas', id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE ${table} SET archived_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  async themeHasWorkgroup(themeId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM workgroups WHERE theme_id = $1', [themeId]);
    return rows.length > 0;
  }

  async insert<T extends StrategyEntity | ThemeEntity | FocusAreaEntity>(
    target: new () => T,
    values: Partial<T>,
    manager: EntityManager,
  ): Promise<T> {
    const repo = manager.getRepository(target);
    const saved = await repo.save(repo.create({ ...values, updatedAt: new Date() } as T));
    return (await repo.findOneBy({ id: saved.id } as never)) as T;
  }

  async update<T extends StrategyEntity | ThemeEntity | FocusAreaEntity>(
    target: new () => T,
    id: string,
    values: Partial<T>,
    manager: EntityManager,
  ): Promise<T> {
    const repo = manager.getRepository(target);
    await repo.update(id, { ...values, updatedAt: new Date() } as never);
    return (await repo.findOneBy({ id } as never)) as T;
  }

  async delete(
    target: new () => StrategyEntity | ThemeEntity | FocusAreaEntity,
    id: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(target).delete(id);
  }
}

/** "3 acties", "1 indicator": what keeps an item from being deleted. */
function usage(counts: Record<string, number>): string[] {
  const words: Record<string, [string, string]> = {
    actions: ['actie', 'acties'],
    reports: ['voortgangsrapportage', 'voortgangsrapportages'],
    indicators: ['indicator', 'indicatoren'],
  };
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${n} ${words[key][n === 1 ? 0 : 1]}`);
}
