/** What the CSV import of organisations, users or werkgroep members reads (POST /api/imports/:kind). */
export const IMPORT_KINDS = ['organisations', 'users', 'members'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One data row of the file: its line (the header is line 1), what was read, and what is wrong with it. */
export interface ImportRow {
  line: number;
  values: Record<string, string>;
  /** Dutch sentences; empty when the row can be imported. */
  errors: string[];
}

/**
 * The answer of an import. A dry run (`?dryRun=true`) lists every row with its errors and writes nothing; a
 * real run writes all rows in one transaction, or, when any row is wrong, nothing (400 naming the lines).
 */
export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  /** Every row can be imported. */
  valid: boolean;
  rows: ImportRow[];
  /** How many organisations, users or memberships were created (0 on a dry run). */
  created: number;
  /** Users only: how the new accounts were invited (by mail, or as a link the secretariat sends again per person). */
  invitations?: { mailed: number; withoutMail: number; failed: number };
}
