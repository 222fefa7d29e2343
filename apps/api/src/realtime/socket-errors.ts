import { DomainError, ErrorCode, RepeatLogger } from '@koers/core';

export type SocketAck<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

/** Once per cause with a count: during an outage thousands of messages fail for one reason. */
const log = new RepeatLogger('SocketError');

/** The socket transport's one error mapping: domain errors keep their code; anything else is INTERNAL. */
export async function respond<T extends object>(work: () => Promise<T> | T): Promise<SocketAck<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message } };
    if (err instanceof Error) log.error(err.message, err.stack);
    else log.error(String(err));
    return { ok: false, error: { code: ErrorCode.Internal, message: 'Er ging iets mis aan onze kant.' } };
  }
}
