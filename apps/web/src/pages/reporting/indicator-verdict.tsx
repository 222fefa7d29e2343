import { Indicator } from '@koers/contracts';

/** Whether the latest measurement reaches the target, following the indicator's direction. */
export function targetReached(
  indicator: Pick<Indicator, 'direction' | 'target'>,
  value: number | null | undefined,
): boolean | null {
  if (value === null || value === undefined || indicator.target === null) return null;
  return indicator.direction === 'hoger_is_beter' ? value >= indicator.target : value <= indicator.target;
}

/** "Doel gehaald" / "Nog niet gehaald" in words, with a shape; colour only as an extra. */
export function TargetVerdict({ reached }: { reached: boolean | null }) {
  if (reached === null) return <span className="verdict verdict-none">Geen oordeel (geen doel of meting)</span>;
  return reached ? (
    <span className="verdict verdict-ok">
      <span aria-hidden="true">✓ </span>Doel gehaald
    </span>
  ) : (
    <span className="verdict verdict-not">
      <span aria-hidden="true">✗ </span>Nog niet gehaald
    </span>
  );
}
