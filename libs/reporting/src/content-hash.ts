import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace, so the same content always gives the
 * same bytes, whatever order a database (jsonb reorders keys) or a client produced it in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('Canonical JSON has no NaN or Infinity');
    return JSON.stringify(value ?? null);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What a frozen version's hash covers: which report, which version, the words and the figures. */
export interface HashedVersion {
  reportId: string;
  version: number;
  content: unknown;
  figures: unknown;
}

/** sha256 (hex) over the canonical JSON of a version. */
export function versionContentHash(version: HashedVersion): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        reportId: version.reportId,
        version: version.version,
        content: version.content,
        figures: version.figures,
      }),
      'utf8',
    )
    .digest('hex');
}

/** Whether a stored version still matches the hash frozen with it (recomputed on every read). */
export function hashVerified(version: HashedVersion & { contentHash: string }): boolean {
  return versionContentHash(version) === version.contentHash;
}
