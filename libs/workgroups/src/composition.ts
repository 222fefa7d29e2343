import type { MembershipRole } from '@koers/access';

/** What the composition check needs to know of a member. */
export interface ComposingMember {
  userId: string;
  displayName: string;
  role: MembershipRole;
  function: string;
  organisationType: string;
  districtId: string | null;
  active: boolean;
}

/**
 * A seat a werkgroep must have filled, set by the secretariat per werkgroep: who fills it (a function, an
 * organisation type, or both), in which membership role, and whether once per district of the region.
 */
export interface CompositionSeat {
  /** Stable key for the check's requirements ("officier_van_justitie"); made from the label when absent. */
  code?: string;
  label: string;
  function?: string | null;
  organisationType?: string | null;
  role?: MembershipRole | null;
  perDistrict?: boolean;
}

export interface CompositionRequirement {
  code: string;
  label: string;
  satisfied: boolean;
  satisfiedBy: Array<{ userId: string; displayName: string }>;
}

/** `compleet`, `onvolledig`, `geen_eisen` (no seats set: never "compleet"), `configuratiefout`. */
export type CompositionStatus = 'compleet' | 'onvolledig' | 'geen_eisen' | 'configuratiefout';

export interface CompositionCheck {
  status: CompositionStatus;
  complete: boolean;
  requirements: CompositionRequirement[];
  missing: string[];
  /** Rules that cannot be checked as set, e.g. "one per district" in a region without districts. */
  problems: string[];
}

/**
 * Midden-Nederland's rule (the demo region's default): a burgemeester per police district as bestuurlijk
 * aanjager, an officier van justitie and a sectorhoofd of the police; the undermining-crime werkgroep also
 * seats the Belastingdienst.
 */
export const MIDDEN_NEDERLAND_SEATS: CompositionSeat[] = [
  {
    code: 'aanjager',
    label: 'Burgemeester als bestuurlijk aanjager',
    function: 'burgemeester',
    role: 'aanjager',
    perDistrict: true,
  },
  {
    code: 'officier_van_justitie',
    label: 'Officier van justitie',
    function: 'officier_van_justitie',
    organisationType: 'openbaar_ministerie',
  },
  {
    code: 'sectorhoofd_politie',
    label: 'Sectorhoofd politie',
    function: 'sectorhoofd_politie',
    organisationType: 'politie',
  },
];
export const TAX_AUTHORITY_SEAT: CompositionSeat = {
  code: 'belastingdienst',
  label: 'Belastingdienst',
  organisationType: 'belastingdienst',
};

/** Observers (waarnemer) and deactivated accounts do not fill a seat. */
const seated = (m: ComposingMember) => m.active && m.role !== 'waarnemer';

const codeOf = (seat: CompositionSeat, index: number) =>
  seat.code ||
  `${index + 1}:${seat.label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;

/** Checks a werkgroep's members against its seats; reports each seat filled or missing. */
export function checkComposition(input: {
  districts: Array<{ id: string; name: string }>;
  seats: CompositionSeat[];
  members: ComposingMember[];
}): CompositionCheck {
  const members = input.members.filter(seated);
  if (input.seats.length === 0)
    return { status: 'geen_eisen', complete: false, requirements: [], missing: [], problems: [] };
  const requirement = (
    code: string,
    label: string,
    matches: (m: ComposingMember) => boolean,
  ): CompositionRequirement => {
    const by = members.filter(matches).map((m) => ({ userId: m.userId, displayName: m.displayName }));
    return { code, label, satisfied: by.length > 0, satisfiedBy: by };
  };
  const fills = (seat: CompositionSeat) => (m: ComposingMember) =>
    (!seat.function || m.function === seat.function) &&
    (!seat.organisationType || m.organisationType === seat.organisationType) &&
    (!seat.role || m.role === seat.role);
  const problems: string[] = [];
  const requirements = input.seats.flatMap((seat, index) => {
    const code = codeOf(seat, index);
    if (!seat.perDistrict) return [requirement(code, seat.label, fills(seat))];
    if (input.districts.length === 0) {
      problems.push(
        `"${seat.label}" geldt per district, maar de regio heeft geen districten. Leg de districten vast onder Beheer › Regio.`,
      );
      return [];
    }
    return input.districts.map((district) =>
      requirement(
        `${code}:${district.id}`,
        `${seat.label} uit ${district.name}`,
        (m) => fills(seat)(m) && m.districtId === district.id,
      ),
    );
  });
  const missing = requirements.filter((r) => !r.satisfied).map((r) => r.label);
  const status: CompositionStatus =
    problems.length > 0 ? 'configuratiefout' : missing.length > 0 ? 'onvolledig' : 'compleet';
  return { status, complete: status === 'compleet', requirements, missing, problems };
}
