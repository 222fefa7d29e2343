import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FOCUS_AREA_STATUS_LABELS, FocusAreaStatus } from '@koers/contracts';
import { FOCUS_STATUS_ICONS, FOCUS_STATUS_ORDER } from './status';
import { TREND_CHART_HEIGHT, type TrendRow } from './TrendChart';

/** Each status has a colour and its own fill pattern, so the stacks are told apart without colour too. */
const FILLS: Record<FocusAreaStatus, { colour: string; pattern: 'solid' | 'stripes' | 'dots' | 'cross' | 'outline' }> =
  {
    afgerond: { colour: '#1e6b34', pattern: 'solid' },
    op_koers: { colour: '#2f7d9c', pattern: 'stripes' },
    aandacht_nodig: { colour: '#9a6200', pattern: 'dots' },
    achterstand: { colour: '#a4001e', pattern: 'cross' },
    nog_niet_gestart: { colour: '#6b6b6b', pattern: 'outline' },
  };

function PatternDefs() {
  return (
    <defs>
      {FOCUS_STATUS_ORDER.map((status) => {
        const { colour, pattern } = FILLS[status];
        return (
          <pattern key={status} id={`trend-${status}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={pattern === 'solid' ? colour : '#ffffff'} />
            {pattern === 'stripes' && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={colour} strokeWidth="3" />}
            {pattern === 'dots' && <circle cx="4" cy="4" r="2.2" fill={colour} />}
            {pattern === 'cross' && <path d="M0,0 L8,8 M8,0 L0,8" stroke={colour} strokeWidth="2" />}
            {pattern === 'outline' && <path d="M0,4 H8" stroke={colour} strokeWidth="1" />}
          </pattern>
        );
      })}
    </defs>
  );
}

/** The stacked bars of TrendChart, loaded lazily (recharts only where a chart is drawn). */
export default function TrendBarChart({ rows }: { rows: TrendRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={TREND_CHART_HEIGHT}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <PatternDefs />
        <CartesianGrid stroke="#dde2e8" strokeDasharray="2 4" vertical={false} />
        <XAxis dataKey="title" tick={{ fill: '#3d3d3d', fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fill: '#3d3d3d', fontSize: 12 }} width={36} />
        <Tooltip
          formatter={(value, name) => [
            String(value),
            FOCUS_AREA_STATUS_LABELS[name as FocusAreaStatus] ?? String(name),
          ]}
        />
        <Legend
          itemSorter={null}
          formatter={(value: string) =>
            `${FOCUS_STATUS_ICONS[value as FocusAreaStatus] ?? ''} ${FOCUS_AREA_STATUS_LABELS[value as FocusAreaStatus] ?? value}`
          }
        />
        {FOCUS_STATUS_ORDER.map((status) => (
          <Bar
            key={status}
            dataKey={status}
            name={status}
            stackId="status"
            fill={`url(#trend-${status})`}
            stroke={FILLS[status].colour}
            strokeWidth={1}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
