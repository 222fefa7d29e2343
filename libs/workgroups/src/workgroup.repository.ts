import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { MembershipRole } from '@koers/access';
import type { Dated, WorkgroupMember } from '@koers/contracts';
import type { CompositionSeat } from './composition';
import { WorkgroupEntity, WorkgroupMemberEntity } from './workgroup.entity';
import { TransactionHost } from '@koers/core';

/** A member with what the page and the composition check show of them. */
/** A member as the werkgroep lists it: the contract's `WorkgroupMember` with `addedAt` as a `Date`. */
export type MemberRow = Dated<WorkgroupMember, 'addedAt'>;

@Injectable()
export class WorkgroupRepository {
  constructor(private readonly transactions: TransactionHost) {}

  list(ids: 'all' | string[]): Promise<WorkgroupEntity[]> {
    if (ids !== 'all' && ids.length === 0) return Promise.resolve([]);
    return this.transactions
      .manager()
      .getRepository(WorkgroupEntity)
      .find({ where: ids === 'all' ? {} : { id: In(ids) }, order: { name: 'ASC' } });
  }

  findById(id: string, manager?: EntityManager): Promise<WorkgroupEntity | null> {
    return this.transactions.manager(manager).getRepository(WorkgroupEntity).findOneBy({ id });
  }

  async findByName(name: string, manager: EntityManager): Promise<{ id: string; name: string } | null> {
    const rows: Array<{ id: string; name: string }> = await manager.query(
      'SELECT id, name FROM workgroups WHERE lower(name) = lower($1) LIMIT 1',
      [name.trim()],
    );
    return rows[0] ?? null;
  }

  async memberCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ workgroup_id: string; n: number }> = await this.transactions
      .manager()
      .query(
        'SELECT workgroup_id, count(*) AS n FROM workgroup_members WHERE workgroup_id = ANY($1) GROUP BY workgroup_id',
        [ids],
      );
    return new Map(rows.map((r) => [r.workgroup_id, r.n]));
  }

  members(workgroupId: string, manager?: EntityManager): Promise<MemberRow[]> {
    return this.transactions.manager(manager).query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.email, u.job_title AS "jobTitle", u.function, u.active,
              o.id AS "organisationId", o.name AS "organisationName", o.type AS "organisationType",
              d.id AS "districtId", d.name AS "districtName", m.role, m.added_at AS "addedAt"
         FROM workgroup_members m
         JOIN users u ON u.id = m.user_id
         JOIN organisations o ON o.id = u.organisation_id
         LEFT JOIN districts d ON d.id = o.district_id
        WHERE m.workgroup_id = $1
        ORDER BY CASE m.role WHEN 'aanjager' THEN 1 WHEN 'rapporteur' THEN 2 WHEN 'lid' THEN 2 WHEN 'ambtelijk' THEN 3 WHEN 'gast' THEN 4 ELSE 5 END, u.display_name`,
      [workgroupId],
    );
  }

  /** The region's default seats and their own version; `lock` holds the region row until the transaction ends. */
  async defaultCompositionRules(
    manager: EntityManager,
    lock = false,
  ): Promise<{ regionId: string; compositionRules: CompositionSeat[]; version: number } | null> {
    const rows: Array<{ id: string; rules: CompositionSeat[]; version: number }> = await manager.query(
      `SELECT id, default_composition_rules AS rules, composition_rules_version AS version
         FROM regions ORDER BY name LIMIT 1${lock ? ' FOR UPDATE' : ''}`,
    );
    return rows[0] ? { regionId: rows[0].id, compositionRules: rows[0].rules, version: rows[0].version } : null;
  }

  /** Raises the rules' own version only when they change (the row trigger leaves this column alone). */
  async setDefaultCompositionRules(regionId: string, rules: CompositionSeat[], manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE regions SET default_composition_rules = $2::jsonb,
              composition_rules_version = composition_rules_version
                + CASE WHEN default_composition_rules = $2::jsonb THEN 0 ELSE 1 END
        WHERE id = $1`,
      [regionId, JSON.stringify(rules)],
    );
  }

  async districtsOfRegion(): Promise<Array<{ id: string; name: string }>> {
    return this.transactions
      .manager()
      .query('SELECT d.id, d.name FROM districts d JOIN regions r ON r.id = d.region_id ORDER BY d.name');
  }

  membershipsOf(
    userId: string,
  ): Promise<Array<{ workgroupId: string; workgroupName: string; themeId: string; role: MembershipRole }>> {
    return this.transactions.manager().query(
      `SELECT w.id AS "workgroupId", w.name AS "workgroupName", w.theme_id AS "themeId", m.role
         FROM workgroup_members m JOIN workgroups w ON w.id = m.workgroup_id
        WHERE m.user_id = $1 ORDER BY w.name`,
      [userId],
    );
  }

  async insert(
    values: Pick<WorkgroupEntity, 'themeId' | 'kind' | 'name' | 'description' | 'compositionRules'>,
    manager: EntityManager,
  ): Promise<WorkgroupEntity> {
    const repo = manager.getRepository(WorkgroupEntity);
    const saved = await repo.save(repo.create({ ...values, updatedAt: new Date() }));
    return (await this.findById(saved.id, manager)) as WorkgroupEntity;
  }

  async update(
    id: string,
    values: Partial<Pick<WorkgroupEntity, 'name' | 'kind' | 'description' | 'compositionRules'>>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(WorkgroupEntity).update({ id }, { ...values, updatedAt: new Date() });
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(WorkgroupEntity).delete({ id });
  }

  findMember(workgroupId: string, userId: string, manager?: EntityManager): Promise<WorkgroupMemberEntity | null> {
    return this.transactions.manager(manager).getRepository(WorkgroupMemberEntity).findOneBy({ workgroupId, userId });
  }

  async insertMember(workgroupId: string, userId: string, role: MembershipRole, manager: EntityManager): Promise<void> {
    await manager.getRepository(WorkgroupMemberEntity).insert({ workgroupId, userId, role });
  }

  async updateMemberRole(
    workgroupId: string,
    userId: string,
    role: MembershipRole,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(WorkgroupMemberEntity).update({ workgroupId, userId }, { role });
  }

  async deleteMember(workgroupId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(WorkgroupMemberEntity).delete({ workgroupId, userId });
  }

  async userExists(userId: string, manager: EntityManager): Promise<boolean> {
    return (await manager.query('SELECT 1 FROM users WHERE id = $1', [userId])).length > 0;
  }
}
