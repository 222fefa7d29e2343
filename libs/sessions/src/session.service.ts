import { Injectable } from '@nestjs/common';
import { Actor } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import {
  assertVersion,
  conflict,
  FieldError,
  lockVersion,
  notFound,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import { DocumentMeta, DocumentService } from '@koers/documents';
import { SessionAccess } from './session-access';
import { SessionEvents } from './session-events';
import { SessionInvitations } from './session-invitations';
import { exportSession, SessionExportFormat } from './session-export';
import {
  AttendanceStatus,
  CALENDAR_FIELDS,
  parseMoment,
  SessionDetail,
  SessionFields,
  SessionView,
  SessionRow,
  SessionState,
  SessionSummary,
} from './session.model';
import { SessionRepository } from './session.repository';

export interface SessionInput {
  type: SessionFields['type'];
  state?: SessionState;
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  location?: string | null;
  onlineUrl?: string | null;
  inviteeIds?: string[];
}

export type SessionChanges = Partial<Omit<SessionInput, 'inviteeIds'>>;

export interface AttendanceChanges {
  attendees?: Array<{ userId: string; status?: AttendanceStatus }>;
  removeUserIds?: string[];
}

/** Statuses people may set for themselves (sending regrets, or taking them back). */
const SELF_SERVICE_STATUSES: readonly AttendanceStatus[] = ['afgemeld', 'uitgenodigd'];

/** Werk- en kennissessies: planning, attendance, minutes document, invitation and export. */
@Injectable()
export class SessionService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: SessionRepository,
    private readonly access: SessionAccess,
    private readonly audit: AuditService,
    private readonly documents: DocumentService,
    private readonly events: SessionEvents,
    private readonly invitations: SessionInvitations,
  ) {}

  async list(actor: Actor, workgroupId: string, states?: SessionState[]): Promise<SessionSummary[]> {
    await this.access.assert(actor, 'workgroup.content.read', workgroupId, 'session.list');
    if (!(await this.repository.workgroupExists(workgroupId))) throw notFound('De werkgroep');
    return this.repository.listSessions(workgroupId, states, new Date());
  }

  async get(actor: Actor, id: string): Promise<SessionView> {
    await this.access.session(actor, id, 'workgroup.content.read', 'session.read');
    return this.view(actor, await this.detail(id));
  }

  /** The session as its page shows it: with what the caller may do with it (the rules of the changing routes). */
  private async view(actor: Actor, session: SessionDetail): Promise<SessionView> {
    const grants = session.workgroupId ? await this.access.grants(actor, session.workgroupId) : new Set();
    const manages = grants.has('workgroup.actions.manage');
    return {
      ...session,
      permissions: { edit: manages, delete: manages, proposeAgendaItem: grants.has('workgroup.content.write') },
    };
  }

  async create(actor: Actor, workgroupId: string, input: SessionInput): Promise<SessionView> {
    await this.access.assert(actor, 'workgroup.actions.manage', workgroupId, 'session.create');
    if (!(await this.repository.workgroupExists(workgroupId))) throw notFound('De werkgroep');
    const fields: SessionFields = {
      type: input.type,
      state: input.state ?? 'concept',
      title: input.title.trim(),
      description: input.description ?? '',
      startsAt: parseMoment(input.startsAt),
      endsAt: parseMoment(input.endsAt),
      location: blankToNull(input.location),
      onlineUrl: blankToNull(input.onlineUrl),
    };
    const invitees = [...new Set(input.inviteeIds ?? [])];
    const problems = validateSession(fields);
    const members = await this.repository.membersAmong(workgroupId, invitees);
    if (invitees.some((id) => !members.has(id)))
      problems.push({ field: 'inviteeIds', messages: ['Nodig alleen leden van de werkgroep uit.'] });
    if (problems.length) throw validationFailed(problems);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertSession(workgroupId, fields, actor.userId, manager);
      for (const userId of invitees) await this.repository.upsertAttendee(newId, userId, 'uitgenodigd', manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.create',
          entityType: 'session',
          entityId: newId,
          workgroupId,
          summary: { title: fields.title, type: fields.type, startsAt: fields.startsAt, invited: invitees.length },
        },
        manager,
      );
      await this.repository.recordChange(newId, actor.userId, { kind: 'session.create' }, manager);
      return newId;
    });
    await this.events.changed('session.created', id);
    const created = await this.detail(id);
    if (created.state === 'geagendeerd')
      this.invitations.send(created, 'REQUEST', 'new', await this.invitations.party(id));
    return this.view(actor, created);
  }

  async update(actor: Actor, id: string, input: SessionChanges, expectedVersion?: number): Promise<SessionView> {
    const before = await this.access.session(actor, id, 'workgroup.actions.manage', 'session.update');
    const changes: Partial<SessionFields> = {
      type: input.type,
      state: input.state,
      title: input.title?.trim(),
      description: input.description,
      startsAt: input.startsAt === undefined ? undefined : parseMoment(input.startsAt),
      endsAt: input.endsAt === undefined ? undefined : parseMoment(input.endsAt),
      location: input.location === undefined ? undefined : blankToNull(input.location),
      onlineUrl: input.onlineUrl === undefined ? undefined : blankToNull(input.onlineUrl),
    };
    const next: SessionFields = { ...fieldsOf(before), ...definedOnly(changes) };
    const problems = validateSession(next);
    if (problems.length) throw validationFailed(problems);
    assertVersion(before, expectedVersion);
    const diff = diffFields(comparable(fieldsOf(before)), comparable(definedOnly(changes)));
    if (Object.keys(diff).length === 0) return this.view(actor, await this.detail(id));
    const calendar = CALENDAR_FIELDS.some((field) => field in diff);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'workgroup_sessions', id, expectedVersion);
      await this.repository.updateSession(id, changes, calendar, manager);
      await this.repository.recordChange(id, actor.userId, { kind: 'session.update', changes: diff }, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.update',
          entityType: 'session',
          entityId: id,
          workgroupId: before.workgroupId,
          summary: { changes: diff },
        },
        manager,
      );
    });
    await this.events.changed('session.updated', id);
    const updated = await this.detail(id);
    // Those invited get the changed invitation (the same UID, a higher SEQUENCE), or their first one when
    // the session was only a concept until now.
    if (calendar && updated.state === 'geagendeerd') {
      const reason = before.state === 'geagendeerd' ? 'changed' : 'new';
      this.invitations.send(updated, 'REQUEST', reason, await this.invitations.party(id));
    }
    return this.view(actor, updated);
  }

  /** Removes a session from every list. A session with decisions is the record of them and stays. */
  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    const session = await this.access.session(actor, id, 'workgroup.actions.manage', 'session.delete');
    assertVersion(session, expectedVersion);
    if ((await this.repository.decisions(id)).length > 0) {
      throw conflict('Een sessie met besluiten kan niet worden verwijderd. Zet de sessie op afgerond.');
    }
    // Read before it is gone: a planned session's invitations are cancelled after the commit.
    const invited = session.state === 'geagendeerd' ? await this.detail(id) : null;
    const party = invited ? await this.invitations.party(id) : null;
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'workgroup_sessions', id, expectedVersion);
      await this.repository.softDeleteSession(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.delete',
          entityType: 'session',
          entityId: id,
          workgroupId: session.workgroupId,
          summary: { title: session.title },
        },
        manager,
      );
    });
    this.events.deleted(session);
    if (invited && party)
      this.invitations.send({ ...invited, sequence: invited.sequence + 1 }, 'CANCEL', 'cancelled', party);
  }

  /**
   * Invites people (members of the werkgroep), records who came, or takes people off the list. Those who
   * manage the werkgroep's sessions change anyone; an invited contributor may send or withdraw their own regrets.
   */
  async updateAttendance(actor: Actor, id: string, input: AttendanceChanges): Promise<SessionView> {
    const session = await this.access.session(actor, id, 'workgroup.content.read', 'session.attendance.update');
    const entries = dedupe(input.attendees ?? []);
    const removals = [...new Set(input.removeUserIds ?? [])];
    const current = new Map((await this.repository.attendees(id)).map((a) => [a.userId, a.status]));
    const selfService =
      removals.length === 0 &&
      entries.length === 1 &&
      entries[0].userId === actor.userId &&
      current.has(actor.userId) &&
      SELF_SERVICE_STATUSES.includes(entries[0].status ?? 'uitgenodigd');
    await this.access.assert(
      actor,
      selfService ? 'workgroup.content.write' : 'workgroup.actions.manage',
      session.workgroupId,
      'session.attendance.update',
    );
    const members = await this.repository.membersAmong(
      session.workgroupId,
      entries.map((e) => e.userId),
    );
    const problems: FieldError[] = [];
    entries.forEach((entry, index) => {
      if (!members.has(entry.userId) && !current.has(entry.userId))
        problems.push({ field: `attendees.${index}.userId`, messages: ['Nodig alleen leden van de werkgroep uit.'] });
    });
    if (entries.length === 0 && removals.length === 0)
      problems.push({ field: 'attendees', messages: ['Geef minstens één deelnemer.'] });
    if (problems.length) throw validationFailed(problems);
    const changes = entries
      .map((e) => ({
        userId: e.userId,
        from: current.get(e.userId) ?? null,
        to: e.status ?? current.get(e.userId) ?? 'uitgenodigd',
      }))
      .filter((c) => c.from !== c.to);
    const removed = removals.filter((userId) => current.has(userId));
    if (changes.length === 0 && removed.length === 0) return this.view(actor, await this.detail(id));
    // The people taken off the list are read first: they get a cancellation after the commit.
    const before = removed.length && session.state === 'geagendeerd' ? await this.invitations.party(id) : null;
    const names = await this.repository.displayNames([...changes.map((c) => c.userId), ...removed]);
    const history = Object.fromEntries([
      ...changes.map((c) => [names.get(c.userId) ?? c.userId, { from: c.from, to: c.to }]),
      ...removed.map((userId) => [names.get(userId) ?? userId, { from: current.get(userId) ?? null, to: null }]),
    ]);
    await this.transactions.transaction(async (manager) => {
      for (const change of changes) await this.repository.upsertAttendee(id, change.userId, change.to, manager);
      if (removed.length) await this.repository.removeAttendees(id, removed, manager);
      await this.repository.touchSession(id, manager);
      await this.repository.recordChange(id, actor.userId, { kind: 'attendance.update', changes: history }, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.attendance.update',
          entityType: 'session',
          entityId: id,
          workgroupId: session.workgroupId,
          summary: { changes, removed },
        },
        manager,
      );
    });
    await this.events.changed('session.updated', id);
    const updated = await this.detail(id);
    if (updated.state === 'geagendeerd') {
      const added = changes.filter((c) => c.from === null).map((c) => c.userId);
      if (added.length) this.invitations.send(updated, 'REQUEST', 'new', await this.invitations.party(id), added);
      if (before) this.invitations.send(updated, 'CANCEL', 'cancelled', before, removed);
    }
    return this.view(actor, updated);
  }

  /** Creates the session's minutes (a collaborative document from the verslag template) and links it. */
  async createMinutes(actor: Actor, id: string): Promise<DocumentMeta> {
    const session = await this.access.session(actor, id, 'workgroup.actions.manage', 'session.minutes.create');
    if (session.minutesDocumentId) throw conflict('Deze sessie heeft al een verslag.');
    // One transaction: when a concurrent request linked its minutes first, this document is rolled back with
    // the failed link (no unlinked document is left behind). Who may manage actions may write documents.
    const title = `Verslag ${session.title}`;
    const documentId = await this.transactions.transaction(async (manager) => {
      const created = await this.documents.createWithin(actor, session.workgroupId, title, 'verslag', manager);
      if (!(await this.repository.linkMinutes(id, created, manager)))
        throw conflict('Deze sessie heeft al een verslag.');
      await this.audit.recordChange(
        actor,
        {
          action: 'session.minutes.create',
          entityType: 'session',
          entityId: id,
          workgroupId: session.workgroupId,
          summary: { documentId: created, title },
        },
        manager,
      );
      await this.repository.recordChange(id, actor.userId, { kind: 'minutes.create', subject: title }, manager);
      return created;
    });
    const document = await this.documents.get(actor, documentId);
    await this.events.changed('session.updated', id);
    return document;
  }

  async invitation(actor: Actor, id: string): Promise<{ session: SessionRow; body: string }> {
    await this.access.session(actor, id, 'workgroup.content.read', 'session.invitation');
    const session = await this.detail(id);
    return { session, body: await this.invitations.calendar(session, new Date()) };
  }

  async export(actor: Actor, id: string, format: SessionExportFormat): Promise<{ session: SessionRow; body: string }> {
    await this.access.session(actor, id, 'workgroup.content.read', 'session.export');
    const session = await this.detail(id);
    return { session, body: exportSession(session, format) };
  }

  async detail(id: string): Promise<SessionDetail> {
    const session = await this.repository.findSession(id);
    if (!session) throw notFound('De sessie');
    const [items, attendees, decisions, history] = await Promise.all([
      this.repository.items(id),
      this.repository.attendees(id),
      this.repository.decisions(id),
      this.repository.history(id),
    ]);
    const agenda = items.filter((i) => i.placement === 'agenda');
    return {
      ...session,
      agenda,
      backlog: items.filter((i) => i.placement === 'backlog'),
      totalMinutes: agenda.reduce((sum, i) => sum + (i.minutesAllotted ?? 0), 0),
      attendees,
      decisions,
      history,
    };
  }
}

