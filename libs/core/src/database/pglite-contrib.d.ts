// PGlite publishes its contrib extensions through package "exports", which TypeScript's `node`
// module resolution (ours, for the CommonJS build) does not read; Node itself resolves them.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
