import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@koers/core';
import type { FileStore, FileStoreWriter } from './file-store';

/** Size of one row in file_chunks: large enough for few round trips, small enough to keep memory flat. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The default store: the bytes in PostgreSQL (bytea rows of CHUNK_BYTES in file_chunks), one row written or
 * read per query, outside any transaction, so an upload holds at most one chunk in memory and never a
 * connection for longer than a query (on the embedded PGlite, with its single connection, other requests
 * keep going between chunks).
 */
@Injectable()
export class PostgresFileStore implements FileStore {
  readonly name = 'postgres';

  constructor(private readonly transactions: TransactionHost) {}

  create(): Promise<FileStoreWriter> {
    const key = randomUUID();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const piece = joined.subarray(0, Math.min(CHUNK_BYTES, joined.length));
        const rest = joined.subarray(piece.length);
        await this.db().query('INSERT INTO file_chunks (blob_id, seq, data) VALUES ($1, $2, $3)', [key, seq, piece]);
        seq += 1;
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    };
    return Promise.resolve({
      key,
      write: async (piece: Buffer) => {
        pending.push(piece);
        pendingBytes += piece.length;
        await flush(false);
      },
      finish: () => flush(true),
      abort: async () => {
        pending = [];
        pendingBytes = 0;
        await this.remove(key);
      },
    });
  }

  read(key: string): Readable {
    const db = () => this.db();
    return Readable.from(
      (async function* chunks() {
        for (let seq = 0; ; seq += 1) {
          const rows: Array<{ data: Buffer | Uint8Array }> = await db().query(
            'SELECT data FROM file_chunks WHERE blob_id = $1 AND seq = $2',
            [key, seq],
          );
          if (rows.length === 0) return;
          // bytea is a Buffer from pg and a Uint8Array from PGlite.
          const data = rows[0].data;
          yield Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        }
      })(),
      { objectMode: false },
    );
  }

  async remove(key: string): Promise<void> {
    await this.db().query('DELETE FROM file_chunks WHERE blob_id = $1', [key]);
  }

  private db() {
    return this.transactions.manager();
  }
}
