import type { EntityManager } from 'typeorm';
import { addDays } from '@koers/core';

/**
 * The strategy cycle in the demo region (docs/strategy-cycle.md):
 * - an inventory of local priorities for the next period (2027-2030), in progress. DEMO DATA: which
 *   organisations answered and what they named is invented (no such round has been published); the
 *   subjects echo the current strategy and the usual local themes;
 * - the bureau's financing of 2019 from seed 002 (Hilversum's council letter): the gemeenten together pay
 *   EUR 319,000, of which Hilversum EUR 14,000; the OM EUR 91,000; the police EUR 267,000. The seed does not
 *   split the other gemeenten' share, so it is one collective line; the budget is one line for the
 *   organisation costs the seed names (personnel, housing, project costs).
 */
export interface DemoCycleContext {
  today: string;
  organisationIds: Map<string, string>;
  userIds: Map<string, string>;
  secretariatId: string;
  gemeenten: string[];
}

const OM = 'Openbaar Ministerie Midden-Nederland';
const POLITIE = 'Politie Midden-Nederland';

/** Contact people per organisation (demo accounts of that organisation). */
const CONTACTS: Record<string, string[]> = {
  'Gemeente Lelystad': ['ambtelijk.onrust@demo.koers.nl'],
  'Gemeente Amersfoort': ['ambtelijk.cyber@demo.koers.nl'],
  'Gemeente Utrecht': ['ambtelijk.ondermijning@demo.koers.nl'],
  [OM]: ['ovj.ondermijning@demo.koers.nl'],
  [POLITIE]: ['politie.ondermijning@demo.koers.nl'],
};

type P = [title: string, regional: boolean, explanation?: string];
/** Invented answers: submitted unless marked draft; `onBehalf` when the secretariat typed them in. */
const ANSWERS: Array<{ organisation: string; priorities: P[]; status?: 'concept'; onBehalf?: boolean }> = [
  {
    organisation: 'Gemeente Utrecht',
    priorities: [
      ['Ondermijning', true, 'Drugscriminaliteit, witwassen via vastgoed en de haven van verdienmodellen.'],
      ['Jeugdcriminaliteit', true, 'Jonge aanwas en doorgroeiers; wapenbezit onder jongeren.'],
      ['Maatschappelijke onrust', true],
      ['Digitale veiligheid', true],
      ['Zorg en veiligheid', false],
    ],
  },
  {
    organisation: 'Gemeente Almere',
    priorities: [
      ['Ondermijning', true],
      ['Jeugdcriminaliteit', true],
      ['Woninginbraken', false],
      ['Zorg en veiligheid', false],
    ],
  },
  {
    organisation: 'Gemeente Nieuwegein',
    priorities: [
      ['Ondermijning', true],
      ['Digitale veiligheid', true, 'Online fraude bij ouderen en ondernemers.'],
      ['Jeugdcriminaliteit', false],
    ],
  },
  {
    organisation: 'Gemeente Hilversum',
    priorities: [
      ['Ondermijning', true],
      ['Zorg en veiligheid', false, 'Personen met verward gedrag.'],
      ['Woninginbraken', false],
    ],
    onBehalf: true,
  },
  {
    organisation: 'Gemeente Zeist',
    priorities: [
      ['Digitale veiligheid', true],
      ['Ondermijning', true],
      ['Polarisatie en radicalisering', true],
    ],
  },
  {
    organisation: 'Gemeente Noordoostpolder',
    priorities: [
      ['Ondermijning (drugslabs in het buitengebied)', true],
      ['Arbeidsuitbuiting', true],
      ['Verkeersveiligheid', false],
    ],
  },
  {
    organisation: 'Gemeente Amersfoort',
    priorities: [
      ['Digitale veiligheid', true],
      ['Ondermijning', true],
    ],
    status: 'concept',
  },
  {
    organisation: OM,
    priorities: [
      ['Ondermijning', true],
      ['Cybercrime', true],
      ['Mensenhandel', true],
      ['Jeugdcriminaliteit', false],
    ],
  },
];

