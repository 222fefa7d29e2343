import { checkComposition, ComposingMember, MIDDEN_NEDERLAND_SEATS, TAX_AUTHORITY_SEAT } from './composition';

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
    const check = checkComposition({ districts, seats: MIDDEN_NEDERLAND_SEATS, members: fullGroup() });
    expect(check.complete).toBe(true);
    expect(check.missing).toEqual([]);
    expect(check.requirements).toHaveLength(4);
  });

  it('names the district that lacks a mayor as aanjager', () => {
    const members = fullGroup().filter((m) => m.districtId !== 'd2');
    const check = checkComposition({ districts, seats: MIDDEN_NEDERLAND_SEATS, members });
    expect(check.complete).toBe(false);
    expect(check.missing).toEqual(['Burgemeester als bestuurlijk aanjager uit District Stad-Utrecht']);
  });

  it('does not count a mayor who is only a member, or an aanjager who is not a mayor', () => {
    const members = fullGroup().filter((m) => m.districtId !== 'd1');
    members.push(member({ role: 'lid', function: 'burgemeester', districtId: 'd1' }));
    members.push(member({ role: 'aanjager', function: 'ambtenaar', districtId: 'd1' }));
    const check = checkComposition({ districts, seats: MIDDEN_NEDERLAND_SEATS, members });
    expect(check.missing).toEqual(['Burgemeester als bestuurlijk aanjager uit District Flevoland']);
  });

  it('requires the Belastingdienst only for the undermining-crime theme', () => {
    expect(
      checkComposition({ districts, seats: [...MIDDEN_NEDERLAND_SEATS, TAX_AUTHORITY_SEAT], members: fullGroup() })
        .missing,
    ).toEqual(['Belastingdienst']);
    const withTax = [...fullGroup(), member({ function: 'belastingdienst', organisationType: 'belastingdienst' })];
    expect(
      checkComposition({ districts, seats: [...MIDDEN_NEDERLAND_SEATS, TAX_AUTHORITY_SEAT], members: withTax })
        .complete,
    ).toBe(true);
  });

  it('does not let observers or deactivated accounts fill a seat', () => {
    const members = fullGroup().map((m) =>
      m.function === 'officier_van_justitie'
        ? { ...m, role: 'waarnemer' as const }
        : m.function === 'sectorhoofd_politie'
          ? { ...m, active: false }
          : m,
    );
    const check = checkComposition({ districts, seats: MIDDEN_NEDERLAND_SEATS, members });
    expect(check.missing).toEqual(['Officier van justitie', 'Sectorhoofd politie']);
  });

  it('reports who fills each seat', () => {
    const members = fullGroup();
    const check = checkComposition({ districts, seats: MIDDEN_NEDERLAND_SEATS, members });
    const officier = check.requirements.find((r) => r.code === 'officier_van_justitie');
    expect(officier?.satisfiedBy).toEqual([{ userId: members[2].userId, displayName: 'Demo' }]);
  });

  it('says "geen eisen ingesteld" for a werkgroep without seats, never complete', () => {
    const check = checkComposition({ districts, seats: [], members: fullGroup() });
    expect(check).toMatchObject({ status: 'geen_eisen', complete: false, requirements: [], missing: [] });
  });

  it('reports a per-district seat in a region without districts as a configuration problem, not complete', () => {
    const check = checkComposition({ districts: [], seats: MIDDEN_NEDERLAND_SEATS, members: [] });
    expect(check.status).toBe('configuratiefout');
    expect(check.complete).toBe(false);
    expect(check.problems).toEqual([
      expect.stringContaining('geldt per district, maar de regio heeft geen districten'),
    ]);
    // The other seats are still checked.
    expect(check.missing).toEqual(['Officier van justitie', 'Sectorhoofd politie']);
  });

  it('fills a seat by organisation type and role alone (a zorg-led group)', () => {
    const seats = [
      { label: 'Voorzitter uit de GGD', organisationType: 'ggd', role: 'aanjager' as const },
      { label: 'Zorg- en Veiligheidshuis', organisationType: 'zorg_en_veiligheidshuis' },
    ];
    const members = [
      member({ userId: 'g', role: 'aanjager', organisationType: 'ggd' }),
      member({ userId: 'z', organisationType: 'zorg_en_veiligheidshuis', role: 'waarnemer' }),
    ];
    const check = checkComposition({ districts, seats, members });
    expect(check.requirements.map((r) => [r.label, r.satisfied])).toEqual([
      ['Voorzitter uit de GGD', true],
      ['Zorg- en Veiligheidshuis', false],
    ]);
    expect(check.status).toBe('onvolledig');
  });
});
