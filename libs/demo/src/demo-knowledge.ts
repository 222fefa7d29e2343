import type { EntityManager } from 'typeorm';
import type { DemoThemeKey } from './demo-people';

/**
 * The demo kennisbank (lerende omgeving): the interventions and practices the strategy names
 * (`interventionsNamedInStrategy` in data/midden-nederland-2023-2026.json), described in our own words.
 * DEMO DATA: owner organisations, statuses and which gemeenten use each item are illustrative, not a
 * record of who really runs what. No links: we only add addresses we can verify.
 * The strategy names no interventions for maatschappelijke onrust, so that library starts empty.
 */
interface DemoKnowledgeItem {
  theme: DemoThemeKey;
  title: string;
  description: string;
  owner: string | null;
  tags: string[];
  status: 'in_gebruik' | 'pilot' | 'afgerond';
  gemeenten: string[];
}

const BUREAU = 'Bureau Regionale Veiligheidsstrategie Midden-Nederland';
const POLITIE = 'Politie Midden-Nederland';

export const DEMO_KNOWLEDGE: DemoKnowledgeItem[] = [
  {
    theme: 'cyber',
    title: 'HackShield',
    description:
      'Online spel voor basisschoolkinderen. Spelenderwijs oefenen ze met sterke wachtwoorden, nepberichten en het beschermen van hun accounts, en ze nemen wat ze leren mee naar huis. Gemeenten zetten het in via scholen en bibliotheken; de werkgroep deelt ervaringen met de inzet en met het betrekken van ouders.',
    owner: null,
    tags: ['jongeren', 'onderwijs', 'bewustwording', 'gaming'],
    status: 'in_gebruik',
    gemeenten: ['Amersfoort', 'Utrecht', 'Almere', 'Zeist'],
  },
  {
    theme: 'cyber',
    title: 'Hackers de baas',
    description:
      'Voorlichting voor inwoners en kleine ondernemers over veelvoorkomende vormen van digitale criminaliteit: hoe herken je een hack of oplichtingspoging, wat doe je als het toch misgaat, en waar meld je het. Bedoeld om drempels voor aangifte te verlagen.',
    owner: null,
    tags: ['inwoners', 'ondernemers', 'bewustwording', 'weerbaarheid'],
    status: 'in_gebruik',
    gemeenten: ['Amersfoort', 'Woerden', 'Huizen'],
  },
  {
    theme: 'cyber',
    title: 'Rebootcamp',
    description:
      'Traject voor jongeren die voor het eerst in beeld komen met een digitaal delict. In plaats van alleen een straf leren zij waar de grens tussen nieuwsgierig en strafbaar ligt, en hoe ze hun digitale talent legaal kunnen inzetten. Voorkomt doorgroei naar zwaardere cybercriminaliteit.',
    owner: POLITIE,
    tags: ['jongeren', 'daderaanpak', 'preventie', 'cybercrime'],
    status: 'in_gebruik',
    gemeenten: ['Utrecht', 'Lelystad', 'Dronten'],
  },
  {
    theme: 'cyber',
    title: 'Buurtambassadeurs digitale veiligheid',
    description:
      'Vrijwilligers in de wijk die buurtgenoten, vooral ouderen, helpen met veilig internetten: telefoon en accounts beveiligen, phishing herkennen, weten wie je belt na een oplichting. Laagdrempelig, omdat het gesprek met een bekende uit de buurt gemakkelijker gaat dan met een instantie.',
    owner: null,
    tags: ['inwoners', 'ouderen', 'vrijwilligers', 'wijkaanpak'],
    status: 'pilot',
    gemeenten: ['Nieuwegein', 'Houten', 'Veenendaal'],
  },
  {
    theme: 'cyber',
    title: 'Podcast Digitaal beroofd',
    description:
      'Podcastreeks waarin mensen die online zijn opgelicht hun verhaal doen en deskundigen uitleggen hoe de trucs werken. Zet aan tot praten over schaamte na slachtofferschap en is bruikbaar als gespreksstarter in voorlichtingsbijeenkomsten.',
    owner: null,
    tags: ['slachtoffers', 'bewustwording', 'communicatie'],
    status: 'afgerond',
    gemeenten: [],
  },
  {
    theme: 'cyber',
    title: 'Stopgesprekken met geldezels',
    description:
      'Een persoonlijk gesprek met jongeren die hun bankrekening of pas beschikbaar stelden aan criminelen. Ze horen welke gevolgen dat voor hen heeft (schulden, registratie bij banken, strafzaak) en hoe ze eruit stappen. Doel: herhaling en verdere betrokkenheid bij fraude voorkomen.',
    owner: POLITIE,
    tags: ['jongeren', 'geldezels', 'fraude', 'daderaanpak'],
    status: 'in_gebruik',
    gemeenten: ['Utrecht', 'Amersfoort', 'Almere', 'Lelystad'],
  },
  {
    theme: 'cyber',
    title: 'EchtNep-campagne (leren van regio Rotterdam)',
    description:
      "Bewustwordingscampagne uit de regio Rotterdam die inwoners leert echte van valse berichten te onderscheiden. De werkgroep verkent wat we ervan kunnen overnemen; een voorbeeld van leren van beproefde aanpakken uit andere regio's.",
    owner: null,
    tags: ['phishing', 'bewustwording', 'campagne', 'andere regio'],
    status: 'pilot',
    gemeenten: [],
  },
  {
    theme: 'ondermijning',
    title: 'Wie Praat, Die Gaat 3.0',
    description:
      'Het regionale meerjarenplan tegen ondermijnende drugscriminaliteit, opgesteld na de gezamenlijke evaluatie van 2022 en per district lokaal uitgewerkt. Loopt van preventie tot repressie: jonge aanwas en doorgroeiers, criminele geldstromen, kwetsbare branches en locaties, en het terugdringen van criminele samenwerkingsverbanden.',
    owner: BUREAU,
    tags: ['meerjarenplan', 'drugscriminaliteit', 'jongeren', 'geldstromen', 'districten'],
    status: 'in_gebruik',
    gemeenten: ['Utrecht', 'Nieuwegein', 'Almere', 'Hilversum', 'Zeist', 'Amersfoort'],
  },
  {
    theme: 'ondermijning',
    title: 'Signaaltafel mensenhandel',
    description:
      'Overleg waar partners uit zorg en veiligheid zachte signalen van mogelijke uitbuiting samenbrengen, aanvullen en naar de juiste partij doorzetten. Begonnen als pilot in 2022 en voortgezet; geeft meer zicht op risicobranches en kwetsbare groepen in de regio.',
    owner: 'RIEC Midden-Nederland',
    tags: ['mensenhandel', 'signalen', 'informatiedeling', 'zorg en veiligheid'],
    status: 'in_gebruik',
    gemeenten: ['Utrecht', 'Amersfoort', 'Lelystad', 'Hilversum'],
  },
  {
    theme: 'ondermijning',
    title: 'Bestuurlijk basisniveau mensenhandel',
    description:
      'De afspraken die elke gemeente minimaal op orde heeft om mensenhandel te signaleren en aan te pakken, zoals een aanspreekpunt, beleid en een werkproces voor meldingen. De regionale ketenregisseur mensenhandel helpt gemeenten bij invoering en borging.',
    owner: null,
    tags: ['mensenhandel', 'gemeentelijke rol', 'borging'],
    status: 'in_gebruik',
    gemeenten: ['Utrecht', 'Nieuwegein', 'Houten', 'IJsselstein', 'Woerden'],
  },
];

