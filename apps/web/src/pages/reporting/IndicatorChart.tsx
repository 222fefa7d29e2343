import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatValue } from '../../labels';
import type { Indicator } from './reporting-api';

function shortDate(value: string): string {
  const [year, month, day] = value.split('-').map(Number);
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: '2-digit' }).format(
    new Date(year, month - 1, day),
  );
}

/**
 * A small line chart of an indicator's measurements with its baseline and target as labelled dashed
 * lines. The chart is decoration for sighted users (hidden from screen readers): the same numbers are
 * in the text beside it and in the table under "Metingen als tabel".
 */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  const data = indicator.measurements.map((m) => ({ date: m.measuredOn, value: m.value }));
  if (data.length === 0) return <p className="muted">Nog geen metingen.</p>;
  const values = [...data.map((d) => d.value), indicator.baseline ?? 0, indicator.target ?? 0];
  const top = Math.max(...values);
  return (
    <div className="indicator-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={190}>
        <LineChart data={data} margin={{ top: 16, right: 76, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#dde2e8" strokeDasharray="2 4" />
          <XAxis dataKey="date" tickFormatter={shortDate} tick={{ fill: '#3d3d3d', fontSize: 12 }} />
          <YAxis
            domain={[0, indicator.unit === 'percentage' ? 100 : Math.ceil(top * 1.1)]}
            tick={{ fill: '#3d3d3d', fontSize: 12 }}
            width={48}
          />
          <Tooltip
            labelFormatter={(label) => formatDate(String(label))}
            formatter={(value) => [formatValue(Number(value), indicator.unit), 'Meting']}
          />
          {indicator.baseline !== null && (
            <ReferenceLine
              y={indicator.baseline}
              stroke="#545454"
              strokeDasharray="3 3"
              label={{ value: 'Nulmeting', position: 'right', fill: '#3d3d3d', fontSize: 12 }}
            />
          )}
          {indicator.target !== null && (
            <ReferenceLine
              y={indicator.target}
              stroke="#1e6b34"
              strokeWidth={2}
              strokeDasharray="8 4"
              label={{ value: 'Doel', position: 'right', fill: '#1e6b34', fontSize: 12 }}
            />
          )}
          <Line
            type="monotone"
            dataKey="value"
            stroke="#154273"
            strokeWidth={2}
            dot={{ r: 4, fill: '#154273' }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

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
