import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MIDDEN_NEDERLAND_SEATS, TAX_AUTHORITY_SEAT } from '@koers/workgroups';

/** Inserts for the demo seed, all inside the seeder's one transaction. */
@Injectable()
export class DemoRegionRepository {
  async lockAndCheckEmpty(manager: EntityManager): Promise<boolean> {
    // Two instances starting together must not both seed.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('koers:demo-seed'))`);
    const rows: Array<{ n: number }> = await manager.query('SELECT count(*) AS n FROM regions');
    return rows[0].n === 0;
  }

  /** The demo region speaks Midden-Nederland's words, which are the column defaults. */
  async insertRegion(manager: EntityManager, name: string): Promise<string> {
    return this.returningId(
      manager,
      'INSERT INTO regions (name, demo, default_composition_rules) VALUES ($1, true, $2::jsonb) RETURNING id',
      [name, JSON.stringify(MIDDEN_NEDERLAND_SEATS)],
    );
  }

  async insertDistrict(manager: EntityManager, regionId: string, name: string): Promise<string> {
    return this.returningId(manager, 'INSERT INTO districts (region_id, name) VALUES ($1, $2) RETURNING id', [
      regionId,
      name,
    ]);
  }

  async insertOrganisation(
    manager: EntityManager,
    regionId: string,
    name: string,
    type: string,
    districtId: string | null,
  ): Promise<string> {
    return this.returningId(
      manager,
      'INSERT INTO organisations (region_id, name, type, district_id) VALUES ($1, $2, $3, $4) RETURNING id',
      [regionId, name, type, districtId],
    );
  }

