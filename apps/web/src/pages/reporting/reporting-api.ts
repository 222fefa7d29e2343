/**
 * The reporting API (issue 5) as the web client uses it: reporting cycles, indicators and measurements,
 * progress reports with their versions, the dashboard and the RVC bundle. Types from `@koers/contracts`.
 */
import type {
  SubmitCheck,
  CycleInput,
  Dashboard,
  Indicator,
  IndicatorInput,
  Measurement,
  MeasurementInput,
  ProgressReport,
  ReportChanges,
  ReportingCycle,
  ReportingCycleDetail,
  ReportListItem,
  ReportVersion,
  RvcBundle,
  WorkingReport,
} from '@koers/contracts';
import { query, request } from '../../api';

const id = encodeURIComponent;

export const reportingApi = {
  cycles: (strategyId: string) => request<ReportingCycle[]>('GET', '/reporting-cycles' + query({ strategyId })),
  createCycle: (input: CycleInput) => request<ReportingCycle>('POST', '/reporting-cycles', input),
  cycle: (cycleId: string) => request<ReportingCycleDetail>('GET', `/reporting-cycles/${id(cycleId)}`),
  closeCycle: (cycleId: string, version: number) =>
    request<ReportingCycle>('POST', `/reporting-cycles/${id(cycleId)}/close`, { version }),

  indicators: (workgroupId: string) => request<Indicator[]>('GET', `/workgroups/${id(workgroupId)}/indicators`),
  createIndicator: (workgroupId: string, input: IndicatorInput) =>
    request<Indicator>('POST', `/workgroups/${id(workgroupId)}/indicators`, input),
  addMeasurement: (indicatorId: string, input: MeasurementInput) =>
    request<Measurement>('POST', `/indicators/${id(indicatorId)}/measurements`, input),

  reports: (workgroupId: string) => request<ReportListItem[]>('GET', `/workgroups/${id(workgroupId)}/progress-reports`),
  createReport: (workgroupId: string, cycleId: string) =>
    request<WorkingReport>('POST', `/workgroups/${id(workgroupId)}/progress-reports`, { cycleId }),
  report: (reportId: string) => request<ProgressReport>('GET', `/progress-reports/${id(reportId)}`),
  updateReport: (reportId: string, changes: ReportChanges, version?: number) =>
    request<WorkingReport>('PATCH', `/progress-reports/${id(reportId)}`, { ...changes, version }),
  versions: (reportId: string) => request<ReportVersion[]>('GET', `/progress-reports/${id(reportId)}/versions`),
  /** What is empty, still the template or carried over unchanged: asked about before submitting. */
  submitCheck: (reportId: string) => request<SubmitCheck>('GET', `/progress-reports/${id(reportId)}/submit-check`),
  submitReport: (reportId: string) => request<WorkingReport>('POST', `/progress-reports/${id(reportId)}/submit`),
  acceptReport: (reportId: string) => request<WorkingReport>('POST', `/progress-reports/${id(reportId)}/accept`),
  returnReport: (reportId: string, comment: string) =>
    request<WorkingReport>('POST', `/progress-reports/${id(reportId)}/return`, { comment }),

  dashboard: (strategyId: string, cycleId?: string) =>
    request<Dashboard>('GET', '/dashboard' + query({ strategyId, cycleId })),

  bundle: (cycleId: string) => request<RvcBundle>('GET', `/reporting-cycles/${id(cycleId)}/bundle`),
  /** A normal download link: the browser sends the session cookie. */
  bundlePdfUrl: (cycleId: string) => `/api/reporting-cycles/${id(cycleId)}/bundle.pdf`,
};

/** The cycle that counts as current: the first whose RVC meeting is still ahead, else the last (as the dashboard does). */
export function currentCycle<T extends { meetingDate: string }>(cycles: T[], today: string): T | null {
  const sorted = [...cycles].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  return sorted.find((c) => c.meetingDate >= today) ?? sorted.at(-1) ?? null;
}
