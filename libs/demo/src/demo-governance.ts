import { EntityManager } from 'typeorm';
import { addDays } from '@koers/core';

/**
 * DEMO DATA for the strategy cycle (docs/strategy-cycle.md):
 * - the consultation of the concept RVS Midden-Nederland 2023-2026 among the 38 gemeenten (offered after the
 *   RVC adopted the concept on 14 December 2022, answers due 10 March 2023), closed, with several answers.
 *   Noordoostpolder's answer is the council's real decision of 30 January 2023 (seed 000: "geen wensen
 *   en/of bedenkingen"); the other answers, their points and the bureau's responses are fictional;
 * - the adoption of the strategy by the RVC on 12 April 2023 (seed 001);
 * - the bodies of the factsheet (seed 001): the RVC (2x a year), the regionale driehoek (4-6x), the
 *   Adviescollege Veiligheid (4x) and a Districtelijk Veiligheidscollege per district (4x), with a year of
 *   meetings around the seed day (the RVC's on the days of the demo reporting cycles' meetings). Meeting
 *   dates, agendas and decisions are fictional.
 */

interface DemoAnswer {
  gemeente: string;
  decidedOn: string;
  outcome: 'geen_wensen_of_bedenkingen' | 'wensen' | 'bedenkingen' | 'wensen_en_bedenkingen';
  text: string;
  reference: string;
  points?: Array<{ kind: 'wens' | 'bedenking'; text: string; response: 'verwerkt' | 'niet_verwerkt'; reason: string }>;
}

/**
 * The named contact people of the 2023 consultation: per gemeente with a demo account, its official where
 * there is one, else the mayor. Noordoostpolder and Urk have no demo accounts, so the bureau answered for them.
 */
const CONSULTATION_CONTACTS: Array<[gemeente: string, email: string]> = [
  ['Utrecht', 'ambtelijk.ondermijning@demo.koers.nl'],
  ['Amersfoort', 'ambtelijk.cyber@demo.koers.nl'],
  ['Lelystad', 'ambtelijk.onrust@demo.koers.nl'],
  ['Zeist', 'burgemeester.zeist@demo.koers.nl'],
  ['Hilversum', 'burgemeester.hilversum@demo.koers.nl'],
];

export const DEMO_CONSULTATION_TITLE = 'Wensen en bedenkingen op de concept-RVS Midden-Nederland 2023-2026';

