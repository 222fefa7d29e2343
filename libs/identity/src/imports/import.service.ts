import { Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Actor, AuthorizationService, MEMBERSHIP_ROLES, MembershipRole } from '@koers/access';
import { AuditService } from '@koers/audit';
import { conflict, TransactionHost, validationFailed } from '@koers/core';
import {
  ImportKind,
  ImportReport,
  ImportRow,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  OrganisationType,
  ROLE_LABELS,
} from '@koers/contracts';
import { InvitationService } from '../accounts/invitation.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { CsvRow, fold, ImportColumn, readCsvTable } from './csv-table';

const ORGANISATION_COLUMNS: Array<ImportColumn<'name' | 'type' | 'district'>> = [
  { key: 'name', label: 'naam', headers: ['naam', 'name', 'organisatie', 'gemeente'], required: true },
  { key: 'type', label: 'type', headers: ['type', 'soort', 'organisatietype'], required: true },
  { key: 'district', label: 'district', headers: ['district', 'politiedistrict'], required: false },
];
const USER_COLUMNS: Array<ImportColumn<'name' | 'email' | 'organisation' | 'function' | 'jobTitle'>> = [
  { key: 'name', label: 'naam', headers: ['naam', 'name', 'volledige naam', 'displayName'], required: true },
  { key: 'email', label: 'e-mail', headers: ['e-mail', 'email', 'e-mailadres', 'mail'], required: true },
  { key: 'organisation', label: 'organisatie', headers: ['organisatie', 'organisation'], required: true },
  { key: 'function', label: 'functie', headers: ['functie', 'function'], required: true },
  { key: 'jobTitle', label: 'functietitel', headers: ['functietitel', 'titel', 'jobTitle'], required: false },
];
const MEMBER_COLUMNS: Array<ImportColumn<'email' | 'workgroup' | 'role'>> = [
  { key: 'email', label: 'e-mail', headers: ['e-mail', 'email', 'e-mailadres', 'mail'], required: true },
  { key: 'workgroup', label: 'werkgroep', headers: ['werkgroep', 'workgroup', 'groep'], required: true },
  { key: 'role', label: 'rol', headers: ['rol', 'role'], required: false },
];

/** "Openbaar Ministerie", "openbaar_ministerie", "OM" all name the same type. */
const TYPE_BY_NAME = new Map<string, OrganisationType>([
  ...ORGANISATION_TYPES.map((type) => [fold(type), type] as [string, OrganisationType]),
  ...ORGANISATION_TYPES.map((type) => [fold(ORGANISATION_TYPE_LABELS[type]), type] as [string, OrganisationType]),
  ['om', 'openbaar_ministerie'],
  ['zvh', 'zorg_en_veiligheidshuis'],
  ['veiligheidshuis', 'zorg_en_veiligheidshuis'],
  ['bureau', 'bureau'],
]);
const ROLE_BY_NAME = new Map<string, MembershipRole>([
  ...MEMBERSHIP_ROLES.map((role) => [fold(role), role] as [string, MembershipRole]),
  ...MEMBERSHIP_ROLES.map((role) => [fold(ROLE_LABELS[role]), role] as [string, MembershipRole]),
]);

const key = (text: string) => text.trim().toLocaleLowerCase('nl');

/** A validated row and what it will create. */
interface Checked<T> {
  row: ImportRow;
  create: T | null;
}

