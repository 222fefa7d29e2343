/**
 * The reporting API (issue 5) as the web client uses it: reporting cycles, indicators and measurements,
 * progress reports with their versions, the dashboard and the RVC bundle. Shapes follow docs/reporting.md.
 */
import { query, request } from '../../api';

export type IndicatorUnit = 'aantal' | 'percentage' | 'euro' | 'dagen';
export type IndicatorDirection = 'hoger_is_beter' | 'lager_is_beter';
export type FocusAreaStatus = 'op_koers' | 'aandacht_nodig' | 'achterstand' | 'afgerond' | 'nog_niet_gestart';
export type ReportStatus = 'concept' | 'ingediend' | 'geaccepteerd' | 'teruggestuurd';
/** A werkgroep's state for one cycle on the dashboard; RVC members only see the last three. */
export type SubmissionStatus = ReportStatus | 'geen_rapportage' | 'niet_ingediend';

export interface ReportingCycle {
  id: string;
  strategyId: string;
  title: string;
  meetingDate: string;
  reportDeadline: string;
  periodStart: string;
  periodEnd: string;
  createdAt: string;
  updatedAt: string;
}

export interface CycleInput {
  strategyId: string;
  title: string;
  meetingDate: string;
  reportDeadline: string;
  periodStart?: string;
  periodEnd?: string;
}

export interface Measurement {
  id: string;
  indicatorId: string;
  measuredOn: string;
  value: number;
  source: string;
  enteredBy: string | null;
  enteredByName: string | null;
  createdAt: string;
}

export interface Indicator {
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
  createdAt: string;
  updatedAt: string;
  measurements: Measurement[];
}

export interface IndicatorInput {
  focusAreaId: string;
  title: string;
  description?: string;
  unit: IndicatorUnit;
  baseline?: number | null;
  target?: number | null;
  direction: IndicatorDirection;
}

export interface ReportContent {
  summary: string;
  focusAreas: Array<{ focusAreaId: string; title: string; status: FocusAreaStatus; narrative: string }>;
  /** A frozen version holds the collaborative narrative document as it was at submit (older versions: absent). */
  narrative?: { text: string; html: string } | null;
}

export interface ReportFigures {
  computedAt: string;
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
    targetReached: boolean | null;
  }>;
  sessionsHeld: number;
}

export interface ReportVersion {
  id: string;
  version: number;
  content: ReportContent;
  figures: ReportFigures;
  contentHash: string;
  hashVerified: boolean;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: string;
  review: {
    outcome: 'geaccepteerd' | 'teruggestuurd';
    comment: string;
    reviewedBy: string | null;
    reviewedAt: string;
  } | null;
}

export interface ReportListItem {
  id: string;
  cycleId: string;
  cycleTitle: string;
  status: ReportStatus;
  currentVersion: number;
  updatedAt: string;
}

interface ReportBase {
  id: string;
  workgroupId: string;
  workgroupName: string;
  cycleId: string;
  cycleTitle: string;
  status: ReportStatus;
}

/** What members and the secretariat read: the working copy, its figures and the latest version. */
export interface WorkingReport extends ReportBase {
  currentVersion: number;
  /** Raised on every save (optimistic concurrency); sent back with each change. */
  version: number;
  content: ReportContent;
  figures: ReportFigures;
  figuresFrozen: boolean;
  latestVersion: ReportVersion | null;
  /** The collaborative narrative document, once the server offers it. */
  narrativeDocumentId?: string | null;
  createdAt: string;
  updatedAt: string;
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
  focusAreas?: Array<{ focusAreaId: string; status?: FocusAreaStatus; narrative?: string }>;
}

