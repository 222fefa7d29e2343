import { lazy, Suspense } from 'react';
import { Indicator } from '@koers/contracts';

export const INDICATOR_CHART_HEIGHT = 190;

const IndicatorLineChart = lazy(() => import('./IndicatorLineChart'));

/**
 * A small line chart of an indicator's measurements with its baseline and target as labelled dashed
 * lines. The chart is decoration for sighted users (hidden from screen readers): the same numbers are
 * in the text beside it and in the table under "Metingen als tabel". Its space is reserved while the
 * charting library loads, so nothing below it moves.
 */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  if (indicator.measurements.length === 0) return <p className="muted">Nog geen metingen.</p>;
  return (
    <div className="indicator-chart" aria-hidden="true" style={{ height: INDICATOR_CHART_HEIGHT }}>
      <Suspense fallback={null}>
        <IndicatorLineChart indicator={indicator} />
      </Suspense>
    </div>
  );
}
