import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Indicator } from '@koers/contracts';
import { formatDate, formatValue } from '../../labels';
import { INDICATOR_CHART_HEIGHT } from './IndicatorChart';

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
 * Loaded lazily by IndicatorChart (recharts only where a chart is drawn).
 */
export default function IndicatorLineChart({ indicator }: { indicator: Indicator }) {
  const data = indicator.measurements.map((m) => ({ date: m.measuredOn, value: m.value }));
  const values = [...data.map((d) => d.value), indicator.baseline ?? 0, indicator.target ?? 0];
  const top = Math.max(...values);
  return (
    <ResponsiveContainer width="100%" height={INDICATOR_CHART_HEIGHT}>
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
  );
}
