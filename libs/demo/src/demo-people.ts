/**
 * The demo region's people and district assignment. DEMO DATA: the strategy does not say which police
 * district each gemeente belongs to, nor who sits in which werkgroep. People are fictional and named by
 * their role, never by a real name. All accounts share the password `koers-demo`.
 */
export const DEMO_PASSWORD = 'koers-demo';

/** Demo assignment of the 38 gemeenten to the 5 police districts (illustrative, not authoritative). */
export const DEMO_DISTRICT_OF_GEMEENTE: Record<string, string> = {
  ...of('District Flevoland', ['Almere', 'Dronten', 'Lelystad', 'Noordoostpolder', 'Urk', 'Zeewolde']),
  ...of('District Gooi en Vechtstreek', [
    'Blaricum',
    'Eemnes',
    'Gooise Meren',
    'Hilversum',
    'Huizen',
    'Laren',
    'Wijdemeren',
  ]),
  ...of('District Stad-Utrecht', ['Utrecht']),
  ...of('District West-Utrecht', [
    'De Ronde Venen',
    'Houten',
    'IJsselstein',
    'Lopik',
    'Montfoort',
    'Nieuwegein',
    'Oudewater',
    'Stichtse Vecht',
    'Vijfheerenlanden',
    'Woerden',
  ]),
  ...of('District Oost-Utrecht', [
    'Amersfoort',
    'Baarn',
    'Bunnik',
    'Bunschoten',
    'De Bilt',
    'Leusden',
    'Renswoude',
    'Rhenen',
    'Soest',
    'Utrechtse Heuvelrug',
    'Veenendaal',
    'Wijk bij Duurstede',
    'Woudenberg',
    'Zeist',
  ]),
};

function of(district: string, gemeenten: string[]): Record<string, string> {
  return Object.fromEntries(gemeenten.map((g) => [g, district]));
}

export type DemoThemeKey = 'ondermijning' | 'cyber' | 'onrust';
/** Index of each theme in the strategy's priorities. */
export const DEMO_THEME_INDEX: Record<DemoThemeKey, number> = { ondermijning: 0, cyber: 1, onrust: 2 };

export interface DemoPerson {
  email: string;
  displayName: string;
  jobTitle: string;
  function: string;
  /** Organisation name as seeded ("Gemeente Utrecht", "Politie Midden-Nederland", ...). */
  organisation: string;
  platformRole?: 'secretariaat';
  rvcMember?: boolean;
  memberships: Array<{ theme: DemoThemeKey; role: 'aanjager' | 'lid' | 'ambtelijk' | 'gast' | 'waarnemer' }>;
}

const mayor = (
  gemeente: string,
  email: string,
  memberships: DemoPerson['memberships'],
  rvcMember = false,
): DemoPerson => ({
  email,
  displayName: `Burgemeester ${gemeente} (demo)`,
  jobTitle: `Burgemeester van ${gemeente}`,
  function: 'burgemeester',
  organisation: `Gemeente ${gemeente}`,
  rvcMember,
  memberships,
});

