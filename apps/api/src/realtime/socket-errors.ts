import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@koers/core';

export type SocketAck<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

const logger = new Logger('SocketError');

/** The socket transport's one error mapping: domain errors keep their code; anything else is INTERNAL. */
export async function respond<T extends object>(work: () => Promise<T> | T): Promise<SocketAck<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message } };
    logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return { ok: false, error: { code: ErrorCode.Internal, message: 'Er ging iets mis aan onze kant.' } };
  }
}
