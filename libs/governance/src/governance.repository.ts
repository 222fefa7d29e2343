import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionHost } from '@koers/core';
import type {
  BodyKind,
  BodyMember,
  BodySummary,
  MeetingAgendaItem,
  MeetingAttendee,
  MeetingDecision,
  MeetingDocument,
  MeetingGuest,
  MeetingSummary,
} from '@koers/contracts';

/** A guest as stored: name and organisation are taken from the user when `userId` is set. */
export interface GuestFields {
  userId: string | null;
  name: string;
  organisation: string;
  role: string;
  status: MeetingGuest['status'];
}

export interface BodyFields {
  kind: BodyKind;
  name: string;
  description: string;
  districtId: string | null;
  meetingsPerYearMin: number | null;
  meetingsPerYearMax: number | null;
}

export interface MeetingFields {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  state: MeetingSummary['state'];
}

/** "The caller sits in the body": as a person, or through their organisation. */
const MEMBER_OF = `EXISTS (SELECT 1 FROM governance_body_members m WHERE m.body_id = b.id
                     AND (m.user_id = $1 OR m.organisation_id = (SELECT organisation_id FROM users WHERE id = $1)))`;

const BODY_COLUMNS = `b.id, b.kind, b.name, b.description, b.district_id AS "districtId", d.name AS "districtName",
  b.meetings_per_year_min AS "meetingsPerYearMin", b.meetings_per_year_max AS "meetingsPerYearMax",
  (SELECT count(*)::int FROM governance_body_members m WHERE m.body_id = b.id) AS "memberCount",
  ${MEMBER_OF} AS "isMember",
  (SELECT min(s.starts_at) FROM workgroup_sessions s
    WHERE s.body_id = b.id AND s.deleted_at IS NULL AND s.starts_at >= now()) AS "nextMeetingAt",
  b.version`;

const MEETING_COLUMNS = `s.id, s.body_id AS "bodyId", b.name AS "bodyName", b.kind AS "bodyKind", s.title,
  s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.location, s.state, s.version`;

/**
 * The queries of governance bodies and their meetings. A meeting is a row of the sessions' tables
 * (workgroup_sessions with body_id instead of workgroup_id; its agenda items, attendees and decisions in
 * the sessions' own tables), so meetings and werkgroep sessions share one shape.
 */
@Injectable()
export class GovernanceRepository {
  constructor(private readonly transactions: TransactionHost) {}

  private db(manager?: EntityManager): EntityManager {
    return this.transactions.manager(manager);
  }

  /** Every body (`all`) or the bodies the user sits in. */
  async bodies(userId: string, all: boolean): Promise<BodySummary[]> {
    const rows: BodySummary[] = await this.db().query(
      `SELECT ${BODY_COLUMNS} FROM governance_bodies b LEFT JOIN districts d ON d.id = b.district_id
        WHERE $2 OR ${MEMBER_OF}
        ORDER BY array_position(ARRAY['rvc','regionale_driehoek','adviescollege','dvc','stuurgroep','overig'], b.kind),
                 b.name`,
      [userId, all],
    );
    return rows.map(wireBody);
  }

  async body(userId: string, id: string, manager?: EntityManager): Promise<BodySummary | null> {
    const rows: BodySummary[] = await this.db(manager).query(
      `SELECT ${BODY_COLUMNS} FROM governance_bodies b LEFT JOIN districts d ON d.id = b.district_id WHERE b.id = $2`,
      [userId, id],
    );
    return rows[0] ? wireBody(rows[0]) : null;
  }

  async isMember(userId: string, bodyId: string): Promise<boolean> {
    const rows: unknown[] = await this.db().query(
      `SELECT 1 FROM governance_bodies b WHERE b.id = $2 AND ${MEMBER_OF}`,
      [userId, bodyId],
    );
    return rows.length > 0;
  }

