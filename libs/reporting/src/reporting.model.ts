export const INDICATOR_UNITS = ['aantal', 'percentage', 'euro', 'dagen'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATOR_DIRECTIONS = ['hoger_is_beter', 'lager_is_beter'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const FOCUS_AREA_STATUSES = [
  'op_koers',
  'aandacht_nodig',
  'achterstand',
  'afgerond',
  'nog_niet_gestart',
] as const;
export type FocusAreaStatus = (typeof FOCUS_AREA_STATUSES)[number];

export const REPORT_STATUSES = ['concept', 'ingediend', 'geaccepteerd', 'teruggestuurd'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** A report in these states is still being written by the werkgroep. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ['concept', 'teruggestuurd'];

export interface ReportingCycleView {
  id: string;
  strategyId: string;
  title: string;
  meetingDate: string;
  reportDeadline: string;
  periodStart: string;
  periodEnd: string;
  createdAt: Date;
  updatedAt: Date;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface IndicatorView {
  id: string;
  workgroupId: string;
  focusAreaId: string;
  focusAreaTitle: string;
  title: string;
  description: string;
  unit: IndicatorUnit;
  baseline: number | null;
  target: number | null;
  direction: IndicatorDirection;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface MeasurementView {
  id: string;
  indicatorId: string;
  measuredOn: string;
  value: number;
  source: string;
  enteredBy: string | null;
  enteredByName: string | null;
  createdAt: Date;
}

/** The collaborative narrative document as exported at submit (plain text and HTML). */
export interface ReportNarrative {
  text: string;
  html: string;
}

/**
 * The werkgroep's own words in a report: per focus area a status and a narrative, and a summary. A frozen
 * version also holds the collaborative narrative document as it was at submit (absent in older versions).
 */
export interface ReportContent {
  summary: string;
  focusAreas: Array<{ focusAreaId: string; title: string; status: FocusAreaStatus; narrative: string }>;
  narrative?: ReportNarrative | null;
}

/** What the report's figures say, computed from the werkgroep's data at one moment. */
export interface ReportFigures {
  computedAt: string;
  /** The day "overdue" was measured against (Dutch calendar day). */
  referenceDate: string;
  period: { start: string; end: string };
  actions: {
    perFocusArea: Array<{ focusAreaId: string | null; title: string; done: number; open: number; overdue: number }>;
    totals: { done: number; open: number; overdue: number };
    overdueByOrganisation: Array<{ organisationId: string | null; organisationName: string; overdue: number }>;
  };
  indicators: Array<{
    indicatorId: string;
    focusAreaId: string;
    title: string;
    unit: IndicatorUnit;
    direction: IndicatorDirection;
    baseline: number | null;
    target: number | null;
    latestValue: number | null;
    latestMeasuredOn: string | null;
    /** null when there is no target or no measurement yet. */
    targetReached: boolean | null;
  }>;
  sessionsHeld: number;
}

/** The RVC bundle of one cycle: every werkgroep in strategy order, with its accepted report (or null). */
/** The region's words the bundle speaks (GET /api/region): its board and what it calls a theme. */
export interface BundleWords {
  boardName: string;
  boardAbbreviation: string;
  themeSingular: string;
}

export interface RvcBundle {
  cycle: ReportingCycleView;
  strategy: { id: string; name: string };
  words: BundleWords;
  generatedAt: string;
  workgroups: RvcBundleWorkgroup[];
}

export interface RvcBundleWorkgroup {
  workgroupId: string;
  name: string;
  priorityTitle: string;
  report: null | {
    reportId: string;
    version: number;
    submittedAt: string;
    submittedByName: string | null;
    acceptedAt: string;
    acceptedByName: string | null;
    contentHash: string;
    hashVerified: boolean;
    content: ReportContent;
    figures: ReportFigures;
  };
}

export const FOCUS_AREA_STATUS_LABELS: Record<FocusAreaStatus, string> = {
  op_koers: 'Op koers',
  aandacht_nodig: 'Aandacht nodig',
  achterstand: 'Achterstand',
  afgerond: 'Afgerond',
  nog_niet_gestart: 'Nog niet gestart',
};

export function targetReached(
  direction: IndicatorDirection,
  value: number | null,
  target: number | null,
): boolean | null {
  if (value === null || target === null) return null;
  return direction === 'hoger_is_beter' ? value >= target : value <= target;
}
