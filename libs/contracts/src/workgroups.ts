import type { IsoDateTime, Uuid } from './common';
import type { MembershipRole, OrganisationType, UserFunction } from './identity';
import type { Theme } from './strategy';

/** The shape of a group: a bestuurlijke werkgroep, a steering group (BBG), a taskforce or an overleg. */
export const WORKGROUP_KINDS = ['werkgroep', 'stuurgroep', 'taskforce', 'overleg'] as const;
export type WorkgroupKind = (typeof WORKGROUP_KINDS)[number];
export const WORKGROUP_KIND_LABELS: Record<WorkgroupKind, string> = {
  werkgroep: 'Werkgroep',
  stuurgroep: 'Stuurgroep',
  taskforce: 'Taskforce',
  overleg: 'Overleg',
};

export interface WorkgroupSummary {
  id: Uuid;
  name: string;
  description: string | null;
  kind: WorkgroupKind;
  /** Null for a group without a theme (it does not report as a priority). */
  themeId: Uuid | null;
  themeTitle: string | null;
  strategyId: Uuid | null;
  memberCount: number;
  myRole: MembershipRole | null;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface WorkgroupMember {
  userId: Uuid;
  displayName: string;
  email: string;
  jobTitle: string | null;
  function: UserFunction;
  active: boolean;
  organisationId: Uuid;
  organisationName: string;
  organisationType: OrganisationType;
  districtId: Uuid | null;
  districtName: string | null;
  role: MembershipRole;
  addedAt: IsoDateTime;
}

export interface CompositionRequirement {
  code: string;
  label: string;
  satisfied: boolean;
  satisfiedBy: Array<{ userId: Uuid; displayName: string }>;
}

/** A seat of a werkgroep's composition rules: who fills it, in which role, once per district or not. */
export interface CompositionSeat {
  code?: string;
  label: string;
  function?: string | null;
  organisationType?: string | null;
  role?: MembershipRole | null;
  perDistrict?: boolean;
}

/** Whether the werkgroep has the seats its composition rules ask for (a mayor per district, an officier, ...). */
export interface Composition {
  /** `geen_eisen`: no seats set (never "compleet"); `configuratiefout`: e.g. seats per district without districts. */
  status: 'compleet' | 'onvolledig' | 'geen_eisen' | 'configuratiefout';
  problems: string[];
  complete: boolean;
  requirements: CompositionRequirement[];
  /** Dutch labels of the requirements nobody fills. */
  missing: string[];
}

/**
 * What the caller may do in a werkgroep, decided by the server's authorisation rules at the time of the
 * answer: the client shows the controls these allow instead of reasoning about roles itself.
 */
export interface WorkgroupPermissions {
  /** Change the werkgroep itself: name, kind, description, composition rules (the secretariat). */
  edit: boolean;
  delete: boolean;
  /** Add members, change their role, remove them. */
  manageMembers: boolean;
  /** Read its working documents, actions, sessions and concept reports. */
  readContent: boolean;
  /** Contribute: write documents, comment, propose agenda items, update the actions one owns. */
  contribute: boolean;
  /** Create, change and delete any action; plan sessions, their agenda, attendance and decisions. */
  manageWork: boolean;
  /** Submit the progress report upward (the aanjager). */
  submitReport: boolean;
}

export interface WorkgroupDetail {
  id: Uuid;
  kind: WorkgroupKind;
  /** Null for a group without a theme. */
  themeId: Uuid | null;
  name: string;
  description: string | null;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  theme: Theme | null;
  members: WorkgroupMember[];
  compositionRules: CompositionSeat[];
  composition: Composition;
  myRole: MembershipRole | null;
  /** What the caller may do here. */
  permissions: WorkgroupPermissions;
}

export interface WorkgroupInput {
  themeId?: Uuid | null;
  kind?: WorkgroupKind;
  name?: string;
  description?: string;
  compositionRules?: CompositionSeat[];
}