  async members(bodyId: string): Promise<BodyMember[]> {
    return this.db().query(
      `SELECT m.id, m.user_id AS "userId", m.organisation_id AS "organisationId",
              coalesce(u.display_name, o.name) AS name, m.role
         FROM governance_body_members m
         LEFT JOIN users u ON u.id = m.user_id
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE m.body_id = $1
        ORDER BY m.user_id IS NULL, name`,
      [bodyId],
    );
  }

  async regionOfUser(userId: string): Promise<string> {
    const [{ region_id }] = await this.db().query(
      'SELECT o.region_id FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1',
      [userId],
    );
    return region_id as string;
  }

  async districtExists(id: string): Promise<boolean> {
    return (await this.db().query('SELECT 1 FROM districts WHERE id = $1', [id])).length > 0;
  }

  async nameTaken(regionId: string, name: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.db().query(
      'SELECT 1 FROM governance_bodies WHERE region_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3',
      [regionId, name, exceptId],
    );
    return rows.length > 0;
  }

  async insertBody(regionId: string, fields: BodyFields, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO governance_bodies (region_id, kind, name, description, district_id, meetings_per_year_min, meetings_per_year_max)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        regionId,
        fields.kind,
        fields.name,
        fields.description,
        fields.districtId,
        fields.meetingsPerYearMin,
        fields.meetingsPerYearMax,
      ],
    );
    return id as string;
  }

  async updateBody(id: string, fields: BodyFields, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE governance_bodies SET kind = $2, name = $3, description = $4, district_id = $5,
              meetings_per_year_min = $6, meetings_per_year_max = $7, updated_at = now()
        WHERE id = $1`,
      [
        id,
        fields.kind,
        fields.name,
        fields.description,
        fields.districtId,
        fields.meetingsPerYearMin,
        fields.meetingsPerYearMax,
      ],
    );
  }

  async bodyFields(id: string): Promise<BodyFields | null> {
    const rows: BodyFields[] = await this.db().query(
      `SELECT kind, name, description, district_id AS "districtId", meetings_per_year_min AS "meetingsPerYearMin",
              meetings_per_year_max AS "meetingsPerYearMax"
         FROM governance_bodies WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Which of these ids are users, and which organisations. */
  async known(
    userIds: string[],
    organisationIds: string[],
  ): Promise<{ users: Set<string>; organisations: Set<string> }> {
    const users: Array<{ id: string }> = userIds.length
      ? await this.db().query('SELECT id FROM users WHERE id = ANY($1::uuid[])', [userIds])
      : [];
    const organisations: Array<{ id: string }> = organisationIds.length
      ? await this.db().query('SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [organisationIds])
      : [];
    return { users: new Set(users.map((u) => u.id)), organisations: new Set(organisations.map((o) => o.id)) };
  }

  async replaceMembers(
    bodyId: string,
    members: Array<{ userId: string | null; organisationId: string | null; role: string }>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query('DELETE FROM governance_body_members WHERE body_id = $1', [bodyId]);
    for (const m of members)
      await manager.query(
        'INSERT INTO governance_body_members (body_id, user_id, organisation_id, role) VALUES ($1, $2, $3, $4)',
        [bodyId, m.userId, m.organisationId, m.role],
      );
    await manager.query('UPDATE governance_bodies SET updated_at = now() WHERE id = $1', [bodyId]);
  }

  /**
   * Users who may be listed as attending a body's meeting: its people, the users of its organisations, and
   * (history) whoever is on this meeting's list already, also after leaving the body.
   */
  async eligibleAttendees(bodyId: string, userIds: string[], meetingId: string | null = null): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await this.db().query(
      `SELECT u.id FROM users u
        WHERE u.id = ANY($2::uuid[])
          AND (EXISTS (SELECT 1 FROM governance_body_members m WHERE m.body_id = $1
                         AND (m.user_id = u.id OR m.organisation_id = u.organisation_id))
               OR EXISTS (SELECT 1 FROM session_attendees a WHERE a.session_id = $3 AND a.user_id = u.id))`,
      [bodyId, userIds, meetingId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Of these users, the members of the body (in person or through their organisation), right now. */
  async membersAmong(bodyId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await this.db().query(
      `SELECT u.id FROM users u
        WHERE u.id = ANY($2::uuid[])
          AND EXISTS (SELECT 1 FROM governance_body_members m WHERE m.body_id = $1
                        AND (m.user_id = u.id OR m.organisation_id = u.organisation_id))`,
      [bodyId, userIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Active users by id, with the name and organisation a guest entry keeps. */
  async guestUsers(userIds: string[]): Promise<Map<string, { name: string; organisation: string; role: string }>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ id: string; name: string; organisation: string; role: string }> = await this.db().query(
      `SELECT u.id, u.display_name AS name, o.name AS organisation, u.job_title AS role
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = ANY($1::uuid[]) AND u.active`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, organisation: r.organisation, role: r.role }]));
  }

  async guests(id: string, manager?: EntityManager): Promise<MeetingGuest[]> {
    return this.db(manager).query(
      `SELECT id, user_id AS "userId", name, organisation, role, status
         FROM body_meeting_guests WHERE session_id = $1 ORDER BY position`,
      [id],
    );
  }

  async replaceGuests(id: string, guests: GuestFields[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM body_meeting_guests WHERE session_id = $1', [id]);
    for (const [index, g] of guests.entries())
      await manager.query(
        `INSERT INTO body_meeting_guests (session_id, position, user_id, name, organisation, role, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, index + 1, g.userId, g.name, g.organisation, g.role, g.status],
      );
  }

  /** A list of the meeting changed: raises its version (the lists live in other tables). */
  async markListsChanged(id: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE workgroup_sessions SET lists_revision = lists_revision + 1 WHERE id = $1', [id]);
  }

  /** Meetings of one body, or (calendar) of every body the user sits in (`all` for the secretariat), in a window. */
  async meetings(
    userId: string,
    filter: { bodyId?: string; all: boolean; from?: string; to?: string },
  ): Promise<MeetingSummary[]> {
    const rows: MeetingSummary[] = await this.db().query(
      `SELECT ${MEETING_COLUMNS}
         FROM workgroup_sessions s JOIN governance_bodies b ON b.id = s.body_id
        WHERE s.deleted_at IS NULL
          AND ($2::uuid IS NULL OR s.body_id = $2)
          AND ($3 OR ${MEMBER_OF})
          AND ($4::date IS NULL OR s.starts_at >= $4::date)
          AND ($5::date IS NULL OR s.starts_at < ($5::date + 1))
        ORDER BY s.starts_at, b.name`,
      [userId, filter.bodyId ?? null, filter.all, filter.from ?? null, filter.to ?? null],
    );
    return rows.map(wireMeeting);
  }

  async meeting(id: string, manager?: EntityManager): Promise<(MeetingSummary & { description: string }) | null> {
    const rows: Array<MeetingSummary & { description: string }> = await this.db(manager).query(
      `SELECT ${MEETING_COLUMNS}, s.description
         FROM workgroup_sessions s JOIN governance_bodies b ON b.id = s.body_id
        WHERE s.id = $1 AND s.deleted_at IS NULL`,
      [id],
    );
    return rows[0] ? wireMeeting(rows[0]) : null;
  }

  async bodyOfMeeting(id: string): Promise<string | null> {
    const rows: Array<{ body_id: string }> = await this.db().query(
      'SELECT body_id FROM workgroup_sessions WHERE id = $1 AND body_id IS NOT NULL AND deleted_at IS NULL',
      [id],
    );
    return rows[0]?.body_id ?? null;
  }

  async insertMeeting(bodyId: string, fields: MeetingFields, userId: string, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO workgroup_sessions (body_id, type, state, title, description, starts_at, ends_at, location, created_by)
       VALUES ($1, 'bestuurlijk_overleg', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [bodyId, fields.state, fields.title, fields.description, fields.startsAt, fields.endsAt, fields.location, userId],
    );
    return id as string;
  }

  async updateMeeting(id: string, fields: MeetingFields, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE workgroup_sessions SET title = $2, description = $3, starts_at = $4, ends_at = $5, location = $6,
              state = $7, sequence = sequence + 1, updated_at = now()
        WHERE id = $1`,
      [id, fields.title, fields.description, fields.startsAt, fields.endsAt, fields.location, fields.state],
    );
  }

  /** The meetings of the body that are not deleted. */
  async meetingCount(bodyId: string): Promise<number> {
    const [{ count }] = await this.db().query(
      'SELECT count(*)::int AS count FROM workgroup_sessions WHERE body_id = $1 AND deleted_at IS NULL',
      [bodyId],
    );
    return count as number;
  }

  /** Removes the body; its members and deleted meetings go with it (ON DELETE CASCADE). */
  async deleteBody(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM governance_bodies WHERE id = $1', [id]);
  }

  async softDeleteMeeting(id: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE workgroup_sessions SET deleted_at = now() WHERE id = $1', [id]);
  }

  async agenda(id: string, manager?: EntityManager): Promise<MeetingAgendaItem[]> {
    return this.db(manager).query(
      `SELECT id, title, description FROM session_agenda_items
        WHERE session_id = $1 AND placement = 'agenda' ORDER BY position`,
      [id],
    );
  }

  async replaceAgenda(id: string, items: Array<{ title: string; description: string }>, manager: EntityManager) {
    await manager.query('DELETE FROM session_agenda_items WHERE session_id = $1', [id]);
    for (const [index, item] of items.entries())
      await manager.query(
        `INSERT INTO session_agenda_items (session_id, placement, position, title, description)
         VALUES ($1, 'agenda', $2, $3, $4)`,
        [id, index + 1, item.title, item.description],
      );
  }

  async documents(id: string, manager?: EntityManager): Promise<MeetingDocument[]> {
    return this.db(manager).query(
      'SELECT id, title, reference FROM body_meeting_documents WHERE session_id = $1 ORDER BY position',
      [id],
    );
  }

  async replaceDocuments(id: string, items: Array<{ title: string; reference: string }>, manager: EntityManager) {
    await manager.query('DELETE FROM body_meeting_documents WHERE session_id = $1', [id]);
    for (const [index, item] of items.entries())
      await manager.query(
        'INSERT INTO body_meeting_documents (session_id, position, title, reference) VALUES ($1, $2, $3, $4)',
        [id, index + 1, item.title, item.reference],
      );
  }

  async decisions(id: string, manager?: EntityManager): Promise<MeetingDecision[]> {
    return this.db(manager).query(
      'SELECT id, text FROM session_decisions WHERE session_id = $1 ORDER BY decided_at, created_at',
      [id],
    );
  }

  async replaceDecisions(id: string, texts: string[], decidedAt: Date, userId: string, manager: EntityManager) {
    await manager.query('DELETE FROM session_decisions WHERE session_id = $1', [id]);
    for (const [index, text] of texts.entries())
      await manager.query(
        `INSERT INTO session_decisions (session_id, text, decided_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5 / 1000.0))`,
        [id, text, decidedAt, userId, index],
      );
  }

  async attendees(id: string, manager?: EntityManager): Promise<MeetingAttendee[]> {
    return this.db(manager).query(
      `SELECT a.user_id AS "userId", u.display_name AS name, a.status
         FROM session_attendees a JOIN users u ON u.id = a.user_id
        WHERE a.session_id = $1 ORDER BY u.display_name`,
      [id],
    );
  }

  async replaceAttendees(id: string, items: Array<{ userId: string; status: string }>, manager: EntityManager) {
    await manager.query('DELETE FROM session_attendees WHERE session_id = $1', [id]);
    for (const item of items)
      await manager.query('INSERT INTO session_attendees (session_id, user_id, status) VALUES ($1, $2, $3)', [
        id,
        item.userId,
        item.status,
      ]);
  }
}

function wireBody(row: BodySummary): BodySummary {
  return { ...row, nextMeetingAt: row.nextMeetingAt ? new Date(row.nextMeetingAt).toISOString() : null };
}

function wireMeeting<T extends MeetingSummary>(row: T): T {
  return { ...row, startsAt: new Date(row.startsAt).toISOString(), endsAt: new Date(row.endsAt).toISOString() };
}
