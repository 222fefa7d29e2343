import { io, Socket } from 'socket.io-client';

export type LiveEvents<P = Record<string, unknown>> = Array<{ event: string; payload: P }>;

/** A socket on /live (bearer token in the handshake) that records every event it receives. */
export async function liveSocket<P = Record<string, unknown>>(
  url: string,
  token: string,
): Promise<{ socket: Socket; received: LiveEvents<P> }> {
  const socket = io(`${url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  const received: LiveEvents<P> = [];
  socket.onAny((event: string, payload: P) => received.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, received };
}
