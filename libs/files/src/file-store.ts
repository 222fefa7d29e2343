import type { Readable } from 'node:stream';

/**
 * Where the bytes of file versions live. Koers keeps them in PostgreSQL by default
 * (PostgresFileStore: backed up with the database, the same for every instance, also on the embedded
 * PGlite). Another store (an S3-compatible bucket) implements this interface and is bound to FILE_STORE;
 * each version records the store's `name`, so versions written before a switch stay readable as long as
 * the old store is still registered (docs/files.md).
 *
 * Contract: a store never holds a whole file in memory. `create()` returns a writer that receives the
 * bytes in order, in pieces of any size, and waits (backpressure) until each piece is accepted; `finish()`
 * makes the content durable and returns the key to read it back; `abort()` removes everything written so far
 * (the upload failed, was too large, or was refused by the virus scanner). Keys are opaque to callers.
 */
export interface FileStore {
  /** Stored with every version ("postgres", "s3"). */
  readonly name: string;
  create(): Promise<FileStoreWriter>;
  /**
   * The bytes of a finished key, streamed in order; with `range` only the bytes `start`..`end` (inclusive,
   * within the content), reading only what holds them (HTTP Range requests).
   */
  read(key: string, range?: ByteRange): Readable;
  /** Removes a finished key's bytes (not used for archiving: archived files keep their bytes). */
  remove(key: string): Promise<void>;
}

/** Bytes `start` to `end`, both inclusive (as in HTTP's Content-Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStoreWriter {
  readonly key: string;
  write(piece: Buffer): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

/** Injection token of the active store. */
export const FILE_STORE = Symbol('FILE_STORE');