export interface Dashboard {
  strategyId: string;
  overdueSource: 'live' | 'ingediende_rapportages';
  currentCycle: { id: string; title: string; meetingDate: string; reportDeadline: string } | null;
  cycles: Array<{ id: string; title: string; meetingDate: string; reportDeadline: string }>;
  matrix: Array<{
    workgroupId: string;
    workgroupName: string;
    focusAreas: Array<{
      focusAreaId: string;
      title: string;
      status: FocusAreaStatus | null;
      cycleId: string | null;
      version: number | null;
    }>;
  }>;
  trend: Array<{
    cycleId: string;
    title: string;
    meetingDate: string;
    workgroups: Array<{ workgroupId: string; statusCounts: Partial<Record<FocusAreaStatus, number>> }>;
  }>;
  overdue: {
    perWorkgroup: Array<{ workgroupId: string; workgroupName: string; overdue: number }>;
    perOrganisation: Array<{ organisationId: string | null; organisationName: string; overdue: number }>;
  };
  submissions: Array<{ workgroupId: string; workgroupName: string; status: SubmissionStatus; reportId: string | null }>;
  notYetSubmitted: Array<{ workgroupId: string; workgroupName: string }>;
}

/** The RVC bundle of one cycle: every werkgroep in strategy order with its accepted version, or none. */
export interface Bundle {
  cycle: ReportingCycle;
  strategy: { id: string; name: string };
  generatedAt: string;
  workgroups: Array<{
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
  }>;
}

const id = encodeURIComponent;

export const reportingApi = {
  cycles: (strategyId: string) => request<ReportingCycle[]>('GET', '/reporting-cycles' + query({ strategyId })),
  createCycle: (input: CycleInput) => request<ReportingCycle>('POST', '/reporting-cycles', input),

  indicators: (workgroupId: string) => request<Indicator[]>('GET', `/workgroups/${id(workgroupId)}/indicators`),
  createIndicator: (workgroupId: string, input: IndicatorInput) =>
    request<Indicator>('POST', `/workgroups/${id(workgroupId)}/indicators`, input),
  addMeasurement: (indicatorId: string, input: { measuredOn: string; value: number; source?: string }) =>
    request<Measurement>('POST', `/indicators/${id(indicatorId)}/measurements`, input),

  reports: (workgroupId: string) => request<ReportListItem[]>('GET', `/workgroups/${id(workgroupId)}/progress-reports`),
  createReport: (workgroupId: string, cycleId: string) =>
    request<WorkingReport>('POST', `/workgroups/${id(workgroupId)}/progress-reports`, { cycleId }),
  report: (reportId: string) => request<ProgressReport>('GET', `/progress-reports/${id(reportId)}`),
  updateReport: (reportId: string, changes: ReportChanges, version?: number) =>
    request<WorkingReport>('PATCH', `/progress-reports/${id(reportId)}`, { ...changes, version }),
  versions: (reportId: string) => request<ReportVersion[]>('GET', `/progress-reports/${id(reportId)}/versions`),
  submitReport: (reportId: string) => request<WorkingReport>('POST', `/progress-reports/${id(reportId)}/submit`),
  acceptReport: (reportId: string) => request<WorkingReport>('POST', `/progress-reports/${id(reportId)}/accept`),
  returnReport: (reportId: string, comment: string) =>
    request<WorkingReport>('POST', `/progress-reports/${id(reportId)}/return`, { comment }),

  dashboard: (strategyId: string, cycleId?: string) =>
    request<Dashboard>('GET', '/dashboard' + query({ strategyId, cycleId })),

  bundle: (cycleId: string) => request<Bundle>('GET', `/reporting-cycles/${id(cycleId)}/bundle`),
  /** A normal download link: the browser sends the session cookie. */
  bundlePdfUrl: (cycleId: string) => `/api/reporting-cycles/${id(cycleId)}/bundle.pdf`,
};

/** The cycle that counts as current: the first whose RVC meeting is still ahead, else the last (as the dashboard does). */
export function currentCycle<T extends { meetingDate: string }>(cycles: T[], today: string): T | null {
  const sorted = [...cycles].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  return sorted.find((c) => c.meetingDate >= today) ?? sorted.at(-1) ?? null;
}
