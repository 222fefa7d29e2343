export * from './reporting.module';
export * from './reporting.model';
export * from './reporting-cycle.service';
export * from './indicator.service';
export * from './progress-report.service';
export * from './dashboard.service';
export * from './dto/reporting.dto';
export { canonicalJson, versionContentHash } from './content-hash';
export { computeReportFigures } from './report-figures.repository';
