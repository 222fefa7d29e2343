import { Indicator, INDICATOR_VERDICT_LABELS, indicatorVerdict } from '@koers/contracts';

/** Whether the latest measurement reaches the target, following the indicator's direction. */
export function targetReached(
  indicator: Pick<Indicator, 'direction' | 'target'>,
  value: number | null | undefined,
): boolean | null {
  if (value === null || value === undefined || indicator.target === null) return null;
  return indicator.direction === 'hoger_is_beter' ? value >= indicator.target : value <= indicator.target;
}

const SHAPE = { reached: '✓ ', ongoing: '… ', notReached: '✗ ', none: '' } as const;
const CLASS = { reached: 'verdict-ok', ongoing: 'verdict-ongoing', notReached: 'verdict-not', none: 'verdict-none' };

/**
 * "Doel gehaald", "Loopt nog" (not reached while the period still runs: neutral) or "Nog niet gehaald" (the
 * period is over) in words, with a shape; colour only as an extra. Judged on `asOf` against `periodEnd`.
 */
export function TargetVerdict({
  reached,
  asOf,
  periodEnd,
}: {
  reached: boolean | null;
  asOf: string;
  periodEnd: string | null;
}) {
  const verdict = indicatorVerdict(reached, asOf, periodEnd);
  return (
    <span className={`verdict ${CLASS[verdict]}`}>
      {SHAPE[verdict] && <span aria-hidden="true">{SHAPE[verdict]}</span>}
      {INDICATOR_VERDICT_LABELS[verdict]}
    </span>
  );
}
