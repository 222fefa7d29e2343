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

/** Whether the werkgroep has the seats the strategy asks for (a mayor per district, an officier, ...). */
export interface Composition {
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
  composition: Composition;
  myRole: MembershipRole | null;
}

export interface WorkgroupInput {
  themeId?: string;
  name?: string;
  description?: string;
}
