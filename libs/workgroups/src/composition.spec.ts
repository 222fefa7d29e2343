import { checkComposition, ComposingMember } from './composition';

const districts = [
  { id: 'd1', name: 'District Flevoland' },
  { id: 'd2', name: 'District Stad-Utrecht' },
];

const member = (overrides: Partial<ComposingMember>): ComposingMember => ({
  userId: overrides.userId ?? Math.random().toString(36),
  displayName: 'Demo',
  role: 'lid',
  function: 'ambtenaar',
  organisationType: 'gemeente',
  districtId: null,
  active: true,
  ...overrides,
});

const fullGroup = (): ComposingMember[] => [
  member({ role: 'aanjager', function: 'burgemeester', districtId: 'd1' }),
  member({ role: 'aanjager', function: 'burgemeester', districtId: 'd2' }),
  member({ function: 'officier_van_justitie', organisationType: 'openbaar_ministerie' }),
  member({ function: 'sectorhoofd_politie', organisationType: 'politie' }),
];

describe('checkComposition', () => {
  it('is complete when every district has a mayor as aanjager, plus an officier and a sectorhoofd', () => {
    const check = checkComposition({ districts, requiresTaxAuthority: false, members: fullGroup() });
    expect(check.complete).toBe(true);
    expect(check.missing).toEqual([]);
    expect(check.requirements).toHaveLength(4);
  });

  it('names the district that lacks a mayor as aanjager', () => {
    const members = fullGroup().filter((m) => m.districtId !== 'd2');
    const check = checkComposition({ districts, requiresTaxAuthority: false, members });
    expect(check.complete).toBe(false);
    expect(check.missing).toEqual(['Burgemeester als bestuurlijk aanjager uit District Stad-Utrecht']);
  });

  it('does not count a mayor who is only a member, or an aanjager who is not a mayor', () => {
    const members = fullGroup().filter((m) => m.districtId !== 'd1');
    members.push(member({ role: 'lid', function: 'burgemeester', districtId: 'd1' }));
    members.push(member({ role: 'aanjager', function: 'ambtenaar', districtId: 'd1' }));
    const check = checkComposition({ districts, requiresTaxAuthority: false, members });
    expect(check.missing).toEqual(['Burgemeester als bestuurlijk aanjager uit District Flevoland']);
  });

  it('requires the Belastingdienst only for the undermining-crime theme', () => {
    expect(checkComposition({ districts, requiresTaxAuthority: true, members: fullGroup() }).missing).toEqual([
      'Belastingdienst',
    ]);
    const withTax = [...fullGroup(), member({ function: 'belastingdienst', organisationType: 'belastingdienst' })];
    expect(checkComposition({ districts, requiresTaxAuthority: true, members: withTax }).complete).toBe(true);
  });

  it('does not let observers or deactivated accounts fill a seat', () => {
    const members = fullGroup().map((m) =>
      m.function === 'officier_van_justitie'
        ? { ...m, role: 'waarnemer' as const }
        : m.function === 'sectorhoofd_politie'
          ? { ...m, active: false }
          : m,
    );
    const check = checkComposition({ districts, requiresTaxAuthority: false, members });
    expect(check.missing).toEqual(['Officier van justitie', 'Sectorhoofd politie']);
  });

  it('reports who fills each seat', () => {
    const members = fullGroup();
    const check = checkComposition({ districts, requiresTaxAuthority: false, members });
    const officier = check.requirements.find((r) => r.code === 'officier_van_justitie');
    expect(officier?.satisfiedBy).toEqual([{ userId: members[2].userId, displayName: 'Demo' }]);
  });
});
