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

export interface CompositionRequirement {
  code: string;
  label: string;
  satisfied: boolean;
  satisfiedBy: Array<{ userId: string; displayName: string }>;
}

export interface CompositionCheck {
  complete: boolean;
  requirements: CompositionRequirement[];
  missing: string[];
}

/** Observers (waarnemer) and deactivated accounts do not fill a seat. */
const seated = (m: ComposingMember) => m.active && m.role !== 'waarnemer';

/**
 * The composition the strategy prescribes for a bestuurlijke werkgroep: a burgemeester per police district
 * as bestuurlijk aanjager, an officier van justitie, a sectorhoofd of the police, and for the undermining-crime
 * theme also the Belastingdienst.
 */
export function checkComposition(input: {
  districts: Array<{ id: string; name: string }>;
  requiresTaxAuthority: boolean;
  members: ComposingMember[];
}): CompositionCheck {
  const members = input.members.filter(seated);
  const requirement = (
    code: string,
    label: string,
    matches: (m: ComposingMember) => boolean,
  ): CompositionRequirement => {
    const by = members.filter(matches).map((m) => ({ userId: m.userId, displayName: m.displayName }));
    return { code, label, satisfied: by.length > 0, satisfiedBy: by };
  };
  const requirements = [
    ...input.districts.map((district) =>
      requirement(
        `aanjager:${district.id}`,
        `Burgemeester als bestuurlijk aanjager uit ${district.name}`,
        (m) => m.role === 'aanjager' && m.function === 'burgemeester' && m.districtId === district.id,
      ),
    ),
    requirement(
      'officier_van_justitie',
      'Officier van justitie',
      (m) => m.function === 'officier_van_justitie' && m.organisationType === 'openbaar_ministerie',
    ),
    requirement(
      'sectorhoofd_politie',
      'Sectorhoofd politie',
      (m) => m.function === 'sectorhoofd_politie' && m.organisationType === 'politie',
    ),
    ...(input.requiresTaxAuthority
      ? [requirement('belastingdienst', 'Belastingdienst', (m) => m.organisationType === 'belastingdienst')]
      : []),
  ];
  const missing = requirements.filter((r) => !r.satisfied).map((r) => r.label);
  return { complete: missing.length === 0, requirements, missing };
}