/** Inserts the demo kennisbank; called by the demo seeder inside its transaction. */
export async function seedDemoKnowledge(
  manager: EntityManager,
  themeIdOf: (theme: DemoThemeKey) => string,
  organisationIds: Map<string, string>,
): Promise<number> {
  for (const item of DEMO_KNOWLEDGE) {
    const ownerId = item.owner ? organisationIds.get(item.owner) : null;
    if (ownerId === undefined)
      throw new Error(`Demo knowledge item ${item.title} refers to unknown organisation ${item.owner}`);
    const [{ id }] = await manager.query(
      `INSERT INTO knowledge_items (theme_id, title, description, owner_organisation_id, tags, status)
       VALUES ($1, $2, $3, $4, $5::text[], $6) RETURNING id`,
      [themeIdOf(item.theme), item.title, item.description, ownerId, item.tags, item.status],
    );
    for (const gemeente of item.gemeenten) {
      const organisationId = organisationIds.get(`Gemeente ${gemeente}`);
      if (!organisationId) throw new Error(`Demo knowledge item ${item.title} refers to unknown gemeente ${gemeente}`);
      await manager.query('INSERT INTO knowledge_item_gemeenten (knowledge_item_id, organisation_id) VALUES ($1, $2)', [
        id,
        organisationId,
      ]);
    }
  }
  return DEMO_KNOWLEDGE.length;
}
