import { ZipFile } from 'yazl';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored without compression (an OpenDocument package's `mimetype` must be). */
  store?: boolean;
}

/**
 * A small ZIP in memory (a document export is a few hundred kB at most), written with yazl: it streams,
 * is small and well kept, and lets the first entry be stored without an extra field, as OpenDocument asks.
 */
export function zipEntries(entries: ZipEntry[], mtime = new Date()): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries)
    zip.addBuffer(entry.data, entry.name, {
      mtime,
      compress: !entry.store,
      forceDosTimestamp: entry.store ?? false,
    });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
