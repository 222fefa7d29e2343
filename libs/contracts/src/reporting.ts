import type { IsoDate, IsoDateTime, Uuid } from './common';

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
/** A werkgroep's state for one cycle on the dashboard; RVC members only see the last three. */
export type SubmissionStatus = ReportStatus | 'geen_rapportage' | 'niet_ingediend';
export type ReviewOutcome = 'geaccepteerd' | 'teruggestuurd';

/** A reporting round tied to an RVC meeting. */
export interface ReportingCycle {
  id: Uuid;
  strategyId: Uuid;
  title: string;
  meetingDate: IsoDate;
  reportDeadline: IsoDate;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  /** Set once the cycle is closed and its bundle sealed; a closed cycle is read-only. */
  closedAt: IsoDateTime | null;
}

/** The sealed bundle of a closed cycle: its SHA-256 hashes and whether the stored bytes still match them. */
export interface CycleSeal {
  sealedAt: IsoDateTime;
  sealedBy: string | null;
  sealedByName: string | null;
  jsonSha256: string;
  pdfSha256: string;
  verified: boolean;
}

/** `GET /reporting-cycles/:id`: the cycle with its seal once closed. */
export interface ReportingCycleDetail extends ReportingCycle {
  seal: CycleSeal | null;
}

export interface CycleInput {
  strategyId: Uuid;
  title: string;
  meetingDate: IsoDate;
  reportDeadline: IsoDate;
  periodStart?: IsoDate;
  periodEnd?: IsoDate;
}

export interface Measurement {
  id: Uuid;
  indicatorId: Uuid;
  measuredOn: IsoDate;
  value: number;
  source: string;
  enteredBy: string | null;
  enteredByName: string | null;
  createdAt: IsoDateTime;
}

/** A measurable indicator of a focus area, with its measurements. */
export interface Indicator {
  id: Uuid;
  workgroupId: Uuid;
  focusAreaId: Uuid;
  focusAreaTitle: string;
  title: string;
  description: string;
  unit: IndicatorUnit;
  baseline: number | null;
  target: number | null;
  direction: IndicatorDirection;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  measurements: Measurement[];
}

export interface IndicatorInput {
  focusAreaId: Uuid;
  title: string;
  description?: string;
  unit: IndicatorUnit;
  baseline?: number | null;
  target?: number | null;
  direction: IndicatorDirection;
}

export interface MeasurementInput {
  measuredOn: IsoDate;
  value: number;
  source?: string;
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
  focusAreas: Array<{ focusAreaId: Uuid; title: string; status: FocusAreaStatus; narrative: string }>;
  narrative?: ReportNarrative | null;
}

/** What the report's figures say, computed from the werkgroep's data at one moment. */
export interface ReportFigures {
  computedAt: IsoDateTime;
  /** The day "overdue" was measured against (Dutch calendar day). */
  referenceDate: IsoDate;
  period: { start: IsoDate; end: IsoDate };
  actions: {
    perFocusArea: Array<{ focusAreaId: Uuid | null; title: string; done: number; open: number; overdue: number }>;
    totals: { done: number; open: number; overdue: number };
    overdueByOrganisation: Array<{ organisationId: Uuid | null; organisationName: string; overdue: number }>;
  };
  indicators: Array<{
    indicatorId: Uuid;
    focusAreaId: Uuid;
    title: string;
    unit: IndicatorUnit;
    direction: IndicatorDirection;
    baseline: number | null;
    target: number | null;
    latestValue: number | null;
    latestMeasuredOn: IsoDate | null;
    /** null when there is no target or no measurement yet. */
    targetReached: boolean | null;
  }>;
  sessionsHeld: number;
}

export interface ReportReview {
  outcome: ReviewOutcome;
  comment: string | null;
  reviewedBy: string | null;
  reviewedAt: IsoDateTime | null;
}

/** A frozen, hashed version of a report: its words, figures and hash, and the secretariat's verdict. */
export interface ReportVersion {
  id: Uuid;
  version: number;
  content: ReportContent;
  figures: ReportFigures;
  contentHash: string;
  hashVerified: boolean;
  submittedBy: string | null;
  submittedByName: string | null;
  /** The secretariat submitted this version on behalf of the werkgroep ("ingediend door … namens …"). */
  submittedOnBehalf: boolean;
  submittedAt: IsoDateTime;
  review: ReportReview | null;
}

export interface ReportListItem {
  id: Uuid;
  cycleId: Uuid;
  cycleTitle: string;
  status: ReportStatus;
  currentVersion: number;
  narrativeDocumentId: Uuid | null;
  updatedAt: IsoDateTime;
}

interface ReportBase {
  id: Uuid;
  workgroupId: Uuid;
  workgroupName: string;
  cycleId: Uuid;
  cycleTitle: string;
  status: ReportStatus;
}