export async function seedDemoInventory(manager: EntityManager, ctx: DemoCycleContext): Promise<void> {
  const [{ id }] = await manager.query(
    `INSERT INTO inventories (title, period_start, period_end, deadline, questions, created_by)
     VALUES ($1, 2027, 2030, $2, $3::jsonb, $4) RETURNING id`,
    [
      'Inventarisatie lokale prioriteiten 2027-2030 (demo)',
      addDays(ctx.today, 12),
      JSON.stringify([
        'Welke onderwerpen lenen zich bij uitstek voor een aanpak op het niveau van Midden-Nederland?',
        'Loopt uw integraal veiligheidsplan nog, of schrijft u nu een nieuw?',
      ]),
      ctx.secretariatId,
    ],
  );
  const asked = [...ctx.gemeenten.map((g) => `Gemeente ${g}`), OM, POLITIE];
  for (const name of asked)
    await manager.query('INSERT INTO inventory_organisations (inventory_id, organisation_id) VALUES ($1, $2)', [
      id,
      ctx.organisationIds.get(name),
    ]);
  for (const [organisation, emails] of Object.entries(CONTACTS))
    for (const email of emails)
      await manager.query(
        'INSERT INTO inventory_contacts (inventory_id, organisation_id, user_id) VALUES ($1, $2, $3)',
        [id, ctx.organisationIds.get(organisation), ctx.userIds.get(email)],
      );
  for (const answer of ANSWERS) {
    const submitted = answer.status !== 'concept';
    const contact = ctx.userIds.get(CONTACTS[answer.organisation]?.[0] ?? '') ?? ctx.secretariatId;
    const by = answer.onBehalf ? ctx.secretariatId : contact;
    await manager.query(
      `INSERT INTO inventory_responses (inventory_id, organisation_id, status, priorities, answers, on_behalf, updated_by, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4::jsonb, '[]'::jsonb, $5, $6, CASE WHEN $7 THEN now() END, CASE WHEN $7 THEN $6::uuid END)`,
      [
        id,
        ctx.organisationIds.get(answer.organisation),
        submitted ? 'ingediend' : 'concept',
        JSON.stringify(
          answer.priorities.map(([title, regional, explanation], i) => ({
            title,
            rank: i + 1,
            explanation: explanation ?? '',
            regional,
          })),
        ),
        answer.onBehalf ?? false,
        by,
        submitted,
      ],
    );
  }
  await manager.query(`UPDATE inventories SET name_groups = $2::jsonb WHERE id = $1`, [
    id,
    JSON.stringify([{ title: 'Ondermijning', variants: ['Ondermijning (drugslabs in het buitengebied)'] }]),
  ]);
}

export async function seedDemoFinance(manager: EntityManager, ctx: DemoCycleContext): Promise<void> {
  const lines: Array<[organisation: string | null, type: string, label: string, cents: number, note: string]> = [
    ['Gemeente Hilversum', 'gemeente', '', 1_400_000, 'Seed 002: € 14.000 voor Hilversum in 2019.'],
    [
      null,
      'gemeente',
      'Overige gemeenten (gezamenlijk)',
      30_500_000,
      'Seed 002 noemt alleen het totaal van de gemeenten (€ 319.000) en het aandeel van Hilversum; de verdeling over de andere gemeenten staat er niet in.',
    ],
    [OM, 'openbaar_ministerie', '', 9_100_000, 'Seed 002: € 91.000 in 2019.'],
    [POLITIE, 'politie', '', 26_700_000, 'Seed 002: € 267.000 in 2019.'],
  ];
  for (const [organisation, type, label, cents, note] of lines)
    await manager.query(
      `INSERT INTO contributions (organisation_id, partner_type, label, year, amount_cents, basis, note, created_by)
       VALUES ($1, $2, $3, 2019, $4, 'vast', $5, $6)`,
      [organisation ? ctx.organisationIds.get(organisation) : null, type, label, cents, note, ctx.secretariatId],
    );
  await manager.query(
    `INSERT INTO budget_lines (year, title, amount_cents, position, created_by) VALUES (2019, $1, $2, 1, $3)`,
    ['Organisatiekosten Bureau RVS (personeel, huisvesting en projectkosten)', 67_700_000, ctx.secretariatId],
  );
}
