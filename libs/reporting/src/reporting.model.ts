import {
  Dated,
  EDITABLE_REPORT_STATUSES,
  FOCUS_AREA_STATUS_LABELS,
  FOCUS_AREA_STATUSES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  Indicator,
  IndicatorDirection,
  Measurement,
  REPORT_STATUSES,
  ReportingCycle,
  RvcBundle as WireRvcBundle,
} from '@koers/contracts';

export {
  EDITABLE_REPORT_STATUSES,
  FOCUS_AREA_STATUS_LABELS,
  FOCUS_AREA_STATUSES,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  REPORT_STATUSES,
};
export type {
  BundleWords,
  FocusAreaStatus,
  IndicatorDirection,
  IndicatorUnit,
  ReportContent,
  ReportFigures,
  ReportNarrative,
  ReportStatus,
  RvcBundleWorkgroup,
} from '@koers/contracts';

export type ReportingCycleView = Dated<ReportingCycle, 'createdAt' | 'updatedAt' | 'closedAt'>;
export type IndicatorView = Dated<Omit<Indicator, 'measurements'>, 'createdAt' | 'updatedAt'>;
export type MeasurementView = Dated<Measurement, 'createdAt'>;
export type RvcBundle = Omit<WireRvcBundle, 'cycle'> & { cycle: ReportingCycleView };

export function targetReached(
  direction: IndicatorDirection,
  value: number | null,
  target: number | null,
): boolean | null {
  if (value === null || target === null) return null;
  return direction === 'hoger_is_beter' ? value >= target : value <= target;
}