/** What members and the secretariat read: the working copy, its figures and the latest version. */
export interface WorkingReport extends ReportBase {
  currentVersion: number;
  content: ReportContent;
  figures: ReportFigures;
  figuresFrozen: boolean;
  latestVersion: ReportVersion | null;
  /** The collaborative narrative document (null for reports from before it existed). */
  narrativeDocumentId: Uuid | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  /** Where the report started from: the werkgroep's last accepted report (null when it started empty). */
  carriedOver?: CarriedOver | null;
}

/**
 * A new report starts from the statuses and texts of the werkgroep's last accepted report. `fields` names the
 * fields (`summary`, `focusAreas.<focusAreaId>.status|narrative`) that still hold the carried-over value.
 */
export interface CarriedOver {
  reportId: Uuid;
  cycleTitle: string;
  version: number;
  acceptedAt: IsoDateTime;
  fields: string[];
  /**
   * The shared narrative document started as a copy of the accepted report's (null for reports created before
   * that was done). `changedSinceAcceptance`: that document had been edited after the acceptance, so the copy
   * holds those edits too.
   */
  narrative?: { changedSinceAcceptance: boolean } | null;
}

/** What is empty, still the template, or carried over unchanged: named before the aanjager submits. */
export interface SubmitCheckItem {
  /** `summary`, `focusAreas.<focusAreaId>.status|narrative`, or `narrative` (the shared document). */
  field: string;
  /** What it is called on the page, e.g. "Samenvatting" or "Toelichting: Preventie". */
  label: string;
  problem: 'leeg' | 'sjabloon' | 'overgenomen';
}

export interface SubmitCheck {
  items: SubmitCheckItem[];
}

/** What an RVC member reads: only the latest version that went upward. */
export interface UpwardReport extends ReportBase {
  version: ReportVersion;
}

export type ProgressReport = WorkingReport | UpwardReport;

export function isWorkingReport(report: ProgressReport): report is WorkingReport {
  return 'content' in report;
}

export interface ReportChanges {
  summary?: string;
  focusAreas?: Array<{ focusAreaId: Uuid; status?: FocusAreaStatus; narrative?: string }>;
}

export interface CycleRef {
  id: Uuid;
  title: string;
  meetingDate: IsoDate;
  reportDeadline: IsoDate;
}

/** The secretariat's (and the RVC's) overview of every werkgroep of a strategy. */
export interface Dashboard {
  strategyId: Uuid;
  /** The secretariat sees live overdue actions; RVC members the figures of submitted reports. */
  overdueSource: 'live' | 'ingediende_rapportages';
  currentCycle: CycleRef | null;
  cycles: CycleRef[];
  matrix: Array<{
    workgroupId: Uuid;
    workgroupName: string;
    focusAreas: Array<{
      focusAreaId: Uuid;
      title: string;
      status: FocusAreaStatus | null;
      cycleId: Uuid | null;
      version: number | null;
    }>;
  }>;
  trend: Array<{
    cycleId: Uuid;
    title: string;
    meetingDate: IsoDate;
    workgroups: Array<{ workgroupId: Uuid; statusCounts: Partial<Record<FocusAreaStatus, number>> }>;
  }>;
  overdue: {
    perWorkgroup: Array<{ workgroupId: Uuid; workgroupName: string; overdue: number }>;
    perOrganisation: Array<{ organisationId: Uuid | null; organisationName: string; overdue: number }>;
  };
  submissions: Array<{ workgroupId: Uuid; workgroupName: string; status: SubmissionStatus; reportId: Uuid | null }>;
  notYetSubmitted: Array<{ workgroupId: Uuid; workgroupName: string }>;
}

/** The RVC bundle of one cycle: every werkgroep in strategy order, with its accepted report (or null). */
/** The region's words the bundle speaks (GET /api/region): its board and what it calls a theme. */
export interface BundleWords {
  boardName: string;
  boardAbbreviation: string;
  themeSingular: string;
}

export interface RvcBundle {
  cycle: ReportingCycle;
  strategy: { id: Uuid; name: string };
  words: BundleWords;
  generatedAt: IsoDateTime;
  workgroups: RvcBundleWorkgroup[];
}

export interface RvcBundleWorkgroup {
  workgroupId: Uuid;
  name: string;
  priorityTitle: string;
  report: null | {
    reportId: Uuid;
    version: number;
    submittedAt: IsoDateTime;
    submittedByName: string | null;
    /** Submitted by the secretariat on behalf of the werkgroep. */
    submittedOnBehalf: boolean;
    acceptedAt: IsoDateTime;
    acceptedByName: string | null;
    contentHash: string;
    hashVerified: boolean;
    content: ReportContent;
    figures: ReportFigures;
  };
}
