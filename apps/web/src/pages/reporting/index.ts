/** The reporting screens (issue 5), loaded lazily by App.tsx: they bring the charting library along. */
export { BundlePrintPage } from './BundlePrintPage';
export { DashboardPage } from './DashboardPage';
export { ProgressTab } from './ProgressTab';
export { ReportPage } from './ReportPage';
export { RvcPage } from './RvcPage';
