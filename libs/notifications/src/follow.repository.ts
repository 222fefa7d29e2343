import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';

/** What can be followed, as stored (`follows.entity_type`). */
export type FollowEntity = 'document' | 'action' | 'session';

const TABLES: Record<FollowEntity, string> = {
  document: 'SELECT workgroup_id FROM documents WHERE id = $1',
  action: 'SELECT workgroup_id FROM actions WHERE id = $1 AND deleted_at IS NULL',
  session: 'SELECT workgroup_id FROM workgroup_sessions WHERE id = $1 AND deleted_at IS NULL',
};

/** Who follows which document, action or session. */
@Injectable()
export class FollowRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The werkgroep of a followable item; null when it does not exist (or the action was deleted). */
  async workgroupOf(type: FollowEntity, id: string): Promise<string | null> {
    const rows: Array<{ workgroup_id: string }> = await this.transactions.manager().query(TABLES[type], [id]);
    return rows[0]?.workgroup_id ?? null;
  }

  async isFollowing(userId: string, type: FollowEntity, id: string): Promise<boolean> {
    const rows = await this.transactions
      .manager()
      .query('SELECT 1 FROM follows WHERE user_id = $1 AND entity_type = $2 AND entity_id = $3', [userId, type, id]);
    return rows.length > 0;
  }

  /** True when the person did not follow it before. */
  async follow(
    userId: string,
    type: FollowEntity,
    id: string,
    workgroupId: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    const rows = await this.transactions.manager(manager).query(
      `INSERT INTO follows (user_id, entity_type, entity_id, workgroup_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [userId, type, id, workgroupId],
    );
    return rows.length > 0;
  }

  /** True when the person followed it. */
  async unfollow(userId: string, type: FollowEntity, id: string, manager?: EntityManager): Promise<boolean> {
    const rows = await this.transactions.manager(manager).query(
      `WITH gone AS (DELETE FROM follows WHERE user_id = $1 AND entity_type = $2 AND entity_id = $3 RETURNING user_id)
       SELECT user_id FROM gone`,
      [userId, type, id],
    );
    return rows.length > 0;
  }

  /**
   * The followers who may still read the item: active accounts that are a member of its werkgroep or the
   * secretariat (someone who left the werkgroep keeps the row, but hears nothing more).
   */
  async readingFollowers(type: FollowEntity, id: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.transactions.manager().query(
      `SELECT f.user_id FROM follows f JOIN users u ON u.id = f.user_id AND u.active
        WHERE f.entity_type = $1 AND f.entity_id = $2
          AND (u.platform_role = 'secretariaat'
               OR EXISTS (SELECT 1 FROM workgroup_members m WHERE m.workgroup_id = f.workgroup_id AND m.user_id = f.user_id))`,
      [type, id],
    );
    return rows.map((r) => r.user_id);
  }
}