  async insertUser(
    manager: EntityManager,
    user: {
      email: string;
      displayName: string;
      jobTitle: string;
      function: string;
      organisationId: string;
      platformRole: string;
      rvcMember: boolean;
      passwordHash: string;
    },
  ): Promise<string> {
    return this.returningId(
      manager,
      `INSERT INTO users (email, display_name, job_title, function, organisation_id, platform_role, rvc_member, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        user.email,
        user.displayName,
        user.jobTitle,
        user.function,
        user.organisationId,
        user.platformRole,
        user.rvcMember,
        user.passwordHash,
      ],
    );
  }

  async insertStrategy(
    manager: EntityManager,
    s: { regionId: string; title: string; motto: string; periodStart: string; periodEnd: string; adoptedOn: string },
  ): Promise<string> {
    return this.returningId(
      manager,
      `INSERT INTO strategies (region_id, title, motto, period_start, period_end, status, adopted_on) VALUES ($1, $2, $3, $4, $5, 'vastgesteld', $6) RETURNING id`,
      [s.regionId, s.title, s.motto, s.periodStart, s.periodEnd, s.adoptedOn],
    );
  }

  async insertTheme(
    manager: EntityManager,
    t: { strategyId: string; position: number; title: string; description: string; requiresTaxAuthority: boolean },
  ): Promise<string> {
    return this.returningId(
      manager,
      'INSERT INTO themes (strategy_id, position, title, description, requires_tax_authority) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [t.strategyId, t.position, t.title, t.description, t.requiresTaxAuthority],
    );
  }

  async insertFocusArea(manager: EntityManager, themeId: string, position: number, title: string): Promise<string> {
    return this.returningId(
      manager,
      'INSERT INTO focus_areas (theme_id, position, title) VALUES ($1, $2, $3) RETURNING id',
      [themeId, position, title],
    );
  }

  async insertAction(
    manager: EntityManager,
    a: {
      workgroupId: string;
      focusAreaId: string | null;
      title: string;
      description: string;
      ownerId: string;
      dueDate: string | null;
      status: string;
      statusReason: string | null;
      priority: string;
      origin: string;
      originNote: string;
    },
  ): Promise<string> {
    return this.returningId(
      manager,
      `INSERT INTO actions (workgroup_id, focus_area_id, title, description, owner_id, owner_organisation_id, due_date, status, status_reason, priority, origin, origin_note, created_by, completed_at)
       SELECT $1, $2, $3, $4, u.id, u.organisation_id, $6, $7, $8, $9, $10, $11, u.id, CASE WHEN $7 = 'afgerond' THEN now() END FROM users u WHERE u.id = $5 RETURNING id`,
      [
        a.workgroupId,
        a.focusAreaId,
        a.title,
        a.description,
        a.ownerId,
        a.dueDate,
        a.status,
        a.statusReason,
        a.priority,
        a.origin,
        a.originNote,
      ],
    );
  }

  async insertSession(
    manager: EntityManager,
    s: {
      workgroupId: string;
      type: string;
      state: string;
      title: string;
      startsAt: Date;
      endsAt: Date;
      location: string;
      createdBy: string;
    },
  ): Promise<string> {
    return this.returningId(
      manager,
      `INSERT INTO workgroup_sessions (workgroup_id, type, state, title, starts_at, ends_at, location, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [s.workgroupId, s.type, s.state, s.title, s.startsAt, s.endsAt, s.location, s.createdBy],
    );
  }

  async insertAgendaItem(
    manager: EntityManager,
    i: {
      sessionId: string;
      placement: 'agenda' | 'backlog';
      position: number;
      title: string;
      presenterId: string | null;
      minutes: number;
      outcome: string;
      proposedBy: string;
    },
  ): Promise<string> {
    return this.returningId(
      manager,
      `INSERT INTO session_agenda_items (session_id, placement, position, title, presenter_id, minutes_allotted, outcome, proposed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [i.sessionId, i.placement, i.position, i.title, i.presenterId, i.minutes, i.outcome, i.proposedBy],
    );
  }

  async insertAttendee(manager: EntityManager, sessionId: string, userId: string, status: string): Promise<void> {
    await manager.query('INSERT INTO session_attendees (session_id, user_id, status) VALUES ($1, $2, $3)', [
      sessionId,
      userId,
      status,
    ]);
  }

  async insertDecision(
    manager: EntityManager,
    d: { sessionId: string; agendaItemId: string | null; text: string; decidedAt: Date; createdBy: string },
  ): Promise<string> {
    return this.returningId(
      manager,
      'INSERT INTO session_decisions (session_id, agenda_item_id, text, decided_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [d.sessionId, d.agendaItemId, d.text, d.decidedAt, d.createdBy],
    );
  }

  async linkDecisionAction(manager: EntityManager, decisionId: string, actionId: string): Promise<void> {
    await manager.query('INSERT INTO decision_actions (decision_id, action_id) VALUES ($1, $2)', [
      decisionId,
      actionId,
    ]);
  }

  async insertWorkgroup(manager: EntityManager, themeId: string, name: string, description: string): Promise<string> {
    return this.returningId(
      manager,
      `INSERT INTO workgroups (theme_id, name, description, composition_rules)
       SELECT $1, $2, $3, CASE WHEN t.requires_tax_authority THEN $4::jsonb ELSE $5::jsonb END FROM themes t WHERE t.id = $1
       RETURNING id`,
      [
        themeId,
        name,
        description,
        JSON.stringify([...MIDDEN_NEDERLAND_SEATS, TAX_AUTHORITY_SEAT]),
        JSON.stringify(MIDDEN_NEDERLAND_SEATS),
      ],
    );
  }

  async insertMember(manager: EntityManager, workgroupId: string, userId: string, role: string): Promise<void> {
    await manager.query('INSERT INTO workgroup_members (workgroup_id, user_id, role) VALUES ($1, $2, $3)', [
      workgroupId,
      userId,
      role,
    ]);
  }

  async recordSeed(manager: EntityManager, summary: Record<string, unknown>): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (action, entity_type, outcome, summary) VALUES ('demo.seed', 'region', 'success', $1::jsonb)`,
      [JSON.stringify(summary)],
    );
  }

  private async returningId(manager: EntityManager, sql: string, params: unknown[]): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(sql, params);
    return rows[0].id;
  }
}
