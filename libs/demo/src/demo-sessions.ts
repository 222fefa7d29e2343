import type { DemoThemeKey } from './demo-people';

/**
 * DEMO DATA: per werkgroep one past session with its decisions and one upcoming session with an agenda.
 * Times are relative to the seed day. Actions of the theme whose origin is a session decision are linked
 * to the first decision of the past session.
 */
export interface DemoSession {
  theme: DemoThemeKey;
  type: 'werksessie' | 'kennissessie' | 'bestuurlijk_overleg';
  title: string;
  daysFromSeed: number;
  location: string;
  agenda: Array<{
    title: string;
    minutes: number;
    outcome: 'informatie' | 'besluit' | 'actie';
    presenter?: string;
    backlog?: boolean;
  }>;
  decisions: string[];
}

export const DEMO_SESSIONS: DemoSession[] = [
  {
    theme: 'ondermijning',
    type: 'werksessie',
    title: 'Werksessie ondermijning: jonge aanwas en geldstromen',
    daysFromSeed: -28,
    location: 'Stadhuis Nieuwegein, raadszaal',
    agenda: [
      {
        title: 'Opening en vaststellen agenda',
        minutes: 10,
        outcome: 'informatie',
        presenter: 'aanjager.ondermijning@demo.koers.nl',
      },
      {
        title: 'Beeld jonge aanwas per district',
        minutes: 40,
        outcome: 'actie',
        presenter: 'ambtelijk.ondermijning@demo.koers.nl',
      },
      {
        title: 'Signaaltafel mensenhandel: voorstel uitbreiding',
        minutes: 30,
        outcome: 'besluit',
        presenter: 'ovj.ondermijning@demo.koers.nl',
      },
    ],
    decisions: [
      'Er komt een overzicht van preventieprojecten voor jonge aanwas per district.',
      'De signaaltafel mensenhandel wordt uitgebreid naar alle districten, zodra het convenant is aangepast.',
    ],
  },
  {
    theme: 'ondermijning',
    type: 'bestuurlijk_overleg',
    title: 'Bestuurlijk overleg ondermijning',
    daysFromSeed: 16,
    location: 'Politiebureau Utrecht, vergaderzaal 3',
    agenda: [
      {
        title: 'Voortgang acties',
        minutes: 20,
        outcome: 'informatie',
        presenter: 'ambtelijk.ondermijning@demo.koers.nl',
      },
      {
        title: 'Aanpak witwassen via vastgoed',
        minutes: 45,
        outcome: 'besluit',
        presenter: 'belastingdienst.ondermijning@demo.koers.nl',
      },
      {
        title: 'Voorbereiding voortgangsrapportage RVC',
        minutes: 25,
        outcome: 'actie',
        presenter: 'aanjager.ondermijning@demo.koers.nl',
      },
      {
        title: 'Ervaringen met de bestuurlijke aanpak recreatieparken',
        minutes: 20,
        outcome: 'informatie',
        backlog: true,
      },
    ],
    decisions: [],
  },
  {
    theme: 'cyber',
    type: 'kennissessie',
    title: 'Kennissessie digitale weerbaarheid jongeren',
    daysFromSeed: -35,
    location: 'Online en in Amersfoort, stadhuis',
    agenda: [
      {
        title: 'Wat werkt: HackShield en Rebootcamp',
        minutes: 45,
        outcome: 'informatie',
        presenter: 'ambtelijk.cyber@demo.koers.nl',
      },
      { title: 'Uitrol naar basisscholen', minutes: 30, outcome: 'besluit', presenter: 'aanjager.cyber@demo.koers.nl' },
    ],
    decisions: ['HackShield wordt aangeboden aan alle basisscholen in Amersfoort, als voorbeeld voor de regio.'],
  },
  {
    theme: 'cyber',
    type: 'werksessie',
    title: 'Werksessie dader- en slachtofferschap online',
    daysFromSeed: 9,
    location: 'Politie Midden-Nederland, Utrecht',
    agenda: [
      {
        title: 'Analyse aangiften online fraude',
        minutes: 40,
        outcome: 'informatie',
        presenter: 'politie.cyber@demo.koers.nl',
      },
      {
        title: 'Bestuurlijke bevoegdheden: kennissessie plannen',
        minutes: 20,
        outcome: 'actie',
        presenter: 'ovj.cyber@demo.koers.nl',
      },
    ],
    decisions: [],
  },
  {
    theme: 'onrust',
    type: 'werksessie',
    title: 'Werksessie verbinding met de samenleving',
    daysFromSeed: -21,
    location: 'Stadhuis Lelystad',
    agenda: [
      {
        title: 'Sleutelfiguren en netwerken per gemeente',
        minutes: 40,
        outcome: 'actie',
        presenter: 'ambtelijk.onrust@demo.koers.nl',
      },
      {
        title: 'Online informatiepositie: kaders',
        minutes: 30,
        outcome: 'besluit',
        presenter: 'politie.onrust@demo.koers.nl',
      },
    ],
    decisions: ['Elke gemeente brengt haar netwerk van sleutelfiguren in kaart, met een gezamenlijke werkwijze.'],
  },
  {
    theme: 'onrust',
    type: 'bestuurlijk_overleg',
    title: 'Bestuurlijk overleg maatschappelijke onrust',
    daysFromSeed: 23,
    location: 'Stadhuis Utrecht',
    agenda: [
      {
        title: 'Draaiboek duiding online aangejaagde ordeverstoringen',
        minutes: 45,
        outcome: 'besluit',
        presenter: 'aanjager.onrust@demo.koers.nl',
      },
      {
        title: 'Bronoorzaken polarisatie: wat weten we?',
        minutes: 30,
        outcome: 'informatie',
        presenter: 'ovj.onrust@demo.koers.nl',
      },
    ],
    decisions: [],
  },
];
