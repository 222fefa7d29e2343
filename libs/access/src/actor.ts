import { MEMBERSHIP_ROLES, MembershipRole, PlatformRole } from '@koers/contracts';

/** The authenticated caller of a request or socket event, as every authorisation check sees it. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  organisationId: string;
  platformRole: PlatformRole;
  rvcMember: boolean;
  sessionId: string;
  ip: string | null;
  /** The socket an event came in on (for audit: a socket's repeated refusals are counted, not listed). */
  connectionId?: string;
}

export { MEMBERSHIP_ROLES };
export type { MembershipRole, PlatformRole };

export const isSecretariat = (actor: Actor) => actor.platformRole === 'secretariaat';
