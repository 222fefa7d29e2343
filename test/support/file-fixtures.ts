import { request as httpRequest } from 'node:http';
import { createServer, Server, Socket } from 'node:net';

/**
 * Small real files for the attachment tests (docs/files.md), made here so nothing binary is checked in:
 * a PDF, a PNG, an Office Open XML and an OpenDocument zip, a Windows executable, plain text.
 */
export const files = {
  /** A one-page PDF, padded to `size` bytes with a comment (still a valid PDF to a type sniffer). */
  pdf(size = 600, text = 'Analyse RIEC'): Buffer {
    const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\n`;
    const trailer = 'trailer << /Root 1 0 R >>\n%%EOF\n';
    const padding = Math.max(0, size - body.length - trailer.length);
    return Buffer.concat([Buffer.from(body), Buffer.alloc(padding, '%'), Buffer.from(trailer)]);
  },
  /** A 1x1 PNG. */
  png(): Buffer {
    return Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
  },
  /** A Word document as far as its container goes (zip entries of a .docx, stored). */
  docx(): Buffer {
    return storedZip([
      ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
      ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
    ]);
  },
  /** An OpenDocument text: `mimetype` first and stored, as the format requires. */
  odt(): Buffer {
    return storedZip([
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
    ]);
  },
  /** A plain zip with something else inside. */
  zip(): Buffer {
    return storedZip([['readme.txt', 'hallo']]);
  },
  /** The start of a Windows executable (MZ header, PE signature). */
  exe(): Buffer {
    const header = Buffer.alloc(512);
    header.write('MZ', 0, 'latin1');
    header.writeUInt32LE(0x80, 0x3c);
    header.write('PE\0\0', 0x80, 'latin1');
    return header;
  },
  text(content = 'Notities van de werkgroep\nRegel twee\n'): Buffer {
    return Buffer.from(content, 'utf8');
  },
};

/** A zip of stored (uncompressed) entries: local headers and data only, which is what a type sniffer reads. */
function storedZip(entries: Array<[string, string]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, content] of entries) {
    const data = Buffer.from(content, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0, 6);
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt32LE(0, 14); // crc (not checked by sniffers)
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    parts.push(header, nameBytes, data);
  }
  return Buffer.concat(parts);
}

/** A multipart/form-data body with one file in the field `file` (or another field name). */
export function multipartBody(name: string, content: Buffer, field = 'file'): { body: Buffer; contentType: string } {
  const boundary = `----koers${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Sends a multipart body over plain HTTP, in pieces and without Content-Length (chunked), as a large
 * browser upload would arrive; resolves with the answer as soon as it comes, even if the server stops
 * reading before the body is sent.
 */
export function chunkedUpload(
  url: string,
  token: string,
  upload: { body: Buffer; contentType: string },
): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': upload.contentType, 'Transfer-Encoding': 'chunked' },
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => (text += piece));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: response.headers }),
      );
    });
    request.on('error', (err) => (request.destroyed ? undefined : reject(err)));
    const piece = 16 * 1024;
    let offset = 0;
    const writeMore = () => {
      while (offset < upload.body.length) {
        const next = upload.body.subarray(offset, offset + piece);
        offset += piece;
        if (!request.write(next)) return void request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

/**
 * A stand-in for clamd speaking its INSTREAM protocol over TCP: answers FOUND when the stream contains the
 * EICAR test string, OK otherwise; in mode 'down' it hangs up at once. Records what it scanned.
 */
export class FakeClamd {
  mode: 'up' | 'down' = 'up';
  readonly scanned: Buffer[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((socket) => this.serve(socket));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    if (this.mode === 'down') return void socket.destroy();
    let buffered = Buffer.alloc(0);
    let commandRead = false;
    const received: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      if (!commandRead) {
        const end = buffered.indexOf(0);
        if (end < 0) return;
        if (buffered.subarray(0, end).toString() !== 'zINSTREAM') return void socket.end('UNKNOWN COMMAND\0');
        commandRead = true;
        buffered = buffered.subarray(end + 1);
      }
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0);
        if (length === 0) {
          const all = Buffer.concat(received);
          this.scanned.push(all);
          socket.end(
            all.includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE') ? 'stream: Eicar-Signature FOUND\0' : 'stream: OK\0',
          );
          return;
        }
        if (buffered.length < 4 + length) return;
        received.push(buffered.subarray(4, 4 + length));
        buffered = buffered.subarray(4 + length);
      }
    });
    socket.on('error', () => undefined);
  }
}

/** The EICAR anti-virus test file: harmless, recognised by every scanner. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
