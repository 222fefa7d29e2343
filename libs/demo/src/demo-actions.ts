import type { DemoThemeKey } from './demo-people';

/**
 * DEMO DATA: realistic actions per werkgroep, consistent with the strategy's focus areas. Due dates are
 * relative to the day the demo is seeded, so there is always something overdue, due soon and done.
 */
export interface DemoAction {
  theme: DemoThemeKey;
  /** 1-based focus area of the theme, or null for the werkgroep as a whole. */
  focusArea: number | null;
  title: string;
  description: string;
  owner: string;
  /** Days from the seed date; negative is in the past. */
  dueInDays: number | null;
  status: 'open' | 'in_uitvoering' | 'geblokkeerd' | 'afgerond' | 'vervallen';
  statusReason?: string;
  priority: 'hoog' | 'normaal' | 'laag';
  origin: 'sessiebesluit' | 'document' | 'rvc_verzoek' | 'vrij';
  originNote?: string;
}

export const DEMO_ACTIONS: DemoAction[] = [
  {
    theme: 'ondermijning',
    focusArea: 1,
    title: 'Overzicht preventieprojecten jonge aanwas per district opstellen',
    description:
      'Inventariseer welke gemeenten lopende projecten hebben voor jongeren die afglijden richting criminaliteit en wat de eerste resultaten zijn.',
    owner: 'ambtelijk.ondermijning@demo.koers.nl',
    dueInDays: -12,
    status: 'in_uitvoering',
    priority: 'hoog',
    origin: 'sessiebesluit',
    originNote: 'Werksessie ondermijning',
  },
  {
    theme: 'ondermijning',
    focusArea: 2,
    title: 'Verkenning gezamenlijke aanpak witwassen via vastgoed',
    description: 'Samen met Belastingdienst en OM bepalen welke signalen uit vastgoedtransacties we delen en hoe.',
    owner: 'belastingdienst.ondermijning@demo.koers.nl',
    dueInDays: 9,
    status: 'open',
    priority: 'hoog',
    origin: 'rvc_verzoek',
    originNote: 'Vraag uit het RVC',
  },
  {
    theme: 'ondermijning',
    focusArea: 3,
    title: 'Branchebeeld recreatieparken actualiseren',
    description: 'Actualiseer het beeld van risicovolle branches en locaties, te beginnen met recreatieparken.',
    owner: 'politie.ondermijning@demo.koers.nl',
    dueInDays: 2,
    status: 'open',
    priority: 'normaal',
    origin: 'vrij',
  },
  {
    theme: 'ondermijning',
    focusArea: 4,
    title: 'Signaaltafel mensenhandel uitbreiden naar alle districten',
    description: 'Elke district brengt casuïstiek in; afspraken over privacy en opvolging vastleggen.',
    owner: 'ovj.ondermijning@demo.koers.nl',
    dueInDays: 30,
    status: 'geblokkeerd',
    statusReason: 'Wacht op afspraken over gegevensdeling in het convenant.',
    priority: 'hoog',
    origin: 'sessiebesluit',
    originNote: 'Bestuurlijk overleg',
  },
  {
    theme: 'ondermijning',
    focusArea: 4,
    title: 'Bestuurlijk basisniveau mensenhandel: nulmeting per gemeente',
    description: 'Per gemeente vastleggen in hoeverre het basisniveau is bereikt.',
    owner: 'riec@demo.koers.nl',
    dueInDays: -40,
    status: 'afgerond',
    priority: 'normaal',
    origin: 'vrij',
  },
  {
    theme: 'ondermijning',
    focusArea: null,
    title: 'Voortgangsrapportage voor het RVC voorbereiden',
    description: 'Cijfers en verhaal per onderdeel verzamelen voor de volgende RVC-vergadering.',
    owner: 'aanjager.ondermijning@demo.koers.nl',
    dueInDays: 21,
    status: 'open',
    priority: 'normaal',
    origin: 'vrij',
  },
  {
    theme: 'cyber',
    focusArea: 1,
    title: 'HackShield aanbieden aan alle basisscholen in Amersfoort',
    description: 'Scholen benaderen, lesmateriaal en begeleiding regelen.',
    owner: 'ambtelijk.cyber@demo.koers.nl',
    dueInDays: -5,
    status: 'in_uitvoering',
    priority: 'normaal',
    origin: 'sessiebesluit',
    originNote: 'Kennissessie digitale weerbaarheid',
  },
  {
    theme: 'cyber',
    focusArea: 2,
    title: 'Analyse aangiften online fraude naar leeftijd en wijk',
    description: 'Meer zicht op daders en slachtoffers van online fraude in de regio.',
    owner: 'politie.cyber@demo.koers.nl',
    dueInDays: 14,
    status: 'open',
    priority: 'hoog',
    origin: 'rvc_verzoek',
  },
  {
    theme: 'cyber',
    focusArea: 3,
    title: 'Kennissessie bestuurlijke bevoegdheden bij cybercrime organiseren',
    description: 'Voor burgemeesters en ambtenaren openbare orde: wat kan bestuurlijk bij digitale criminaliteit?',
    owner: 'ovj.cyber@demo.koers.nl',
    dueInDays: 3,
    status: 'open',
    priority: 'normaal',
    origin: 'vrij',
  },
  {
    theme: 'cyber',
    focusArea: 1,
    title: 'Campagne tegen geldezels onder jongeren evalueren',
    description: 'Bereik en effect van de stopgesprekken en de campagne in kaart brengen.',
    owner: 'pvo@demo.koers.nl',
    dueInDays: -60,
    status: 'afgerond',
    priority: 'laag',
    origin: 'vrij',
  },
  {
    theme: 'cyber',
    focusArea: null,
    title: 'Samenwerking met ondernemersplatform verkennen',
    description: 'Afspraken over het delen van waarschuwingen aan ondernemers.',
    owner: 'aanjager.cyber@demo.koers.nl',
    dueInDays: null,
    status: 'vervallen',
    statusReason: 'Opgenomen in de bredere aanpak van het platform zelf.',
    priority: 'laag',
    origin: 'vrij',
  },
  {
    theme: 'onrust',
    focusArea: 1,
    title: 'Netwerk van sleutelfiguren per gemeente in kaart brengen',
    description: 'Wie zijn de verbindende personen in wijken en gemeenschappen die we kunnen betrekken?',
    owner: 'ambtelijk.onrust@demo.koers.nl',
    dueInDays: 12,
    status: 'in_uitvoering',
    priority: 'normaal',
    origin: 'sessiebesluit',
    originNote: 'Werksessie maatschappelijke onrust',
  },
  {
    theme: 'onrust',
    focusArea: 2,
    title: 'Werkwijze online monitoring afstemmen met privacyfunctionarissen',
    description: 'Kaders voor het volgen van openbare online bronnen bij dreigende ordeverstoringen.',
    owner: 'politie.onrust@demo.koers.nl',
    dueInDays: -3,
    status: 'open',
    priority: 'hoog',
    origin: 'vrij',
  },
  {
    theme: 'onrust',
    focusArea: 3,
    title: 'Draaiboek duiding bij online aangejaagde ordeverstoringen',
    description: 'Handelingsperspectief voor burgemeesters: wie duidt wat, wanneer en met welke informatie.',
    owner: 'aanjager.onrust@demo.koers.nl',
    dueInDays: 25,
    status: 'open',
    priority: 'hoog',
    origin: 'rvc_verzoek',
  },
  {
    theme: 'onrust',
    focusArea: 4,
    title: 'Literatuuroverzicht bronoorzaken polarisatie delen',
    description: 'Een korte samenvatting van recent onderzoek voor de werkgroep.',
    owner: 'ovj.onrust@demo.koers.nl',
    dueInDays: -20,
    status: 'afgerond',
    priority: 'laag',
    origin: 'vrij',
  },
];