/**
 * CSV import in Beheer (docs/region-setup.md, "Bulk import"): organisations, users and werkgroep members. Every
 * row is checked first; a dry run answers the rows with their errors; a real run writes all rows in one
 * transaction, or nothing when any row is wrong. Each created item is audited as if made in its form, plus one
 * entry for the import itself.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly transactions: TransactionHost,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly invitations: InvitationService,
  ) {}

  async importCsv(actor: Actor, kind: ImportKind, csv: string, dryRun: boolean): Promise<ImportReport> {
    await this.authorization.assertInRegion(
      actor,
      kind === 'users' ? 'users.manage' : 'region.manage',
      `import.${kind}`,
    );
    const created: UserEntity[] = [];
    const report = await this.transactions.transaction(async (manager) => {
      const checked =
        kind === 'organisations'
          ? await this.checkOrganisations(readCsvTable(csv, ORGANISATION_COLUMNS), manager)
          : kind === 'users'
            ? await this.checkUsers(readCsvTable(csv, USER_COLUMNS), manager)
            : await this.checkMembers(readCsvTable(csv, MEMBER_COLUMNS), manager);
      const rows = checked.map((c) => c.row);
      const invalid = rows.filter((r) => r.errors.length > 0);
      const result: ImportReport = { kind, dryRun, valid: invalid.length === 0, rows, created: 0 };
      if (dryRun) return result;
      if (invalid.length > 0)
        throw validationFailed(
          invalid.slice(0, 50).map((r) => ({ field: `regel ${r.line}`, messages: r.errors })),
          `${invalid.length === 1 ? 'Eén regel heeft' : `${invalid.length} regels hebben`} fouten; er is niets ingelezen. Controleer het bestand eerst met "Controleren".`,
        );
      for (const item of checked) {
        if (kind === 'organisations') await this.createOrganisation(actor, item.create as NewOrganisation, manager);
        else if (kind === 'users') created.push(await this.createUser(actor, item.create as NewUser, manager));
        else await this.createMember(actor, item.create as NewMember, manager);
      }
      await this.audit.recordChange(
        actor,
        {
          action: `import.${kind}`,
          entityType: 'import',
          entityId: null,
          summary: { created: checked.length, lines: rows.length },
        },
        manager,
      );
      return { ...result, created: checked.length };
    });
    if (kind !== 'users' || dryRun) return report;
    // Invitations after the commit, as the user form does: a failing mail server does not undo the import.
    const invitations = { mailed: 0, withoutMail: 0, failed: 0 };
    for (const user of created) {
      try {
        const delivery = await this.invitations.invite(actor, user);
        if (delivery.delivery === 'mail') invitations.mailed += 1;
        else if (delivery.delivery === 'link') invitations.withoutMail += 1;
        else invitations.failed += 1;
      } catch (err) {
        this.logger.warn(`Invitation of imported user ${user.id} failed: ${(err as Error).message}`);
        invitations.failed += 1;
      }
    }
    return { ...report, invitations };
  }

  private async checkOrganisations(
    rows: Array<CsvRow<'name' | 'type' | 'district'>>,
    manager: EntityManager,
  ): Promise<Array<Checked<NewOrganisation>>> {
    const region = await this.organisations.currentRegion();
    if (!region) throw conflict('Er is nog geen regio ingericht.');
    const districts = new Map<string, string>(
      (await manager.query('SELECT id, name FROM districts WHERE region_id = $1', [region.id])).map(
        (d: { id: string; name: string }) => [key(d.name), d.id],
      ),
    );
    const existing = new Set<string>(
      (await manager.query('SELECT name FROM organisations WHERE region_id = $1', [region.id])).map(
        (o: { name: string }) => key(o.name),
      ),
    );
    const seen = new Map<string, number>();
    return rows.map(({ line, values }) => {
      const errors: string[] = [];
      const name = values.name.trim();
      if (name.length < 2 || name.length > 200) errors.push('Vul een naam in van 2 tot 200 tekens.');
      else if (existing.has(key(name))) errors.push(`Er bestaat al een organisatie "${name}".`);
      else if (seen.has(key(name))) errors.push(`"${name}" staat al op regel ${seen.get(key(name))}.`);
      if (name) seen.set(key(name), seen.get(key(name)) ?? line);
      const type = TYPE_BY_NAME.get(fold(values.type));
      if (!values.type.trim()) errors.push('Vul het type in (bijvoorbeeld gemeente).');
      else if (!type) errors.push(`Onbekend type "${values.type.trim()}". Kies uit: ${ORGANISATION_TYPES.join(', ')}.`);
      const districtName = values.district.trim();
      const districtId = districtName ? districts.get(key(districtName)) : null;
      if (districtName && !districtId)
        errors.push(`Het district "${districtName}" bestaat niet. Leg het eerst vast onder Beheer › Regio.`);
      return {
        row: { line, values, errors },
        create: errors.length ? null : { regionId: region.id, name, type: type!, districtId: districtId ?? null },
      };
    });
  }

  private async checkUsers(
    rows: Array<CsvRow<'name' | 'email' | 'organisation' | 'function' | 'jobTitle'>>,
    manager: EntityManager,
  ): Promise<Array<Checked<NewUser>>> {
    const organisations = new Map<string, string>(
      (await manager.query('SELECT id, name FROM organisations')).map((o: { id: string; name: string }) => [
        key(o.name),
        o.id,
      ]),
    );
    const functions: Array<{ code: string; label: string }> = await manager.query(
      'SELECT code, label FROM user_functions',
    );
    const functionOf = (text: string) =>
      functions.find((f) => f.code === text.trim() || fold(f.label) === fold(text) || fold(f.code) === fold(text));
    const emails = rows.map((r) => r.values.email.trim().toLowerCase()).filter(Boolean);
    const taken = new Set<string>(
      (await manager.query('SELECT lower(email) AS email FROM users WHERE lower(email) = ANY($1)', [emails])).map(
        (u: { email: string }) => u.email,
      ),
    );
    const seen = new Map<string, number>();
    return rows.map(({ line, values }) => {
      const errors: string[] = [];
      const name = values.name.trim();
      if (name.length < 2 || name.length > 120) errors.push('Vul een naam in van 2 tot 120 tekens.');
      const email = values.email.trim().toLowerCase();
      if (!email) errors.push('Vul een e-mailadres in.');
      else if (email.length > 254 || !isEmail(email))
        errors.push(`"${values.email.trim()}" is geen geldig e-mailadres.`);
      else if (taken.has(email)) errors.push(`Er is al een gebruiker met e-mailadres ${email}.`);
      else if (seen.has(email)) errors.push(`${email} staat al op regel ${seen.get(email)}.`);
      if (email) seen.set(email, seen.get(email) ?? line);
      const organisationId = organisations.get(key(values.organisation));
      if (!values.organisation.trim()) errors.push('Vul de organisatie in.');
      else if (!organisationId)
        errors.push(`De organisatie "${values.organisation.trim()}" bestaat niet. Lees eerst de organisaties in.`);
      const fn = functionOf(values.function);
      if (!values.function.trim()) errors.push('Vul de functie in (bijvoorbeeld burgemeester).');
      else if (!fn)
        errors.push(
          `Onbekende functie "${values.function.trim()}". Voeg haar toe onder Beheer › Regio of kies een bestaande.`,
        );
      const jobTitle = values.jobTitle.trim();
      if (jobTitle.length > 160) errors.push('De functietitel mag hoogstens 160 tekens hebben.');
      return {
        row: { line, values, errors },
        create: errors.length ? null : { name, email, organisationId: organisationId!, function: fn!.code, jobTitle },
      };
    });
  }

  private async checkMembers(
    rows: Array<CsvRow<'email' | 'workgroup' | 'role'>>,
    manager: EntityManager,
  ): Promise<Array<Checked<NewMember>>> {
    const emails = rows.map((r) => r.values.email.trim().toLowerCase()).filter(Boolean);
    const users = new Map<string, string>(
      (await manager.query('SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1)', [emails])).map(
        (u: { id: string; email: string }) => [u.email, u.id],
      ),
    );
    const workgroups: Array<{ id: string; name: string }> = await manager.query('SELECT id, name FROM workgroups');
    const memberships = new Set<string>(
      (
        await manager.query('SELECT workgroup_id, user_id FROM workgroup_members WHERE user_id = ANY($1)', [
          [...users.values()],
        ])
      ).map((m: { workgroup_id: string; user_id: string }) => `${m.workgroup_id}|${m.user_id}`),
    );
    const seen = new Map<string, number>();
    return rows.map(({ line, values }) => {
      const errors: string[] = [];
      const email = values.email.trim().toLowerCase();
      const userId = users.get(email);
      if (!email) errors.push('Vul een e-mailadres in.');
      else if (!userId) errors.push(`Er is geen gebruiker met e-mailadres ${email}. Lees eerst de gebruikers in.`);
      const named = workgroups.filter((w) => key(w.name) === key(values.workgroup));
      if (!values.workgroup.trim()) errors.push('Vul de werkgroep in.');
      else if (named.length === 0) errors.push(`De werkgroep "${values.workgroup.trim()}" bestaat niet.`);
      else if (named.length > 1)
        errors.push(`Er zijn ${named.length} werkgroepen die "${values.workgroup.trim()}" heten.`);
      const role = values.role.trim() ? ROLE_BY_NAME.get(fold(values.role)) : 'lid';
      if (!role) errors.push(`Onbekende rol "${values.role.trim()}". Kies uit: ${MEMBERSHIP_ROLES.join(', ')}.`);
      const workgroupId = named.length === 1 ? named[0].id : null;
      if (userId && workgroupId) {
        const pair = `${workgroupId}|${userId}`;
        if (memberships.has(pair)) errors.push(`${email} is al lid van ${named[0].name}.`);
        else if (seen.has(pair)) errors.push(`${email} staat al op regel ${seen.get(pair)} bij ${named[0].name}.`);
        seen.set(pair, seen.get(pair) ?? line);
      }
      return {
        row: { line, values, errors },
        create: errors.length ? null : { workgroupId: workgroupId!, userId: userId!, role: role! },
      };
    });
  }

  private async createOrganisation(actor: Actor, values: NewOrganisation, manager: EntityManager) {
    const created = await this.organisations.insert(values, manager);
    await this.audit.recordChange(
      actor,
      {
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: created.id,
        summary: { name: created.name, type: created.type, via: 'import' },
      },
      manager,
    );
  }

  private async createUser(actor: Actor, values: NewUser, manager: EntityManager): Promise<UserEntity> {
    const created = await this.users.insert(
      {
        email: values.email,
        displayName: values.name,
        jobTitle: values.jobTitle,
        function: values.function,
        organisationId: values.organisationId,
        platformRole: 'gebruiker',
        rvcMember: false,
        passwordHash: null,
        active: true,
      },
      manager,
    );
    await this.audit.recordChange(
      actor,
      {
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        summary: { email: created.email, platformRole: created.platformRole, rvcMember: false, via: 'import' },
      },
      manager,
    );
    return created;
  }

  private async createMember(actor: Actor, values: NewMember, manager: EntityManager) {
    await manager.query('INSERT INTO workgroup_members (workgroup_id, user_id, role) VALUES ($1, $2, $3)', [
      values.workgroupId,
      values.userId,
      values.role,
    ]);
    await this.audit.recordChange(
      actor,
      {
        action: 'workgroup.member.add',
        entityType: 'workgroup_member',
        entityId: values.userId,
        workgroupId: values.workgroupId,
        summary: { userId: values.userId, role: values.role, via: 'import' },
      },
      manager,
    );
  }
}

interface NewOrganisation {
  regionId: string;
  name: string;
  type: OrganisationType;
  districtId: string | null;
}
interface NewUser {
  name: string;
  email: string;
  organisationId: string;
  function: string;
  jobTitle: string;
}
interface NewMember {
  workgroupId: string;
  userId: string;
  role: MembershipRole;
}
