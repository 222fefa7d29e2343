import { Socket, createConnection } from 'node:net';

export interface ScanVerdict {
  clean: boolean;
  /** The signature clamd found ("Eicar-Signature"), when not clean. */
  signature?: string;
}

/** clamd could not be reached or did not answer properly; the upload is refused (fail closed). */
export class ScannerUnavailableError extends Error {
  constructor(reason: string) {
    super(`clamd: ${reason}`);
    this.name = 'ScannerUnavailableError';
  }
}

/**
 * One INSTREAM scan against clamd over TCP (clamd's protocol: `zINSTREAM\0`, then chunks each prefixed
 * with their length as a 4-byte big-endian integer, a zero-length chunk to end, and one reply line such as
 * `stream: OK` or `stream: Eicar-Signature FOUND`). Bytes are sent as they arrive, waiting for the socket to
 * drain, so the scan keeps pace with the upload without holding the file.
 */
export class ClamavScan {
  private readonly socket: Socket;
  private reply = '';
  private failure: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(host: string, port: number, timeoutMs: number) {
    this.socket = createConnection({ host, port });
    this.socket.setTimeout(timeoutMs, () => this.socket.destroy(new ScannerUnavailableError('timeout')));
    this.socket.on('data', (data: Buffer) => (this.reply += data.toString('utf8')));
    this.closed = new Promise((resolve) => {
      this.socket.on('error', (err) => (this.failure ??= err));
      this.socket.on('close', () => resolve());
    });
    this.socket.write('zINSTREAM\0');
  }

  async write(piece: Buffer): Promise<void> {
    this.throwIfFailed();
    const length = Buffer.alloc(4);
    length.writeUInt32BE(piece.length);
    this.socket.write(length);
    if (!this.socket.write(piece)) await this.drained();
  }

  async verdict(): Promise<ScanVerdict> {
    this.throwIfFailed();
    this.socket.end(Buffer.alloc(4));
    await this.closed;
    const line = this.reply.replace(/\0/g, '').trim();
    if (this.failure && !line) throw new ScannerUnavailableError(this.failure.message);
    if (/^stream: OK$/.test(line)) return { clean: true };
    const found = /^stream: (.+) FOUND$/.exec(line);
    if (found) return { clean: false, signature: found[1] };
    throw new ScannerUnavailableError(`unexpected reply "${line.slice(0, 200)}"`);
  }

  abort(): void {
    this.socket.destroy();
  }

  private throwIfFailed(): void {
    if (this.failure) throw new ScannerUnavailableError(this.failure.message);
    if (this.socket.destroyed) throw new ScannerUnavailableError('connection closed');
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        this.socket.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        this.socket.off('drain', onDrain);
        reject(new ScannerUnavailableError(this.failure?.message ?? 'connection closed'));
      };
      this.socket.once('drain', onDrain);
      this.socket.once('close', onClose);
    });
  }
}
