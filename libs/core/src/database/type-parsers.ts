import { types as pgliteTypes } from '@electric-sql/pglite';

/**
 * pg and PGlite parse some types differently. We make both return the same JavaScript values:
 * - `date` as the plain 'YYYY-MM-DD' string (a calendar day has no time zone),
 * - `int8` (count(*), bigint) as a number: our counts stay far below 2^53,
 * - `numeric` as a string (both already do).
 * bytea differs too (Buffer vs Uint8Array): repositories normalise it where they read it.
 */
const OID_INT8 = 20;
const OID_DATE = 1082;

export const pgliteParsers = {
  [OID_INT8]: (value: string) => Number(value),
  [OID_DATE]: (value: string) => value,
};

/** A `types` object for node-postgres' client config (per pool, not global). */
export function pgTypes() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pgTypesModule = require('pg').types as {
    getTypeParser: (oid: number, format?: string) => (v: string) => unknown;
  };
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === OID_INT8) return (value: string) => Number(value);
      if (oid === OID_DATE) return (value: string) => value;
      return pgTypesModule.getTypeParser(oid, format);
    },
  };
}

export { pgliteTypes };
