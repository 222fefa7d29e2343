import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A minimal stand-in for the `pg` module that TypeORM's postgres driver loads, backed by one PGlite
 * instance. PGlite has a single session, so the "pool" hands out its one client to one caller at a
 * time and queues the rest: each TypeORM transaction runs alone and stays isolated (typeorm-pglite
 * shares the session between callers and silently mixes concurrent transactions; see stack-notes).
 *
 * Consequence for our code: never hold a QueryRunner and then query outside it; that waits forever here.
 * `onClose` runs once the database is closed (it releases the data directory's lock).
 */
export function createPgliteDriver(db: PGlite, onClose?: () => void) {
  let busy = false;
  const waiting: Array<() => void> = [];

  const acquire = (): Promise<void> =>
    new Promise((resolve) => {
      if (!busy) {
        busy = true;
        resolve();
      } else {
        waiting.push(resolve);
      }
    });
  const releaseClient = () => {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };

  class PgliteClient extends EventEmitter {
    async query(text: string | { text: string }, params?: unknown[]) {
      const sql = typeof text === 'string' ? text : text.text;
      if (params && params.length > 0) {
        const result = await db.query(sql, params.map(normaliseParameter));
        return {
          rows: result.rows,
          rowCount: result.affectedRows ?? result.rows.length,
          command: commandOf(sql),
          fields: result.fields,
        };
      }
      // Without parameters TypeORM may send several statements at once (migrations): use the simple protocol.
      const results = await db.exec(sql);
      const last = results[results.length - 1] ?? { rows: [], fields: [] };
      return {
        rows: last.rows,
        rowCount: last.affectedRows ?? last.rows.length,
        command: commandOf(sql),
        fields: last.fields,
      };
    }
  }
  const client = new PgliteClient();

  class PglitePool extends EventEmitter {
    connect(callback?: (err: Error | undefined, client?: PgliteClient, release?: () => void) => void) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        releaseClient();
      };
      const ready = acquire().then(() => client);
      if (!callback) return ready.then(() => Object.assign(client, { release }));
      ready.then(
        (c) => callback(undefined, c, release),
        (err: Error) => callback(err),
      );
      return undefined;
    }
    async query(text: string, params?: unknown[]) {
      await acquire();
      try {
        return await client.query(text, params);
      } finally {
        releaseClient();
      }
    }
    /** TypeORM ends the pool on DataSource.destroy(): that is when the embedded database closes. */
    end(callback?: (err?: Error) => void) {
      const closing = db.closed ? Promise.resolve() : db.close();
      return closing.then(
        () => {
          onClose?.();
          callback?.();
        },
        (err: Error) => callback?.(err),
      );
    }
  }

  return { Pool: PglitePool, Client: PgliteClient, defaults: {} };
}

/** PGlite serialises Buffers like Uint8Arrays; dates and JSON the way pg does. */
function normaliseParameter(value: unknown): unknown {
  if (value instanceof Buffer) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/** TypeORM reads `command` to shape UPDATE/DELETE results the way node-postgres does. */
function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([a-zA-Z]+)/.exec(sql);
  return match ? match[1].toUpperCase() : '';
}
