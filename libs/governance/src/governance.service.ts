import { Injectable } from '@nestjs/common';
import { Actor, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import { conflict, FieldError, lockVersion, StaleVersionError, TransactionHost, validationFailed } from '@koers/core';
import type { BodyDetail, BodySummary, MeetingDetail, MeetingSummary } from '@koers/contracts';
import { GovernancePolicy } from './governance.policy';
import { BodyFields, GovernanceRepository, GuestFields, MeetingFields } from './governance.repository';
import type {
  CalendarQueryDto,
  CreateBodyDto,
  CreateMeetingDto,
  ReplaceMembersDto,
  UpdateBodyDto,
  UpdateMeetingDto,
} from './dto/governance.dto';

/**
 * Governance bodies (RVC, regionale driehoek, adviescollege, DVC per district, stuurgroep, other), their
 * members and meeting rhythm, and their meetings: date, agenda, documents, decisions and attendance, kept in
 * the sessions' tables (a session of a body instead of a werkgroep).
 */
@Injectable()
export class GovernanceService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: GovernanceRepository,
    private readonly policy: GovernancePolicy,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor): Promise<BodySummary[]> {
    return this.repository.bodies(actor.userId, isSecretariat(actor));
  }

  async get(actor: Actor, id: string): Promise<BodyDetail> {
    await this.policy.assertMaySeeBody(actor, id);
    return this.detail(actor, id);
  }

  async create(actor: Actor, input: CreateBodyDto): Promise<BodyDetail> {
    await this.policy.assertMayCreate(actor);
    const regionId = await this.repository.regionOfUser(actor.userId);
    const fields: BodyFields = {
      kind: input.kind,
      name: input.name.trim(),
      description: input.description?.trim() ?? '',
      districtId: input.districtId ?? null,
      meetingsPerYearMin: input.meetingsPerYearMin ?? null,
      meetingsPerYearMax: input.meetingsPerYearMax ?? input.meetingsPerYearMin ?? null,
    };
    await this.validateBody(regionId, fields, null);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertBody(regionId, fields, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'body.create',
          entityType: 'body',
          entityId: newId,
          summary: { kind: fields.kind, name: fields.name },
        },
        manager,
      );
      return newId;
    });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: UpdateBodyDto, expectedVersion?: number): Promise<BodyDetail> {
    await this.policy.assertMayManageBody(actor, id, 'body.update');
    const before = (await this.repository.bodyFields(id))!;
    const next: BodyFields = {
      kind: input.kind ?? before.kind,
      name: input.name?.trim() ?? before.name,
      description: input.description?.trim() ?? before.description,
      districtId: input.districtId === undefined ? before.districtId : input.districtId,
      meetingsPerYearMin: input.meetingsPerYearMin === undefined ? before.meetingsPerYearMin : input.meetingsPerYearMin,
      meetingsPerYearMax: input.meetingsPerYearMax === undefined ? before.meetingsPerYearMax : input.meetingsPerYearMax,
    };
    await this.validateBody(await this.repository.regionOfUser(actor.userId), next, id);
    const current = (await this.repository.body(actor.userId, id))!;
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw new StaleVersionError(await this.detail(actor, id));
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'governance_bodies', id, expectedVersion, () => this.detail(actor, id));
      await this.repository.updateBody(id, next, manager);
      await this.audit.recordChange(
        actor,
        { action: 'body.update', entityType: 'body', entityId: id, summary: { changes: input } },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /**
   * Removes a body that has no meetings (a body with meetings keeps its history: delete those first, 409).
   * A strategy it adopted keeps the body's name as `adoptedBy`.
   */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.policy.assertMayManageBody(actor, id, 'body.delete');
    const before = (await this.repository.bodyFields(id))!;
    if ((await this.repository.meetingCount(id)) > 0)
      throw conflict('Dit orgaan heeft vergaderingen. Verwijder eerst de vergaderingen.');
    await this.transactions.transaction(async (manager) => {
      await this.repository.deleteBody(id, manager);
      await this.audit.recordChange(
        actor,
        { action: 'body.delete', entityType: 'body', entityId: id, summary: { kind: before.kind, name: before.name } },
        manager,
      );
    });
  }

  /** Replaces the members: people (users) and organisations, each with an optional role ("voorzitter"). */
  async replaceMembers(actor: Actor, id: string, input: ReplaceMembersDto): Promise<BodyDetail> {
    await this.policy.assertMayManageBody(actor, id, 'body.members.update');
    const problems: FieldError[] = [];
    const members = input.members.map((m) => ({
      userId: m.userId ?? null,
      organisationId: m.organisationId ?? null,
      role: m.role?.trim() ?? '',
    }));
    const known = await this.repository.known(
      members.flatMap((m) => (m.userId ? [m.userId] : [])),
      members.flatMap((m) => (m.organisationId ? [m.organisationId] : [])),
    );
    const seen = new Set<string>();
    members.forEach((m, index) => {
      const field = `members.${index}`;
      if ((m.userId === null) === (m.organisationId === null))
        problems.push({
          field,
          messages: ['Geef een persoon (userId) of een organisatie (organisationId), niet beide.'],
        });
      else if (m.userId && !known.users.has(m.userId))
        problems.push({ field: `${field}.userId`, messages: ['Deze persoon bestaat niet.'] });
      else if (m.organisationId && !known.organisations.has(m.organisationId))
        problems.push({ field: `${field}.organisationId`, messages: ['Deze organisatie bestaat niet.'] });
      const key = m.userId ?? m.organisationId ?? '';
      if (seen.has(key)) problems.push({ field, messages: ['Dit lid staat er twee keer in.'] });
      seen.add(key);
    });
    if (problems.length) throw validationFailed(problems);
    await this.transactions.transaction(async (manager) => {
      await this.repository.replaceMembers(id, members, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'body.members.update',
          entityType: 'body',
          entityId: id,
          summary: {
            people: members.filter((m) => m.userId).length,
            organisations: members.filter((m) => m.organisationId).length,
          },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  async meetings(actor: Actor, bodyId: string, query: CalendarQueryDto): Promise<MeetingSummary[]> {
    await this.policy.assertMaySeeBody(actor, bodyId, 'meeting.list');
    return this.repository.meetings(actor.userId, { bodyId, all: true, from: query.from, to: query.to });
  }

  /** The calendar: the meetings of every body the caller sits in (all of them for the secretariat). */
  calendar(actor: Actor, query: CalendarQueryDto): Promise<MeetingSummary[]> {
    if (query.from && query.to && query.to < query.from)
      throw validationFailed([{ field: 'to', messages: ['De einddatum ligt na de begindatum.'] }]);
    return this.repository.meetings(actor.userId, { all: isSecretariat(actor), from: query.from, to: query.to });
  }

  async createMeeting(actor: Actor, bodyId: string, input: CreateMeetingDto): Promise<MeetingDetail> {
    await this.policy.assertMayManageBody(actor, bodyId, 'meeting.create');
    const fields: MeetingFields = {
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      location: input.location?.trim() || null,
      state: input.state ?? 'geagendeerd',
    };
    const guests = await this.validateMeeting(bodyId, fields, input, null);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertMeeting(bodyId, fields, actor.userId, manager);
      await this.writeLists(newId, fields, input, guests, actor, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'meeting.create',
          entityType: 'meeting',
          entityId: newId,
          summary: { bodyId, title: fields.title, startsAt: fields.startsAt.toISOString() },
        },
        manager,
      );
      return newId;
    });
    return this.meetingDetail(actor, id);
  }

  async getMeeting(actor: Actor, id: string): Promise<MeetingDetail> {
    await this.policy.assertMaySeeMeeting(actor, id);
    return this.meetingDetail(actor, id);
  }

  async updateMeeting(
    actor: Actor,
    id: string,
    input: UpdateMeetingDto,
    expectedVersion?: number,
  ): Promise<MeetingDetail> {
    const bodyId = await this.policy.assertMayManageMeeting(actor, id, 'meeting.update');
    const before = (await this.repository.meeting(id))!;
    const fields: MeetingFields = {
      title: input.title?.trim() ?? before.title,
      description: input.description?.trim() ?? before.description,
      startsAt: new Date(input.startsAt ?? before.startsAt),
      endsAt: new Date(input.endsAt ?? before.endsAt),
      location: input.location === undefined ? before.location : input.location?.trim() || null,
      state: input.state ?? before.state,
    };
    const guests = await this.validateMeeting(bodyId, fields, input, id);
    // A stale edit gets the meeting as it is now, lists included, so the form can show what changed.
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw new StaleVersionError(await this.meetingDetail(actor, id));
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'workgroup_sessions', id, expectedVersion, () => this.meetingDetail(actor, id));
      const listsBefore = await this.listsOf(id);
      await this.repository.updateMeeting(id, fields, manager);
      await this.writeLists(id, fields, input, guests, actor, manager);
      // The lists live in other tables: a real change to one raises the meeting's version too.
      if (JSON.stringify(await this.listsOf(id)) !== JSON.stringify(listsBefore))
        await this.repository.markListsChanged(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'meeting.update',
          entityType: 'meeting',
          entityId: id,
          summary: { bodyId, changed: Object.keys(input) },
        },
        manager,
      );
    });
    return this.meetingDetail(actor, id);
  }

  async removeMeeting(actor: Actor, id: string): Promise<void> {
    const bodyId = await this.policy.assertMayManageMeeting(actor, id, 'meeting.delete');
    const before = (await this.repository.meeting(id))!;
    await this.transactions.transaction(async (manager) => {
      await this.repository.softDeleteMeeting(id, manager);
      await this.audit.recordChange(
        actor,
        { action: 'meeting.delete', entityType: 'meeting', entityId: id, summary: { bodyId, title: before.title } },
        manager,
      );
    });
  }

  /** A meeting's lists without their row ids, to tell whether a save changed them. */
  private async listsOf(id: string) {
    const [agenda, documents, decisions, attendees, guests] = await Promise.all([
      this.repository.agenda(id),
      this.repository.documents(id),
      this.repository.decisions(id),
      this.repository.attendees(id),
      this.repository.guests(id),
    ]);
    return {
      agenda: agenda.map((a) => [a.title, a.description]),
      documents: documents.map((d) => [d.title, d.reference]),
      decisions: decisions.map((d) => d.text),
      attendees: attendees.map((a) => [a.userId, a.status]),
      guests: guests.map((g) => [g.userId, g.name, g.organisation, g.role, g.status]),
    };
  }

  private async writeLists(
    id: string,
    fields: MeetingFields,
    input: CreateMeetingDto | UpdateMeetingDto,
    guests: GuestFields[] | undefined,
    actor: Actor,
    manager: Parameters<GovernanceRepository['replaceAgenda']>[2],
  ): Promise<void> {
    if (input.agenda)
      await this.repository.replaceAgenda(
        id,
        input.agenda.map((a) => ({ title: a.title.trim(), description: a.description?.trim() ?? '' })),
        manager,
      );
    if (input.documents)
      await this.repository.replaceDocuments(
        id,
        input.documents.map((d) => ({ title: d.title.trim(), reference: d.reference?.trim() ?? '' })),
        manager,
      );
    if (input.decisions)
      await this.repository.replaceDecisions(
        id,
        input.decisions.map((d) => d.trim()),
        fields.startsAt,
        actor.userId,
        manager,
      );
    if (input.attendance) await this.repository.replaceAttendees(id, input.attendance, manager);
    if (guests) await this.repository.replaceGuests(id, guests, manager);
  }

  private async validateBody(regionId: string, fields: BodyFields, exceptId: string | null): Promise<void> {
    const problems: FieldError[] = [];
    if (fields.kind === 'dvc' && !fields.districtId)
      problems.push({
        field: 'districtId',
        messages: ['Een districtelijk veiligheidscollege hoort bij een district.'],
      });
    if (fields.districtId && !(await this.repository.districtExists(fields.districtId)))
      problems.push({ field: 'districtId', messages: ['Dit district bestaat niet.'] });
    if (
      fields.meetingsPerYearMin !== null &&
      fields.meetingsPerYearMax !== null &&
      fields.meetingsPerYearMax < fields.meetingsPerYearMin
    )
      problems.push({ field: 'meetingsPerYearMax', messages: ['Het hoogste aantal is niet lager dan het laagste.'] });
    if (await this.repository.nameTaken(regionId, fields.name, exceptId))
      problems.push({ field: 'name', messages: ['Er is al een orgaan met deze naam.'] });
    if (problems.length) throw validationFailed(problems);
  }

  /**
   * Checks a meeting's fields and lists; returns the guests to store (name and organisation of a Koers user
   * taken from the account, or kept as they were when the guest was already on this meeting's list).
   */
  private async validateMeeting(
    bodyId: string,
    fields: MeetingFields,
    input: CreateMeetingDto | UpdateMeetingDto,
    meetingId: string | null,
  ): Promise<GuestFields[] | undefined> {
    const problems: FieldError[] = [];
    if (fields.endsAt.getTime() <= fields.startsAt.getTime())
      problems.push({ field: 'endsAt', messages: ['De vergadering eindigt na het begin.'] });
    if (input.attendance) {
      const ids = input.attendance.map((a) => a.userId);
      const eligible = await this.repository.eligibleAttendees(bodyId, ids, meetingId);
      ids.forEach((userId, index) => {
        if (!eligible.has(userId))
          problems.push({
            field: `attendance.${index}.userId`,
            messages: ['Alleen leden van het orgaan staan op de presentielijst.'],
          });
      });
      if (new Set(ids).size !== ids.length)
        problems.push({ field: 'attendance', messages: ['Iemand staat twee keer op de presentielijst.'] });
    }
    const guests = input.guests ? await this.checkGuests(bodyId, input, meetingId, problems) : undefined;
    if (problems.length) throw validationFailed(problems);
    return guests;
  }

  /**
   * Guests: a Koers user who is not a member (a member belongs on the members' list), or a person named with
   * their organisation and function. Someone already a guest of this meeting stays as recorded (history),
   * also when their account has gone or they have joined the body since.
   */
  private async checkGuests(
    bodyId: string,
    input: CreateMeetingDto | UpdateMeetingDto,
    meetingId: string | null,
    problems: FieldError[],
  ): Promise<GuestFields[]> {
    const entries = input.guests ?? [];
    const userIds = entries.flatMap((g) => (g.userId ? [g.userId] : []));
    const [users, members, recorded, attendees] = await Promise.all([
      this.repository.guestUsers(userIds),
      this.repository.membersAmong(bodyId, userIds),
      meetingId ? this.repository.guests(meetingId) : Promise.resolve([]),
      input.attendance ?? (meetingId ? this.repository.attendees(meetingId) : Promise.resolve([])),
    ]);
    const attending = new Set((attendees as Array<{ userId: string }>).map((a) => a.userId));
    const seen = new Set<string>();
    return entries.map((g, index) => {
      const field = `guests.${index}`;
      const status = g.status ?? 'aanwezig';
      if (g.userId) {
        const kept = recorded.find((r) => r.userId === g.userId);
        const user = users.get(g.userId);
        if (!kept && !user) problems.push({ field: `${field}.userId`, messages: ['Deze gebruiker bestaat niet.'] });
        else if (!kept && members.has(g.userId))
          problems.push({
            field: `${field}.userId`,
            messages: ['Deze persoon is lid van het orgaan: zet hem of haar bij de leden op de presentielijst.'],
          });
        if (attending.has(g.userId))
          problems.push({ field: `${field}.userId`, messages: ['Deze persoon staat al bij de leden op de lijst.'] });
        if (seen.has(g.userId)) problems.push({ field, messages: ['Deze gast staat er twee keer in.'] });
        seen.add(g.userId);
        const source = kept ?? user;
        return {
          userId: g.userId,
          name: source?.name ?? '',
          organisation: source?.organisation ?? '',
          role: g.role?.trim() ?? source?.role ?? '',
          status,
        };
      }
      const name = g.name?.trim() ?? '';
      if (name.length < 2)
        problems.push({ field: `${field}.name`, messages: ['Geef de naam van de gast (2 tot 200 tekens).'] });
      return { userId: null, name, organisation: g.organisation?.trim() ?? '', role: g.role?.trim() ?? '', status };
    });
  }

  private async detail(actor: Actor, id: string): Promise<BodyDetail> {
    const [body, members] = await Promise.all([this.repository.body(actor.userId, id), this.repository.members(id)]);
    return { ...body!, members, canManage: this.policy.canManage(actor) };
  }

  private async meetingDetail(actor: Actor, id: string): Promise<MeetingDetail> {
    const meeting = (await this.repository.meeting(id))!;
    const [agenda, documents, decisions, attendees, guests] = await Promise.all([
      this.repository.agenda(id),
      this.repository.documents(id),
      this.repository.decisions(id),
      this.repository.attendees(id),
      this.repository.guests(id),
    ]);
    return { ...meeting, agenda, documents, decisions, attendees, guests, canManage: this.policy.canManage(actor) };
  }
}