const OM = 'Openbaar Ministerie Midden-Nederland';
const POLITIE = 'Politie Midden-Nederland';

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    email: 'secretariaat@demo.koers.nl',
    displayName: 'Secretaris Bureau RVS (demo)',
    jobTitle: 'Secretaris Regionale Veiligheidsstrategie',
    function: 'secretariaat',
    organisation: 'Bureau Regionale Veiligheidsstrategie Midden-Nederland',
    platformRole: 'secretariaat',
    memberships: [],
  },
  {
    email: 'rvc@demo.koers.nl',
    displayName: 'Burgemeester Soest (demo)',
    jobTitle: 'Burgemeester van Soest, lid Regionaal Veiligheidscollege',
    function: 'burgemeester',
    organisation: 'Gemeente Soest',
    rvcMember: true,
    memberships: [],
  },
  // Werkgroep Ondermijning: a mayor per district as aanjager, OM, police, Belastingdienst, RIEC as guest.
  mayor('Nieuwegein', 'aanjager.ondermijning@demo.koers.nl', [{ theme: 'ondermijning', role: 'aanjager' }]),
  mayor('Almere', 'burgemeester.almere@demo.koers.nl', [{ theme: 'ondermijning', role: 'aanjager' }]),
  mayor('Hilversum', 'burgemeester.hilversum@demo.koers.nl', [{ theme: 'ondermijning', role: 'aanjager' }]),
  mayor('Zeist', 'burgemeester.zeist@demo.koers.nl', [{ theme: 'ondermijning', role: 'aanjager' }]),
  mayor('Utrecht', 'burgemeester.utrecht@demo.koers.nl', [
    { theme: 'ondermijning', role: 'aanjager' },
    { theme: 'cyber', role: 'aanjager' },
    { theme: 'onrust', role: 'aanjager' },
  ]),
  {
    email: 'ovj.ondermijning@demo.koers.nl',
    displayName: 'Officier van justitie ondermijning (demo)',
    jobTitle: 'Officier van justitie',
    function: 'officier_van_justitie',
    organisation: OM,
    memberships: [{ theme: 'ondermijning', role: 'lid' }],
  },
  {
    email: 'politie.ondermijning@demo.koers.nl',
    displayName: 'Sectorhoofd politie ondermijning (demo)',
    jobTitle: 'Sectorhoofd Intelligence',
    function: 'sectorhoofd_politie',
    organisation: POLITIE,
    memberships: [{ theme: 'ondermijning', role: 'lid' }],
  },
  {
    email: 'belastingdienst.ondermijning@demo.koers.nl',
    displayName: 'Adviseur Belastingdienst (demo)',
    jobTitle: 'Senior adviseur ondermijning',
    function: 'belastingdienst',
    organisation: 'Belastingdienst',
    memberships: [{ theme: 'ondermijning', role: 'lid' }],
  },
  {
    email: 'ambtelijk.ondermijning@demo.koers.nl',
    displayName: 'Programmamanager ondermijning (demo)',
    jobTitle: 'Programmamanager ondermijning',
    function: 'ambtenaar',
    organisation: 'Gemeente Utrecht',
    memberships: [{ theme: 'ondermijning', role: 'ambtelijk' }],
  },
  {
    email: 'riec@demo.koers.nl',
    displayName: 'Adviseur RIEC (demo)',
    jobTitle: 'Adviseur RIEC Midden-Nederland',
    function: 'partner',
    organisation: 'RIEC Midden-Nederland',
    memberships: [{ theme: 'ondermijning', role: 'gast' }],
  },
  // Werkgroep Digitale veiligheid en cybercriminaliteit.
  mayor('Amersfoort', 'aanjager.cyber@demo.koers.nl', [{ theme: 'cyber', role: 'aanjager' }]),
  mayor('Dronten', 'burgemeester.dronten@demo.koers.nl', [{ theme: 'cyber', role: 'aanjager' }]),
  mayor('Huizen', 'burgemeester.huizen@demo.koers.nl', [{ theme: 'cyber', role: 'aanjager' }]),
  mayor('Woerden', 'burgemeester.woerden@demo.koers.nl', [{ theme: 'cyber', role: 'aanjager' }]),
  {
    email: 'ovj.cyber@demo.koers.nl',
    displayName: 'Officier van justitie cybercrime (demo)',
    jobTitle: 'Officier van justitie cybercrime',
    function: 'officier_van_justitie',
    organisation: OM,
    memberships: [{ theme: 'cyber', role: 'lid' }],
  },
  {
    email: 'politie.cyber@demo.koers.nl',
    displayName: 'Sectorhoofd politie cybercrime (demo)',
    jobTitle: 'Sectorhoofd Digitale Opsporing',
    function: 'sectorhoofd_politie',
    organisation: POLITIE,
    memberships: [{ theme: 'cyber', role: 'lid' }],
  },
  {
    email: 'ambtelijk.cyber@demo.koers.nl',
    displayName: 'Beleidsadviseur digitale veiligheid (demo)',
    jobTitle: 'Beleidsadviseur digitale veiligheid',
    function: 'ambtenaar',
    organisation: 'Gemeente Amersfoort',
    memberships: [{ theme: 'cyber', role: 'ambtelijk' }],
  },
  {
    email: 'pvo@demo.koers.nl',
    displayName: 'Adviseur Platform Veilig Ondernemen (demo)',
    jobTitle: 'Adviseur Platform Veilig Ondernemen',
    function: 'partner',
    organisation: 'Platform Veilig Ondernemen Midden-Nederland',
    memberships: [{ theme: 'cyber', role: 'gast' }],
  },
  // Werkgroep Maatschappelijke onrust. Deliberately without a mayor from Gooi en Vechtstreek, so the
  // composition check has something to show.
  mayor('Lelystad', 'aanjager.onrust@demo.koers.nl', [{ theme: 'onrust', role: 'aanjager' }]),
  mayor('Veenendaal', 'burgemeester.veenendaal@demo.koers.nl', [{ theme: 'onrust', role: 'aanjager' }]),
  mayor('Houten', 'burgemeester.houten@demo.koers.nl', [{ theme: 'onrust', role: 'aanjager' }]),
  {
    email: 'ovj.onrust@demo.koers.nl',
    displayName: 'Officier van justitie openbare orde (demo)',
    jobTitle: 'Officier van justitie',
    function: 'officier_van_justitie',
    organisation: OM,
    memberships: [{ theme: 'onrust', role: 'lid' }],
  },
  {
    email: 'politie.onrust@demo.koers.nl',
    displayName: 'Sectorhoofd politie openbare orde (demo)',
    jobTitle: 'Sectorhoofd Operatiën',
    function: 'sectorhoofd_politie',
    organisation: POLITIE,
    memberships: [{ theme: 'onrust', role: 'lid' }],
  },
  {
    email: 'ambtelijk.onrust@demo.koers.nl',
    displayName: 'Adviseur openbare orde en veiligheid (demo)',
    jobTitle: 'Adviseur OOV',
    function: 'ambtenaar',
    organisation: 'Gemeente Lelystad',
    memberships: [{ theme: 'onrust', role: 'ambtelijk' }],
  },
  {
    email: 'waarnemer.onrust@demo.koers.nl',
    displayName: 'Waarnemer Adviescollege Veiligheid (demo)',
    jobTitle: 'Secretaris Adviescollege Veiligheid',
    function: 'ambtenaar',
    organisation: 'Gemeente Utrecht',
    memberships: [{ theme: 'onrust', role: 'waarnemer' }],
  },
];

export const DEMO_WORKGROUP_NAMES: Record<DemoThemeKey, string> = {
  ondermijning: 'Bestuurlijke werkgroep Ondermijning',
  cyber: 'Bestuurlijke werkgroep Digitale veiligheid',
  onrust: 'Bestuurlijke werkgroep Maatschappelijke onrust',
};
