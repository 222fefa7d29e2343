import type { IsoDateTime } from './common';
import type { MembershipRole, OrganisationType, UserFunction } from './identity';
import type { Theme } from './strategy';

export interface WorkgroupSummary {
  id: string;
  name: string;
  description: string | null;
  themeId: string;
  themeTitle: string;
  strategyId: string;
  memberCount: number;
  myRole: MembershipRole | null;
}

export interface WorkgroupMember {
  userId: string;
  displayName: string;
  email: string;
  jobTitle: string | null;
  function: UserFunction;
  active: boolean;
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  districtId: string | null;
  districtName: string | null;
  role: MembershipRole;
  addedAt: IsoDateTime;
}

export interface CompositionRequirement {
  code: string;
  label: string;
  satisfied: boolean;
  satisfiedBy: Array<{ userId: string; displayName: string }>;
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

export interface WorkgroupDetail {
  id: string;
  themeId: string;
  name: string;
  description: string | null;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  theme: Theme;
  members: WorkgroupMember[];
  compositionRules: CompositionSeat[];
  composition: Composition;
  myRole: MembershipRole | null;
}

export interface WorkgroupInput {
  themeId?: string;
  name?: string;
  description?: string;
}
