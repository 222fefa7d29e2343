import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuthorizationService, PlatformRole } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import { lockVersion, notFound, validationFailed } from '@koers/core';
import { AuthSessionRepository } from '../auth/auth-session.repository';
import { hashPassword } from '../auth/auth.service';
import { SocketEndReason, SocketSessions } from '../auth/socket-sessions';
import { toUserDto } from '../dto/user.dto';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { RegionRepository } from '../region/region.repository';
import { UserEntity, UserFunction } from './user.entity';
import { UserFilter, UserRepository } from './user.repository';

export interface NewUserInput {
  email: string;
  displayName: string;
  jobTitle?: string;
  function: UserFunction;
  organisationId: string;
  platformRole?: PlatformRole;
  rvcMember?: boolean;
  password: string;
}

export type UserChanges = Partial<Omit<NewUserInput, 'email'>> & { active?: boolean };

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly region: RegionRepository,
    private readonly sessions: AuthSessionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly socketSessions: SocketSessions,
  ) {}

  /** The account that just signed in (no permission check: the caller proved to be this user). */
  async account(userId: string): Promise<UserEntity> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('De gebruiker');
    return user;
  }

  /** The caller's own profile with organisation. */
  async profile(actor: Actor) {
    const user = await this.users.findById(actor.userId);
    if (!user) throw notFound('De gebruiker');
    const organisation = await this.organisations.findById(user.organisationId);
    return { user, organisation };
  }

  async list(actor: Actor, filter: UserFilter): Promise<UserEntity[]> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.list');
    return this.users.list(filter);
  }

  async get(actor: Actor, id: string): Promise<UserEntity> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.read');
    const user = await this.users.findById(id);
    if (!user) throw notFound('De gebruiker');
    return user;
  }

  async create(actor: Actor, input: NewUserInput): Promise<UserEntity> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.create');
    await this.assertOrganisationExists(input.organisationId);
    await this.assertFunctionExists(input.function);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const created = await this.users.insert(
        {
          email: input.email.trim().toLowerCase(),
          displayName: input.displayName,
          jobTitle: input.jobTitle ?? '',
          function: input.function,
          organisationId: input.organisationId,
          platformRole: input.platformRole ?? 'gebruiker',
          rvcMember: input.rvcMember ?? false,
          passwordHash,
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
          summary: { email: created.email, platformRole: created.platformRole, rvcMember: created.rvcMember },
        },
        manager,
      );
      return created;
    });
  }

  async update(actor: Actor, id: string, changes: UserChanges, expectedVersion?: number): Promise<UserEntity> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.update');
    if (changes.organisationId) await this.assertOrganisationExists(changes.organisationId);
    if (changes.function) await this.assertFunctionExists(changes.function);
    const { password, ...fields } = changes;
    const passwordHash = password ? await hashPassword(password) : undefined;
    let endSockets: SocketEndReason | null = null;
    const updated = await this.dataSource.transaction(async (manager) => {
      await lockVersion(manager, 'users', id, expectedVersion, async (m) => {
        const current = await this.users.findById(id, m);
        return current && toUserDto(current);
      });
      const before = await this.users.findById(id, manager);
      if (!before) throw notFound('De gebruiker');
      await this.users.update(
        id,
        { ...fields, ...(passwordHash ? { passwordHash, failedLoginCount: 0, lockedUntil: null } : {}) },
        manager,
      );
      // A deactivated account or a reset password ends every open session at once.
      if (fields.active === false || passwordHash) await this.sessions.revokeAllOf(id, manager);
      endSockets = socketEndReason(before, fields, Boolean(passwordHash));
      await this.audit.recordChange(
        actor,
        {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          summary: { changes: diffFields(before, fields), passwordReset: Boolean(passwordHash) },
        },
        manager,
      );
      return (await this.users.findById(id, manager)) as UserEntity;
    });
    // After the commit: open sockets of this account close on every instance and reconnect as it is now.
    if (endSockets) this.socketSessions.endFor({ userId: id }, endSockets);
    return updated;
  }

  /** Functions are a list the secretariat extends (GET /api/functions), not a fixed set. */
  private async assertFunctionExists(code: string) {
    if ((await this.region.findFunction(code))?.code !== code) {
      throw validationFailed([
        { field: 'function', messages: ['Deze functie bestaat niet. Kies er een uit de lijst.'] },
      ]);
    }
  }

  private async assertOrganisationExists(organisationId: string) {
    if (!(await this.organisations.findById(organisationId))) {
      throw validationFailed([{ field: 'organisationId', messages: ['Deze organisatie bestaat niet.'] }]);
    }
  }
}

/** Whether a change to an account must close its open sockets, and why. */
function socketEndReason(before: UserEntity, fields: UserChanges, passwordReset: boolean): SocketEndReason | null {
  if (fields.active === false && before.active) return 'deactivated';
  if (passwordReset) return 'password';
  const roleChanged =
    (fields.platformRole !== undefined && fields.platformRole !== before.platformRole) ||
    (fields.rvcMember !== undefined && fields.rvcMember !== before.rvcMember);
  return roleChanged ? 'role' : null;
}
