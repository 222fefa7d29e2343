/**
 * The /live socket: one Socket.IO connection per tab (same origin; the httpOnly session cookie goes with
 * the handshake). Werkgroep pages subscribe to their werkgroep and receive action.* events; every socket
 * also receives the user's own notification events.
 */
import { useEffect, useRef } from 'react';
import type { LiveEventName, LiveEvents } from '@koers/contracts';
import { io, Socket } from 'socket.io-client';
import { refreshSession } from './api';

/** Handlers per event name, each typed by the contract's event map. */
export type LiveHandlers = { [E in LiveEventName]?: (payload: LiveEvents[E]) => void };

const RETRY_DELAY_MS = 3_000;

let socket: Socket | null = null;
const subscriptions = new Map<string, number>();

function connect(): Socket {
  if (socket) return socket;
  const s = io('/live', { withCredentials: true, transports: ['websocket', 'polling'] });
  s.on('connect', () => {
    // (Re)subscribe after every (re)connect: rooms do not survive a reconnect.
    for (const workgroupId of subscriptions.keys()) s.emit('subscribe', { workgroupId }, () => undefined);
  });
  s.on('connect_error', async (err: Error & { data?: { code?: string } }) => {
    if (err.message === 'UNAUTHENTICATED' || err.data?.code === 'UNAUTHENTICATED') {
      if (await refreshSession()) s.connect();
    } else if (!s.active) {
      // The server could not check the session (e.g. its database is down): keep the session, try again.
      setTimeout(() => socket === s && !s.connected && s.connect(), RETRY_DELAY_MS);
    }
  });
  // The server closes a socket when its token runs out or the account changed: connect again, which
  // refreshes the session when it is still live (and ends at the login page when it is not).
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket === s && s.connect(), RETRY_DELAY_MS);
  });
  socket = s;
  return s;
}

/** Closes the socket (at logout). */
export function closeLive() {
  socket?.disconnect();
  socket = null;
  subscriptions.clear();
}

/** Listens to events on /live while the component is mounted; `workgroupId` also subscribes to that werkgroep. */
export function useLive(events: LiveHandlers, workgroupId?: string) {
  const handlers = useRef(events);
  handlers.current = events;
  const names = Object.keys(events).sort().join(',');

  useEffect(() => {
    const s = connect();
    const listeners = names
      .split(',')
      .filter(Boolean)
      .map((name) => {
        // The server sends each event with its contract payload; the map types the handler by name.
        const listener = (payload: LiveEvents[LiveEventName]) =>
          (handlers.current[name as LiveEventName] as ((p: LiveEvents[LiveEventName]) => void) | undefined)?.(payload);
        s.on(name, listener);
        return [name, listener] as const;
      });
    if (workgroupId) {
      subscriptions.set(workgroupId, (subscriptions.get(workgroupId) ?? 0) + 1);
      if (s.connected) s.emit('subscribe', { workgroupId }, () => undefined);
    }
    return () => {
      for (const [name, listener] of listeners) s.off(name, listener);
      if (workgroupId) {
        const count = (subscriptions.get(workgroupId) ?? 1) - 1;
        if (count <= 0) {
          subscriptions.delete(workgroupId);
          s.emit('unsubscribe', { workgroupId });
        } else subscriptions.set(workgroupId, count);
      }
    };
  }, [names, workgroupId]);
}