function validateSession(fields: SessionFields): FieldError[] {
  const problems: FieldError[] = [];
  if (Number.isNaN(fields.startsAt.getTime()))
    problems.push({ field: 'startsAt', messages: ['Dit tijdstip bestaat niet.'] });
  if (Number.isNaN(fields.endsAt.getTime()))
    problems.push({ field: 'endsAt', messages: ['Dit tijdstip bestaat niet.'] });
  else if (fields.endsAt.getTime() <= fields.startsAt.getTime())
    problems.push({ field: 'endsAt', messages: ['De sessie moet eindigen na het begin.'] });
  if (fields.state !== 'concept' && !fields.location && !fields.onlineUrl) {
    problems.push({ field: 'location', messages: ['Een geagendeerde sessie heeft een locatie of een online link.'] });
  }
  return problems;
}

function fieldsOf(row: SessionRow): SessionFields {
  const { type, state, title, description, startsAt, endsAt, location, onlineUrl } = row;
  return {
    type,
    state,
    title,
    description,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    location,
    onlineUrl,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Dates compared (and audited) as ISO strings. */
function comparable(fields: Partial<SessionFields>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

function dedupe<T extends { userId: string }>(entries: T[]): T[] {
  return [...new Map(entries.map((e) => [e.userId, e])).values()];
}
