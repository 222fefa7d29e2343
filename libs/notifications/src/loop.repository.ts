import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@koers/core';

export interface MailRecipient {
  email: string;
  displayName: string;
  emailNotifications: boolean;
}

/** Who hears about what: the recipients of the notifications that close a loop. */
@Injectable()
export class LoopRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Active accounts of the secretariat (they review submitted reports). */
  async secretariat(): Promise<string[]> {
    return this.ids(`SELECT id FROM users WHERE active AND platform_role = 'secretariaat'`);
  }

  /** Active members of a werkgroep, in any role. */
  async members(workgroupId: string): Promise<string[]> {
    return this.ids(
      `SELECT m.user_id AS id FROM workgroup_members m JOIN users u ON u.id = m.user_id AND u.active
        WHERE m.workgroup_id = $1`,
      [workgroupId],
    );
  }

  /**
   * Who writes a report: the werkgroep's aanjagers and rapporteurs, and the members who created the report or
   * submitted one of its versions; active and still members.
   */
  async reportWriters(reportId: string, workgroupId: string): Promise<string[]> {
    return this.ids(
      `SELECT m.user_id AS id
         FROM workgroup_members m JOIN users u ON u.id = m.user_id AND u.active
        WHERE m.workgroup_id = $2
          AND (m.role IN ('aanjager', 'rapporteur')
               OR m.user_id = (SELECT created_by FROM progress_reports WHERE id = $1)
               OR m.user_id IN (SELECT submitted_by FROM progress_report_versions WHERE report_id = $1))`,
      [reportId, workgroupId],
    );
  }

  /** The authors of a comment thread (its first comment and the replies), active accounts only. */
  async threadParticipants(threadId: string): Promise<string[]> {
    return this.ids(
      `SELECT DISTINCT c.author_id AS id FROM document_comments c JOIN users u ON u.id = c.author_id AND u.active
        WHERE (c.id = $1 OR c.parent_id = $1)`,
      [threadId],
    );
  }

  /** Who made the latest change to an entity, as the audit log (written in the change's transaction) says. */
  async lastChangedBy(entityType: string, entityId: string): Promise<string | null> {
    const rows: Array<{ actor_id: string | null }> = await this.transactions.manager().query(
      `SELECT actor_id FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND outcome = 'success'
        ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [entityType, entityId],
    );
    return rows[0]?.actor_id ?? null;
  }

  async mailRecipient(userId: string): Promise<MailRecipient | null> {
    const rows: MailRecipient[] = await this.transactions.manager().query(
      `SELECT u.email, u.display_name AS "displayName", coalesce(p.email_notifications, true) AS "emailNotifications"
         FROM users u LEFT JOIN user_preferences p ON p.user_id = u.id
        WHERE u.id = $1 AND u.active`,
      [userId],
    );
    return rows[0] ?? null;
  }

  private async ids(sql: string, params: unknown[] = []): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.transactions.manager().query(sql, params);
    return rows.map((r) => r.id);
  }
}
