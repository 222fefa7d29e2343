import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@koers/core';
import type { ByteRange, FileStore, FileStoreWriter } from './file-store';

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

  /**
   * Every chunk but the last holds exactly CHUNK_BYTES (the writer above cuts them so), so the chunk holding a
   * byte is its offset divided by CHUNK_BYTES: a range reads only the chunks it covers, one query each.
   */
  read(key: string, range?: ByteRange): Readable {
    const db = () => this.db();
    const first = range ? Math.floor(range.start / CHUNK_BYTES) : 0;
    const last = range ? Math.floor(range.end / CHUNK_BYTES) : Infinity;
    return Readable.from(
      (async function* chunks() {
        for (let seq = first; seq <= last; seq += 1) {
          const rows: Array<{ data: Buffer | Uint8Array }> = await db().query(
            'SELECT data FROM file_chunks WHERE blob_id = $1 AND seq = $2',
            [key, seq],
          );
          if (rows.length === 0) {
            if (range) throw new Error(`Chunk ${seq} of ${key} is missing`);
            return;
          }
          // bytea is a Buffer from pg and a Uint8Array from PGlite.
          const raw = rows[0].data;
          let data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
          if (range) {
            const offset = seq * CHUNK_BYTES;
            data = data.subarray(Math.max(0, range.start - offset), Math.min(data.length, range.end - offset + 1));
          }
          yield data;
        }
      })(),
      { objectMode: false },
    );
  }

  /**
   * Removes the chunks of uploads that never finished: blobs whose newest chunk is older than `minutes` and
   * that no version (and no dossier) refers to. A crash in the middle of an upload leaves such chunks; an
   * upload in progress keeps writing, and a finished one is referenced within a transaction of its last chunk.
   * Returns the number of blobs removed.
   */
  async sweepOrphans(minutes: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.db().query(
      `WITH orphans AS (
         SELECT c.blob_id FROM file_chunks c
          WHERE c.seq = 0 AND c.created_at < clock_timestamp() - make_interval(mins => $1)
            AND NOT EXISTS (SELECT 1 FROM file_versions v WHERE v.storage_key = c.blob_id::text)
            AND NOT EXISTS (SELECT 1 FROM workgroup_dossiers d WHERE d.storage_key = c.blob_id::text)
            AND NOT EXISTS (SELECT 1 FROM file_chunks n WHERE n.blob_id = c.blob_id
                              AND n.created_at >= clock_timestamp() - make_interval(mins => $1))
          LIMIT 1000),
       gone AS (DELETE FROM file_chunks f USING orphans o WHERE f.blob_id = o.blob_id RETURNING f.blob_id)
       SELECT count(DISTINCT blob_id)::int AS n FROM gone`,
      [minutes],
    );
    return rows[0].n;
  }

  async remove(key: string): Promise<void> {
    await this.db().query('DELETE FROM file_chunks WHERE blob_id = $1', [key]);
  }

  private db() {
    return this.transactions.manager();
  }
}
