import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, PlatformRole } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import { lockVersion, notFound, TransactionHost, validationFailed } from '@koers/core';
import { InvitationDelivery, InvitationService } from '../accounts/invitation.service';
import { AuthSessionRepository } from '../auth/auth-session.repository';
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
}

export type UserChanges = Partial<Omit<NewUserInput, 'email'>> & { active?: boolean };

@Injectable()
export class UserService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly region: RegionRepository,
    private readonly sessions: AuthSessionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly socketSessions: SocketSessions,
    private readonly invitations: InvitationService,
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

  /**
   * Creates an account without a password and invites the person to set one (the secretariat never
   * types or sees someone's password).
   */
  async create(actor: Actor, input: NewUserInput): Promise<{ user: UserEntity; invitation: InvitationDelivery }> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.create');
    await this.assertOrganisationExists(input.organisationId);
    await this.assertFunctionExists(input.function);
    const user = await this.transactions.transaction(async (manager) => {
      const created = await this.users.insert(
        {
          email: input.email.trim().toLowerCase(),
          displayName: input.displayName,
          jobTitle: input.jobTitle ?? '',
          function: input.function,
          organisationId: input.organisationId,
          platformRole: input.platformRole ?? 'gebruiker',
          rvcMember: input.rvcMember ?? false,
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
          summary: { email: created.email, platformRole: created.platformRole, rvcMember: created.rvcMember },
        },
        manager,
      );
      return created;
    });
    return { user, invitation: await this.invitations.invite(actor, user) };
  }

  async update(actor: Actor, id: string, fields: UserChanges, expectedVersion?: number): Promise<UserEntity> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.update');
    if (fields.organisationId) await this.assertOrganisationExists(fields.organisationId);
    if (fields.function) await this.assertFunctionExists(fields.function);
    let endSockets: SocketEndReason | null = null;
    const updated = await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'users', id, expectedVersion, async (m) => {
        const current = await this.users.findById(id, m);
        return current && toUserDto(current);
      });
      const before = await this.users.findById(id, manager);
      if (!before) throw notFound('De gebruiker');
      await this.users.update(id, fields, manager);
      // A deactivated account ends every open session at once.
      if (fields.active === false) await this.sessions.revokeAllOf(id, manager, 'deactivated');
      endSockets = socketEndReason(before, fields);
      await this.audit.recordChange(
        actor,
        {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          summary: { changes: diffFields(before, fields) },
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
function socketEndReason(before: UserEntity, fields: UserChanges): SocketEndReason | null {
  if (fields.active === false && before.active) return 'deactivated';
  const roleChanged =
    (fields.platformRole !== undefined && fields.platformRole !== before.platformRole) ||
    (fields.rvcMember !== undefined && fields.rvcMember !== before.rvcMember);
  return roleChanged ? 'role' : null;
}
