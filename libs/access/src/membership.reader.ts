import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@koers/core';
import type { Actor, MembershipRole, PlatformRole } from './actor';

/** What authorisation needs to know about the caller now, read from the database (never from the token). */
export interface Standing {
  platformRole: PlatformRole;
  rvcMember: boolean;
  /** The caller's role in the werkgroep asked about, if any. */
  role: MembershipRole | null;
  /** The werkgroep asked about was discharged at the turn of a period: it is read-only for everyone. */
  archived: boolean;
}

/** The queries authorisation needs: the caller's current standing and role in a werkgroep. */
@Injectable()
export class MembershipReader {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * The caller's current platform role, RVC seat and role in the werkgroep, or null when the session has
   * ended (logout, expiry) or the account is inactive. One query, so a socket that lives for hours is judged
   * by the account as it is now, not by the copy taken at its handshake.
   */
  async standingOf(actor: Actor, workgroupId: string | null): Promise<Standing | null> {
    const rows: Array<{
      platform_role: PlatformRole;
      rvc_member: boolean;
      role: MembershipRole | null;
      archived: boolean;
    }> = await this.transactions.manager().query(
      `SELECT u.platform_role, u.rvc_member, m.role,
                EXISTS (SELECT 1 FROM workgroups w WHERE w.id = $3 AND w.archived_at IS NOT NULL) AS archived
           FROM users u
           JOIN auth_sessions s ON s.user_id = u.id AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
           LEFT JOIN workgroup_members m ON m.user_id = u.id AND m.workgroup_id = $3
          WHERE u.id = $1 AND u.active`,
      [actor.userId, actor.sessionId, workgroupId],
    );
    const row = rows[0];
    return row
      ? { platformRole: row.platform_role, rvcMember: row.rvc_member, role: row.role, archived: row.archived }
      : null;
  }

  async workgroupIdsOf(userId: string): Promise<string[]> {
    const rows: Array<{ workgroup_id: string }> = await this.transactions
      .manager()
      .query('SELECT workgroup_id FROM workgroup_members WHERE user_id = $1', [userId]);
    return rows.map((row) => row.workgroup_id);
  }
}
