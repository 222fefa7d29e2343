import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InventoryPriority } from '@koers/contracts';
import { nameKey, rankPriorities, rankWeight, RankableResponse } from './ranking';

/**
 * Oost-Nederland 2019-2022 (seeds/004, collected in /work/shared/data or test/fixtures): the seed gives the
 * top 10 of 78 gemeenten, not each gemeente's list, so the per-gemeente answers here are invented to
 * reproduce such a ranking, with the seed's own misspellings among them for the secretariat to group.
 */
interface OostNederland {
  gemeentenAsked: number;
  topTenOfGemeenten: string[];
  prioritiesOfOM: string[];
}
const fixture = path.join(__dirname, '../../../test/fixtures/oost-nederland-2019-2022-inventory.json');
const oost = JSON.parse(fs.readFileSync(fixture, 'utf8')) as OostNederland;

const NOISE = ['Cybercrime', 'Mensenhandel', 'Brandveiligheid', 'Zorgfraude', 'Vuurwerkoverlast', 'Discriminatie'];

/** Gemeente g (0..77) names the top-ten subject i when g < 70 - 5i; its order rotates so ranks vary. */
function inventedAnswers(): RankableResponse[] {
  return Array.from({ length: oost.gemeentenAsked }, (_, g) => {
    const titles = oost.topTenOfGemeenten.filter((_, i) => g < 70 - 5 * i);
    // The seed's own spellings, as some gemeenten would have typed them.
    const typed = titles.map((t) =>
      t === 'Ondermijning' && g % 3 === 0
        ? 'Ondernijning'
        : t === 'Verkeersoverlast en -veiligheid' && g % 2 === 0
          ? 'Verkeeroverlast en –veiligheid'
          : t,
    );
    const extra = NOISE.filter((_, j) => (g + j) % 9 === 0);
    const list = [...typed.slice(g % 3), ...typed.slice(0, g % 3), ...extra];
    return {
      organisationId: `gemeente-${g}`,
      priorities: list.map((title, index): InventoryPriority => ({
        title,
        rank: index + 1,
        explanation: '',
        regional: index % 2 === 0,
      })),
    };
  });
}

describe('rankPriorities', () => {
  it('weights rank 1 with 10 down to rank 10 with 1, and nothing below', () => {
    expect([1, 2, 10, 11, 25].map(rankWeight)).toEqual([10, 9, 1, 0, 0]);
  });

  it('groups names that differ only in case, accents and punctuation', () => {
    expect(nameKey('Verkeersoverlast en -veiligheid')).toBe(nameKey('verkeersoverlast en veiligheid'));
    expect(nameKey('Overlast (kwetsbare) personen')).toBe('overlast kwetsbare personen');
  });

  it('counts an organisation once per subject, at its best rank', () => {
    const entries = rankPriorities(
      [
        {
          organisationId: 'a',
          priorities: [
            { title: 'Ondermijning', rank: 2, explanation: '', regional: false },
            { title: 'ondermijning', rank: 5, explanation: '', regional: true },
            { title: 'Geweld', rank: 1, explanation: '', regional: false },
          ],
        },
        { organisationId: 'b', priorities: [{ title: 'Geweld', rank: 3, explanation: '', regional: true }] },
      ],
      [],
    );
    expect(entries).toEqual([
      { title: 'Geweld', mentions: 2, score: 10 + 10, regional: 1, variants: ['Geweld'] },
      { title: 'Ondermijning', mentions: 1, score: 9, regional: 1, variants: ['Ondermijning'] },
    ]);
  });

  it('reproduces the top 10 of the 78 gemeenten of Oost-Nederland once the secretariat groups the spellings', () => {
    const groups = [
      { title: 'Ondermijning', variants: ['Ondernijning'] },
      { title: 'Verkeersoverlast en -veiligheid', variants: ['Verkeeroverlast en –veiligheid'] },
    ];
    const top = rankPriorities(inventedAnswers(), groups, 10);
    expect(top.map((e) => e.title)).toEqual(oost.topTenOfGemeenten);
    expect(top[0]).toMatchObject({ title: 'Woninginbraken (HIC)', mentions: 70 });
    expect(top.find((e) => e.title === 'Ondermijning')!.variants).toEqual(['Ondermijning', 'Ondernijning']);
  });

  it('without the grouping the misspelt names split and Ondermijning drops out of its place', () => {
    const top = rankPriorities(inventedAnswers(), [], 10).map((e) => e.title);
    expect(top).not.toEqual(oost.topTenOfGemeenten);
    expect(top.indexOf('Ondermijning')).not.toBe(3);
  });

  it('keeps the OM’s own list in its own order', () => {
    const om = rankPriorities(
      [
        {
          organisationId: 'om',
          priorities: oost.prioritiesOfOM.map((title, i) => ({ title, rank: i + 1, explanation: '', regional: true })),
        },
      ],
      [],
    );
    // One organisation: every subject is named once, so the score (the rank) decides the order.
    expect(om.map((e) => e.title)).toEqual(oost.prioritiesOfOM);
  });
});