const ANSWERS: DemoAnswer[] = [
  {
    gemeente: 'Noordoostpolder',
    decidedOn: '2023-01-30',
    outcome: 'geen_wensen_of_bedenkingen',
    text:
      'Kennis te nemen van het Regionale Veiligheidsstrategie (RVS) Midden-Nederland 2023-2026 en geen wensen ' +
      'en/of bedenkingen kenbaar te maken tegen de RVS Midden-Nederland 2023-2026.',
    reference: 'Raadsbesluit 30 januari 2023, voorstel no. 23.0000047',
  },
  {
    gemeente: 'Urk',
    decidedOn: '2023-02-09',
    outcome: 'geen_wensen_of_bedenkingen',
    text: 'De raad heeft geen wensen of bedenkingen. (demo)',
    reference: 'Raadsbesluit 9 februari 2023 (demo)',
  },
  {
    gemeente: 'Zeist',
    decidedOn: '2023-02-14',
    outcome: 'wensen',
    text: 'De raad wenst dat de aanpak van jonge aanwas ook de basisscholen bereikt. (demo)',
    reference: 'RB 2023-014 (demo)',
    points: [
      {
        kind: 'wens',
        text: 'Betrek ook het basisonderwijs bij het voorkomen van jonge aanwas.',
        response: 'verwerkt',
        reason: 'Opgenomen bij het onderdeel "Voorkomen jonge aanwas en doorgroeiers".',
      },
    ],
  },
  {
    gemeente: 'Hilversum',
    decidedOn: '2023-02-22',
    outcome: 'wensen_en_bedenkingen',
    text:
      'Wens: meer aandacht voor digitale weerbaarheid van het mkb. Bedenking: de strategie zegt weinig over ' +
      'de capaciteit van de politie in Gooi en Vechtstreek. (demo)',
    reference: 'Raadsbesluit 22 februari 2023, nr. 2023/31 (demo)',
    points: [
      {
        kind: 'wens',
        text: 'Meer aandacht voor de digitale weerbaarheid van het mkb.',
        response: 'verwerkt',
        reason: 'Toegevoegd aan "Aanjagen en stimuleren gebruik van beschikbare interventies".',
      },
      {
        kind: 'bedenking',
        text: 'De capaciteit van de politie in het district Gooi en Vechtstreek blijft onderbelicht.',
        response: 'niet_verwerkt',
        reason:
          'De verdeling van de politiecapaciteit is geen onderdeel van de strategie; zij staat in het formatie- en inrichtingsplan.',
      },
    ],
  },
  {
    gemeente: 'Amersfoort',
    decidedOn: '2023-03-02',
    outcome: 'wensen',
    text: 'De raad vraagt om jaarlijks te rapporteren over de voortgang per prioriteit. (demo)',
    reference: 'Raadsvoorstel 2023-019 (demo)',
    points: [
      {
        kind: 'wens',
        text: 'Jaarlijks aan de raden rapporteren over de voortgang per prioriteit.',
        response: 'verwerkt',
        reason: 'Het jaarverslag van het RVC gaat naar alle raden.',
      },
    ],
  },
  {
    gemeente: 'Utrecht',
    decidedOn: '2023-03-09',
    outcome: 'bedenkingen',
    text: 'De raad heeft bedenkingen bij het ontbreken van een aanpak van femicide en huiselijk geweld. (demo)',
    reference: 'Raadsbesluit 9 maart 2023 (demo)',
    points: [
      {
        kind: 'bedenking',
        text: 'Femicide en huiselijk geweld ontbreken als regionale prioriteit.',
        response: 'niet_verwerkt',
        reason: 'Dit blijft een lokale en landelijke opgave; de strategie kiest bewust voor drie prioriteiten (focus).',
      },
    ],
  },
  {
    gemeente: 'Lelystad',
    decidedOn: '2023-02-16',
    outcome: 'geen_wensen_of_bedenkingen',
    text: 'Geen wensen of bedenkingen. (demo)',
    reference: 'Raadsbesluit 16 februari 2023 (demo)',
  },
];

/** Days from the seed day of the bodies' meetings over a year; the RVC's match the demo reporting cycles. */
const RHYTHM = {
  rvc: [-14, 90],
  regionale_driehoek: [-160, -95, -30, 40, 110],
  adviescollege: [-140, -50, 30, 120],
  dvc: [-120, -35, 50, 140],
} as const;

