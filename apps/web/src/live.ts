/**
 * The /live socket: one Socket.IO connection per tab (same origin; the httpOnly session cookie goes with
 * the handshake). Werkgroep pages subscribe to their werkgroep and receive action.* events; file lists
 * subscribe to their parent and receive file.* events; every socket also receives the user's own notification
 * events.
 */
import { useEffect, useRef } from 'react';
import type { LiveEventName, LiveEvents, LiveFilesSubscription } from '@koers/contracts';
import { io, Socket } from 'socket.io-client';
import { refreshSession } from './api';

/** Handlers per event name, each typed by the contract's event map. */
export type LiveHandlers = { [E in LiveEventName]?: (payload: LiveEvents[E]) => void };

const RETRY_DELAY_MS = 3_000;

let socket: Socket | null = null;
/** Rooms followed by mounted components: key -> how to (re)subscribe and how many components follow it. */
const subscriptions = new Map<string, { event: string; body: object; count: number }>();

function connect(): Socket {
  if (socket) return socket;
  const s = io('/live', { withCredentials: true, transports: ['websocket', 'polling'] });
  s.on('connect', () => {
    // (Re)subscribe after every (re)connect: rooms do not survive a reconnect.
    for (const { event, body } of subscriptions.values()) s.emit(event, body, () => undefined);
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

/**
 * Listens to events on /live while the component is mounted; `workgroupId` also subscribes to that werkgroep,
 * `room` to one parent's file list (file.stored, file.archived).
 */
export function useLive(events: LiveHandlers, workgroupId?: string, room?: LiveFilesSubscription) {
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
    const [key, subscribe, unsubscribe, body] = room
      ? [`files:${room.parentType}:${room.parentId}`, 'files.subscribe', 'files.unsubscribe', room]
      : [`workgroup:${workgroupId}`, 'subscribe', 'unsubscribe', { workgroupId }];
    const follows = Boolean(room || workgroupId);
    if (follows) {
      const current = subscriptions.get(key);
      if (current) current.count += 1;
      else {
        subscriptions.set(key, { event: subscribe, body, count: 1 });
        if (s.connected) s.emit(subscribe, body, () => undefined);
      }
    }
    return () => {
      for (const [name, listener] of listeners) s.off(name, listener);
      const current = follows ? subscriptions.get(key) : undefined;
      if (current) {
        current.count -= 1;
        if (current.count <= 0) {
          subscriptions.delete(key);
          s.emit(unsubscribe, body);
        }
      }
    };
    // The room is identified by its ids; `room` itself is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [names, workgroupId, room?.parentType, room?.parentId]);
}
