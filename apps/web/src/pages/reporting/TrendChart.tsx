import { lazy, Suspense } from 'react';
import { Dashboard, FOCUS_AREA_STATUS_LABELS, FocusAreaStatus } from '@koers/contracts';
import { TableScroll } from '../../components/common';
import { Deferred } from '../../components/deferred';
import { formatDate } from '../../labels';
import { FOCUS_STATUS_ORDER } from './status';

export const TREND_CHART_HEIGHT = 280;

const TrendBarChart = lazy(() => import('./TrendBarChart'));

export type TrendRow = { title: string; meetingDate: string } & Record<FocusAreaStatus, number>;

/** Per cycle, how many focus areas (over all werkgroepen) were reported in each status. */
export function trendRows(trend: Dashboard['trend']): TrendRow[] {
  return trend.map((cycle) => {
    const row = { title: cycle.title, meetingDate: cycle.meetingDate } as TrendRow;
    for (const status of FOCUS_STATUS_ORDER)
      row[status] = cycle.workgroups.reduce((sum, w) => sum + (w.statusCounts[status] ?? 0), 0);
    return row;
  });
}

/**
 * The trend across cycles as a stacked bar chart, with the same numbers in a table. The chart's space is
 * reserved while the charting library loads, so nothing below it moves.
 */
export function TrendChart({ trend }: { trend: Dashboard['trend'] }) {
  const rows = trendRows(trend);
  const reported = rows.filter((r) => FOCUS_STATUS_ORDER.some((s) => r[s] > 0));
  if (reported.length === 0)
    return <p className="muted">Er zijn nog geen ingediende rapportages om een trend uit te tonen.</p>;
  return (
    <>
      <p className="muted small">
        Aantal onderdelen per status, opgeteld over alle werkgroepen, uit de ingediende rapportage per cyclus.
      </p>
      {/* The charting library (350 KiB) loads only when the chart comes into view and the page is idle. */}
      <Deferred className="trend-chart" height={TREND_CHART_HEIGHT}>
        <Suspense fallback={null}>
          <TrendBarChart rows={rows} />
        </Suspense>
      </Deferred>
      <details className="data-table-toggle">
        <summary>Trend als tabel</summary>
        <TableScroll label="Trend per cyclus">
          <table className="numbers-table">
            <caption className="visually-hidden">Aantal onderdelen per status per rapportagecyclus</caption>
            <thead>
              <tr>
                <th scope="col">Cyclus</th>
                {FOCUS_STATUS_ORDER.map((status) => (
                  <th key={status} scope="col" className="number">
                    {FOCUS_AREA_STATUS_LABELS[status]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.title + row.meetingDate}>
                  <th scope="row">
                    {row.title} <span className="muted small">({formatDate(row.meetingDate)})</span>
                  </th>
                  {FOCUS_STATUS_ORDER.map((status) => (
                    <td key={status} className="number">
                      {row[status]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </>
  );
}
