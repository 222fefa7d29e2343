import type { FieldError } from '@koers/core';
import type { FocusAreaStatus, ReportContent } from './reporting.model';

export interface ReportChanges {
  summary?: string;
  focusAreas?: Array<{ focusAreaId: string; status?: FocusAreaStatus; narrative?: string }>;
}

/** The stored texts of a report with its version and, per field, the version that last wrote it. */
export interface StoredReportTexts {
  summary: string;
  focusAreas: ReportContent['focusAreas'];
  version: number;
  fieldVersions: Record<string, number>;
}

export interface MergedReport {
  content: ReportContent;
  fieldVersions: Record<string, number>;
  /** The fields this save changed. */
  changed: string[];
  /** Fields someone else changed after `basedOn` and this save would overwrite with something else. */
  conflicts: FieldError[];
  /** Changes that name a focus area the report does not have. */
  problems: FieldError[];
}

export const summaryField = 'summary';
export const focusAreaField = (focusAreaId: string, part: 'status' | 'narrative') =>
  `focusAreas.${focusAreaId}.${part}`;

/**
 * Merges a save into the stored report field by field. A field the save leaves as it is stored is no
 * change; a field changed by someone else since the version the save is based on (`basedOn`) is a conflict
 * unless both wrote the same; every other field is written. Without `basedOn` (older clients) nothing
 * conflicts.
 */
export function mergeReportChanges(
  stored: StoredReportTexts,
  changes: ReportChanges,
  basedOn: number | undefined,
): MergedReport {
  const nextVersion = stored.version + 1;
  const fieldVersions = { ...stored.fieldVersions };
  const changed: string[] = [];
  const conflicts: FieldError[] = [];
  const problems: FieldError[] = [];
  const write = (field: string, from: string, to: string | undefined, apply: (value: string) => void) => {
    if (to === undefined || to === from) return;
    if (basedOn !== undefined && (fieldVersions[field] ?? 0) > basedOn) {
      conflicts.push({ field, messages: ['Iemand anders heeft dit intussen gewijzigd.'] });
      return;
    }
    apply(to);
    fieldVersions[field] = nextVersion;
    changed.push(field);
  };

  let summary = stored.summary;
  write(summaryField, stored.summary, changes.summary, (value) => (summary = value));
  const focusAreas = stored.focusAreas.map((f) => ({ ...f }));
  for (const [index, change] of (changes.focusAreas ?? []).entries()) {
    const target = focusAreas.find((f) => f.focusAreaId === change.focusAreaId);
    if (!target) {
      problems.push({
        field: `focusAreas.${index}.focusAreaId`,
        messages: ['Dit onderdeel hoort niet bij deze rapportage.'],
      });
      continue;
    }
    write(
      focusAreaField(target.focusAreaId, 'status'),
      target.status,
      change.status,
      (value) => (target.status = value as FocusAreaStatus),
    );
    write(
      focusAreaField(target.focusAreaId, 'narrative'),
      target.narrative,
      change.narrative,
      (value) => (target.narrative = value),
    );
  }
  return { content: { summary, focusAreas }, fieldVersions, changed, conflicts, problems };
}
