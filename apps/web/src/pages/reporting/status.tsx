import { FOCUS_AREA_STATUS_LABELS, FocusAreaStatus, REPORT_STATUS_LABELS, SubmissionStatus } from '@koers/contracts';

/** Each focus-area status has its own shape as well as a colour, so it reads without colour too. */
export const FOCUS_STATUS_ICONS: Record<FocusAreaStatus, string> = {
  op_koers: '●',
  aandacht_nodig: '▲',
  achterstand: '■',
  afgerond: '★',
  nog_niet_gestart: '○',
};

/** The order in lists, legends and stacked charts: from done to not started. */
export const FOCUS_STATUS_ORDER: FocusAreaStatus[] = [
  'afgerond',
  'op_koers',
  'aandacht_nodig',
  'achterstand',
  'nog_niet_gestart',
];

/** A focus area's status as an icon (shape) and words; null when nothing was reported yet. */
export function FocusStatus({ status }: { status: FocusAreaStatus | null }) {
  if (!status) return <span className="focus-status focus-status-none">Niet gerapporteerd</span>;
  return (
    <span className={`focus-status focus-status-${status}`}>
      <span aria-hidden="true" className="focus-status-icon">
        {FOCUS_STATUS_ICONS[status]}
      </span>{' '}
      {FOCUS_AREA_STATUS_LABELS[status]}
    </span>
  );
}

const REPORT_STATUS_ICONS: Record<SubmissionStatus, string> = {
  concept: '✎',
  ingediend: '➤',
  geaccepteerd: '✓',
  teruggestuurd: '↩',
  geen_rapportage: '–',
  niet_ingediend: '–',
};

/** A report's state as a badge with icon and words. */
export function ReportStatusBadge({ status }: { status: SubmissionStatus }) {
  return (
    <span className={`badge report-status report-status-${status}`}>
      <span aria-hidden="true">{REPORT_STATUS_ICONS[status]}</span> {REPORT_STATUS_LABELS[status] ?? status}
    </span>
  );
}