export async function seedDemoConsultationAndBodies(
  manager: EntityManager,
  demo: {
    regionId: string;
    strategyId: string;
    gemeenten: string[];
    organisationIds: Map<string, string>;
    districtIds: Map<string, string>;
    districtOfGemeente: Record<string, string>;
    userIds: Map<string, string>;
    secretariatId: string;
  },
): Promise<void> {
  const org = (name: string) => demo.organisationIds.get(name)!;
  const gemeente = (name: string) => org(`Gemeente ${name}`);

  // --- the consultation of the councils and the adoption
  await manager.query(
    `UPDATE strategies SET adoption_reference = $2, adopted_by = 'Regionaal Veiligheidscollege' WHERE id = $1`,
    [demo.strategyId, 'Besluit RVC Midden-Nederland, vergadering van 12 april 2023'],
  );
  const [{ id: consultationId }] = await manager.query(
    `INSERT INTO consultations (strategy_id, title, document_reference, offered_on, deadline, closed_at, created_by)
     VALUES ($1, $2, $3, '2022-12-15', '2023-03-10', '2023-03-31T12:00:00+02:00', $4) RETURNING id`,
    [
      demo.strategyId,
      DEMO_CONSULTATION_TITLE,
      'Definitief concept Regionale Veiligheidsstrategie Midden-Nederland 2023-2026 (vastgesteld op 14 december 2022 door het RVC)',
      demo.secretariatId,
    ],
  );
  await manager.query(
    `INSERT INTO consultation_responses (consultation_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
    [consultationId, demo.gemeenten.map(gemeente)],
  );
  // Who answered for the gemeente (the steller of seed 000 is an official): the gemeenten's demo users.
  for (const [name, email] of CONSULTATION_CONTACTS)
    await manager.query(
      'INSERT INTO consultation_contacts (consultation_id, organisation_id, user_id) VALUES ($1, $2, $3)',
      [consultationId, gemeente(name), demo.userIds.get(email)],
    );
  for (const answer of ANSWERS) {
    await manager.query(
      `UPDATE consultation_responses SET decided_on = $3, outcome = $4, text = $5, decision_reference = $6,
              on_behalf = true, entered_by = $7, answered_at = ($3::date + 3)::timestamptz
        WHERE consultation_id = $1 AND organisation_id = $2`,
      [
        consultationId,
        gemeente(answer.gemeente),
        answer.decidedOn,
        answer.outcome,
        answer.text,
        answer.reference,
        demo.secretariatId,
      ],
    );
    for (const [index, point] of (answer.points ?? []).entries())
      await manager.query(
        `INSERT INTO consultation_points (consultation_id, organisation_id, position, kind, text, response, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [consultationId, gemeente(answer.gemeente), index + 1, point.kind, point.text, point.response, point.reason],
      );
  }

  // --- the governance bodies of the factsheet
  const today = new Date().toISOString().slice(0, 10);
  const insertBody = async (
    kind: keyof typeof RHYTHM | 'stuurgroep',
    name: string,
    description: string,
    perYear: [number, number],
    districtId: string | null = null,
  ): Promise<string> =>
    (
      (await manager.query(
        `INSERT INTO governance_bodies (region_id, kind, name, description, district_id, meetings_per_year_min, meetings_per_year_max)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [demo.regionId, kind, name, description, districtId, perYear[0], perYear[1]],
      )) as Array<{ id: string }>
    )[0].id;
  const addMembers = async (
    bodyId: string,
    members: Array<{ user?: string; organisation?: string; role?: string }>,
  ) => {
    for (const m of members)
      await manager.query(
        'INSERT INTO governance_body_members (body_id, user_id, organisation_id, role) VALUES ($1, $2, $3, $4)',
        [bodyId, m.user ? demo.userIds.get(m.user) : null, m.organisation ?? null, m.role ?? ''],
      );
  };
  const om = org('Openbaar Ministerie Midden-Nederland');
  const politie = org('Politie Midden-Nederland');
  const regioburgemeester = 'burgemeester.utrecht@demo.koers.nl';

  const rvc = await insertBody(
    'rvc',
    'Regionaal Veiligheidscollege Midden-Nederland',
    'Samenwerking in regio; thematische verdieping; vaststellen en bespreken voortgang veiligheidsstrategie en regionaal jaarplan. Wie: 38 burgemeesters, hoofdofficier, politiechef eenheid.',
    [2, 2],
  );
  await addMembers(rvc, [
    ...demo.gemeenten.map((g) => ({ organisation: gemeente(g) })),
    { organisation: om, role: 'hoofdofficier van justitie' },
    { organisation: politie, role: 'politiechef eenheid' },
  ]);
  // The adoption of 12 April 2023 names this body (its meeting of that day is before the demo's year).
  await manager.query('UPDATE strategies SET adopted_by_body_id = $2 WHERE id = $1', [demo.strategyId, rvc]);
  const driehoek = await insertBody(
    'regionale_driehoek',
    'Regionale driehoek Midden-Nederland',
    'Afstemming regioburgemeester, hoofdofficier, politiechef eenheid (art. 41 Politiewet 2012).',
    [4, 6],
  );
  await addMembers(driehoek, [
    { user: regioburgemeester, role: 'regioburgemeester' },
    { organisation: om, role: 'hoofdofficier van justitie' },
    { organisation: politie, role: 'politiechef eenheid' },
  ]);
  const adviescollege = await insertBody(
    'adviescollege',
    'Adviescollege Veiligheid',
    'Schakel tussen district, regio en land; klankbord regioburgemeester, hoofdofficier en politiechef; voorbereiden districtscolleges. Wie: regionale driehoek, voorzitters districtscolleges.',
    [4, 4],
  );
  await addMembers(adviescollege, [
    { user: regioburgemeester, role: 'voorzitter' },
    { user: 'aanjager.onrust@demo.koers.nl', role: 'voorzitter DVC Flevoland (demo)' },
    { user: 'aanjager.cyber@demo.koers.nl', role: 'voorzitter DVC Oost-Utrecht (demo)' },
    { organisation: om },
    { organisation: politie },
  ]);
  const dvcs: Array<{ id: string; district: string }> = [];
  for (const [district, districtId] of demo.districtIds) {
    const id = await insertBody(
      'dvc',
      `Districtelijk Veiligheidscollege ${district.replace(/^District /, '')}`,
      'Netwerk samenwerking binnen district: kennis delen, leren van elkaar; met name op prio’s veiligheidsstrategie; voorbereiden adviescollege. Wie: burgemeesters, gebiedsofficier van justitie, districtchef politie.',
      [4, 4],
      districtId,
    );
    const members = demo.gemeenten.filter((g) => demo.districtOfGemeente[g] === district);
    await addMembers(id, [
      ...members.map((g) => ({ organisation: gemeente(g) })),
      { organisation: om, role: 'gebiedsofficier van justitie' },
      { organisation: politie, role: 'districtchef politie' },
    ]);
    dvcs.push({ id, district });
  }

  const meeting = async (
    bodyId: string,
    title: string,
    days: number,
    location: string,
    agenda: string[],
    decisions: string[],
  ) => {
    const day = addDays(today, days);
    const startsAt = new Date(`${day}T13:00:00Z`);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const past = days < 0;
    const [{ id }] = await manager.query(
      `INSERT INTO workgroup_sessions (body_id, type, state, title, starts_at, ends_at, location, created_by)
       VALUES ($1, 'bestuurlijk_overleg', $2, $3, $4, $5, $6, $7) RETURNING id`,
      [bodyId, past ? 'afgerond' : 'geagendeerd', title, startsAt, endsAt, location, demo.secretariatId],
    );
    for (const [index, item] of agenda.entries())
      await manager.query(
        `INSERT INTO session_agenda_items (session_id, placement, position, title) VALUES ($1, 'agenda', $2, $3)`,
        [id, index + 1, item],
      );
    if (past)
      for (const text of decisions)
        await manager.query(
          'INSERT INTO session_decisions (session_id, text, decided_at, created_by) VALUES ($1, $2, $3, $4)',
          [id, text, endsAt, demo.secretariatId],
        );
  };
  for (const [index, days] of RHYTHM.rvc.entries())
    await meeting(
      rvc,
      `Vergadering Regionaal Veiligheidscollege ${index + 1} (demo)`,
      days,
      'Provinciehuis Utrecht',
      ['Opening en mededelingen', 'Voortgangsrapportages van de werkgroepen', 'Thematische verdieping', 'Rondvraag'],
      ['De voortgangsrapportages worden vastgesteld en gaan naar de gemeenteraden.'],
    );
  for (const [index, days] of RHYTHM.regionale_driehoek.entries())
    await meeting(
      driehoek,
      `Regionale driehoek ${index + 1} (demo)`,
      days,
      'Stadhuis Utrecht',
      ['Actuele veiligheidssituatie', 'Voorbereiding RVC', 'Bijstandsverzoeken'],
      ['De agenda van het RVC wordt vastgesteld.'],
    );
  for (const [index, days] of RHYTHM.adviescollege.entries())
    await meeting(
      adviescollege,
      `Adviescollege Veiligheid ${index + 1} (demo)`,
      days,
      'Politiebureau Utrecht, Kroonstraat',
      ['Terugkoppeling districtscolleges', 'Afstemming regionale en landelijke prioriteiten'],
      ['De districten leveren voor de volgende vergadering hun beeld van jonge aanwas aan.'],
    );
  for (const [offset, dvc] of dvcs.entries())
    for (const [index, days] of RHYTHM.dvc.entries())
      await meeting(
        dvc.id,
        `DVC ${dvc.district.replace(/^District /, '')} ${index + 1} (demo)`,
        days + offset * 3,
        `${dvc.district} (locatie demo)`,
        [
          'Prioriteiten veiligheidsstrategie in het district',
          'Districtsrecherche: inzet en voortgang',
          'Voorbereiding adviescollege',
        ],
        ['De inzet van de flexteams wordt voor het komende kwartaal vastgesteld.'],
      );
}
