import type { IsoDateTime, Uuid } from './common';

export const PLATFORM_ROLES = ['secretariaat', 'gebruiker'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/**
 * What someone is, which the werkgroep composition check reads (a burgemeester, an officier, ...): a code
 * from GET /api/functions, which the secretariat extends.
 */
export type UserFunction = string;

export const ORGANISATION_TYPES = [
  'gemeente',
  'openbaar_ministerie',
  'politie',
  'belastingdienst',
  'riec',
  'zorg_en_veiligheidshuis',
  'ggd',
  'provincie',
  'rijk',
  'partner',
  'bureau',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/**
 * A member's role in a werkgroep. A `rapporteur` works as a `lid` and may also submit the progress report, as
 * the aanjager may (a werkgroep names one or more).
 */
export const MEMBERSHIP_ROLES = ['aanjager', 'rapporteur', 'lid', 'ambtelijk', 'gast', 'waarnemer'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** What the API shows of a user: never the password hash or login counters. */
export interface User {
  id: Uuid;
  email: string;
  displayName: string;
  jobTitle: string | null;
  function: UserFunction;
  organisationId: Uuid;
  platformRole: PlatformRole;
  rvcMember: boolean;
  active: boolean;
  /** Invited, but no password chosen yet. */
  invitationPending: boolean;
  locked: boolean;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface Organisation {
  id: Uuid;
  regionId: Uuid;
  name: string;
  type: OrganisationType;
  districtId: Uuid | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

/** A police district (basisteam area) of the region. */
export interface District {
  id: Uuid;
  regionId: Uuid;
  name: string;
  /** Raised on every rename (optimistic concurrency). */
  version: number;
}

/** One of my werkgroepen and my role in it. */
export interface Membership {
  workgroupId: Uuid;
  workgroupName: string;
  themeId: Uuid;
  role: MembershipRole;
}

/** GET /api/me: who am I. */
export interface Me {
  user: User;
  organisation: Organisation | null;
  memberships: Membership[];
}

/** POST /api/auth/login and /api/auth/refresh (the tokens also travel as httpOnly cookies). */
export interface LoginResult {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

/** POST /api/auth/login when the account has a second factor: no tokens yet, POST /api/auth/mfa comes next. */
export interface MfaChallengeResult {
  mfaRequired: true;
  challenge: string;
  /** The second factors the account has: a code (authenticator app, or a recovery code), a passkey. */
  methods: SecondFactorMethod[];
}

export type SecondFactorMethod = 'totp' | 'passkey';

export interface LoginInput {
  email: string;
  password: string;
}

export interface UserInput {
  email?: string;
  displayName?: string;
  jobTitle?: string;
  function?: UserFunction;
  organisationId?: Uuid;
  platformRole?: PlatformRole;
  rvcMember?: boolean;
  active?: boolean;
}

/** How an invitation reached the person (docs/access.md). */
export interface InvitationDelivery {
  delivery: 'mail' | 'mail_failed' | 'link';
  expiresAt: IsoDateTime;
  /** Only without SMTP: the path with the one-time token, for the secretariat to hand over. */
  link?: string;
}

/** POST /api/users: the new user and how the invitation went out. */
export interface CreatedUser extends User {
  invitation: InvitationDelivery;
}

export interface OrganisationInput {
  name?: string;
  type?: OrganisationType;
  districtId?: Uuid | null;
}

/** One of my live logins, as "Mijn sessies" lists it (GET /api/me/sessions). */
export interface AccountSession {
  id: Uuid;
  /** The session making this request. */
  current: boolean;
  /** Browser and system from the User-Agent at login, in Dutch ("Chrome 156 op Linux"). */
  browser: string;
  ip: string | null;
  createdAt: IsoDateTime;
  lastUsedAt: IsoDateTime;
}

/** Who must use a second factor (GET/PUT /api/mfa-policy). */
export interface MfaPolicy {
  requireAll: boolean;
  requireSecretariat: boolean;
  requireRvc: boolean;
}
