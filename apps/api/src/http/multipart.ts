import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError, ErrorCode, validationFailed } from '@koers/core';
import { IncomingFile, tooLarge } from '@koers/files';

/** Room for the multipart envelope (boundaries, part headers) on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Hands the one file of a multipart/form-data upload (field `file`) to `handle` as a stream, as it arrives:
 * nothing is buffered whole, in memory or on disk. A declared Content-Length beyond the limit is refused
 * before a byte is read; otherwise the intake counts the bytes and stops at the limit. When the upload is
 * refused part-way, the rest of the request is discarded as it comes (not kept) and the connection closed
 * after the answer, so the client gets the error rather than a reset.
 */
export function withUploadedFile<T>(
  request: Request,
  maxBytes: number,
  handle: (file: IncomingFile) => Promise<T>,
): Promise<T> {
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    return Promise.reject(
      new DomainError(ErrorCode.UnsupportedMediaType, 'Stuur het bestand als multipart/form-data, in het veld "file".'),
    );
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) {
    closeAfterAnswer(request);
    return Promise.reject(tooLarge(maxBytes));
  }

  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes + 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50 },
      });
    } catch {
      reject(validationFailed([{ field: 'file', messages: ['Het verzoek is geen geldig formulier.'] }]));
      return;
    }
    let handled = false;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      if (!request.complete) {
        closeAfterAnswer(request);
        request.resume();
      }
      reject(err);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || handled) {
        stream.resume();
        return;
      }
      handled = true;
      handle({ name: info.filename ?? '', stream }).then((result) => {
        if (settled) return;
        settled = true;
        resolve(result);
      }, fail);
    });
    parser.on('close', () => {
      if (!handled)
        fail(validationFailed([{ field: 'file', messages: ['Kies een bestand.'] }], 'Er is geen bestand meegestuurd.'));
    });
    parser.on('error', () =>
      fail(
        validationFailed([{ field: 'file', messages: ['Het bestand kwam niet volledig aan. Probeer het opnieuw.'] }]),
      ),
    );
    request.on('aborted', () =>
      fail(validationFailed([{ field: 'file', messages: ['Het versturen is afgebroken.'] }])),
    );
    request.pipe(parser);
  });
}

function closeAfterAnswer(request: Request): void {
  request.res?.setHeader('Connection', 'close');
}
