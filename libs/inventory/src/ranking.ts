import type { InventoryPriority, RankingEntry } from '@koers/contracts';

/** The rank that still scores: a priority ranked 1 scores RANK_WEIGHT_BASE, ranked 10 scores 1, lower 0. */
export const RANK_WEIGHT_BASE = 10;

export interface RankableResponse {
  organisationId: string;
  priorities: InventoryPriority[];
}

export interface NameGroup {
  title: string;
  variants: string[];
}

/**
 * The key two names share when they mean the same: lower case, accents and punctuation dropped, spaces
 * collapsed ("Verkeersoverlast en -veiligheid" and "verkeersoverlast en veiligheid" meet).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The weight of a priority by its position in its organisation's list (1-based): max(0, 11 - rank). */
export function rankWeight(rank: number): number {
  return Math.max(0, RANK_WEIGHT_BASE + 1 - rank);
}

/**
 * The priorities of one organisation in its own order, renumbered 1..n (ranks as entered may have gaps or
 * ties; ties keep the order of entry).
 */
export function ordered(priorities: InventoryPriority[]): InventoryPriority[] {
  return priorities
    .map((p, index) => ({ p, index }))
    .sort((a, b) => a.p.rank - b.p.rank || a.index - b.index)
    .map(({ p }, index) => ({ ...p, rank: index + 1 }));
}

/**
 * The ranking across organisations (docs/strategy-cycle.md, "The ranking"):
 * - names are grouped by `nameKey`, and the secretariat's groups put different names under one title;
 * - per group: `mentions` = how many organisations name it (an organisation naming it twice counts once,
 *   at its best rank), `score` = the sum over those organisations of max(0, 11 - rank);
 * - ordered by mentions, then score, then title; the first `top` are returned (all when top is 0).
 * The title shown is the group's title, else the spelling most organisations used (first seen on a tie).
 */
export function rankPriorities(responses: RankableResponse[], groups: NameGroup[], top = 0): RankingEntry[] {
  const groupOf = new Map<string, string>();
  for (const group of groups) {
    groupOf.set(nameKey(group.title), group.title);
    for (const variant of group.variants) groupOf.set(nameKey(variant), group.title);
  }
  interface Tally {
    title: string | null;
    mentions: number;
    score: number;
    regional: number;
    spellings: Map<string, number>;
  }
  const tallies = new Map<string, Tally>();
  for (const response of responses) {
    const best = new Map<string, { rank: number; regional: boolean; spelling: string }>();
    for (const priority of ordered(response.priorities)) {
      const spelling = priority.title.trim();
      const key = nameKey(spelling);
      if (!key) continue;
      const groupTitle = groupOf.get(key);
      const tallyKey = groupTitle ? `group:${nameKey(groupTitle)}` : key;
      const seen = best.get(tallyKey);
      if (!seen) best.set(tallyKey, { rank: priority.rank, regional: priority.regional, spelling });
      else if (priority.regional) seen.regional = true;
      if (!tallies.has(tallyKey))
        tallies.set(tallyKey, { title: groupTitle ?? null, mentions: 0, score: 0, regional: 0, spellings: new Map() });
    }
    for (const [tallyKey, { rank, regional, spelling }] of best) {
      const tally = tallies.get(tallyKey)!;
      tally.mentions += 1;
      tally.score += rankWeight(rank);
      if (regional) tally.regional += 1;
      tally.spellings.set(spelling, (tally.spellings.get(spelling) ?? 0) + 1);
    }
  }
  const entries: RankingEntry[] = [...tallies.values()]
    .filter((t) => t.mentions > 0)
    .map((t) => {
      const spellings = [...t.spellings.entries()];
      const common = spellings.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      return {
        title: t.title ?? common,
        mentions: t.mentions,
        score: t.score,
        regional: t.regional,
        variants: spellings.map(([s]) => s).sort((a, b) => a.localeCompare(b, 'nl')),
      };
    })
    .sort((a, b) => b.mentions - a.mentions || b.score - a.score || a.title.localeCompare(b.title, 'nl'));
  return top > 0 ? entries.slice(0, top) : entries;
}
