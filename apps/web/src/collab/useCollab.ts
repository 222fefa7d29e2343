import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CollabDocument, CollabSnapshot } from './provider';

const INITIAL: CollabSnapshot = {
  status: 'connecting',
  readOnly: false,
  loaded: false,
  unacknowledged: false,
  message: null,
};
const LOAD_FAILED: CollabSnapshot = {
  ...INITIAL,
  status: 'error',
  message: 'De editor kon niet worden geladen. Controleer uw verbinding en laad de pagina opnieuw.',
};
const noSubscription = () => () => undefined;
const initialSnapshot = () => INITIAL;
const failedSnapshot = () => LOAD_FAILED;

/**
 * The provider (Yjs, y-indexeddb, Socket.IO) is a chunk of its own, loaded when a document is opened: the
 * document page paints its heading and facts without waiting for it, and its evaluation is a task of its own
 * rather than part of the editor's.
 */
const loadProvider = () => import('./provider');

/** Opens a collaborative document for as long as the component is mounted (shared within the tab). */
export function useCollabDocument(documentId: string | null): {
  document: CollabDocument | null;
  snapshot: CollabSnapshot;
} {
  const [document, setDocument] = useState<CollabDocument | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  useEffect(() => {
    if (!documentId) return;
    let active = true;
    let release: (() => void) | null = null;
    loadProvider().then(
      ({ collab }) => {
        if (!active) return;
        const opened = collab.open(documentId);
        release = () => collab.release(opened);
        setLoadFailed(false);
        setDocument(opened);
      },
      () => {
        if (active) setLoadFailed(true);
      },
    );
    return () => {
      active = false;
      release?.();
      setDocument(null);
    };
  }, [documentId]);
  const snapshot = useSyncExternalStore(
    document?.subscribe ?? noSubscription,
    document?.getSnapshot ?? (loadFailed ? failedSnapshot : initialSnapshot),
  );
  return { document, snapshot };
}

/** Asks the browser to warn before the page is left while changes are not yet stored. */
export function useWarnBeforeUnload(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set; the text itself is not shown by modern browsers.
      event.returnValue = 'Er zijn wijzigingen die nog niet zijn opgeslagen.';
      return event.returnValue;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}

export interface Participant {
  clientId: number;
  name: string;
  color: string | null;
  self: boolean;
}

/** The people present in the document, from the awareness states (one entry per person). */
export function usePresence(document: CollabDocument | null, selfName: string): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([]);
  useEffect(() => {
    if (!document) {
      setParticipants([]);
      return;
    }
    const { awareness } = document;
    const compute = () => {
      const seen = new Set<string>();
      const list: Participant[] = [{ clientId: awareness.clientID, name: selfName, color: null, self: true }];
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const user = (state as { user?: { id?: string; name?: string; color?: string } }).user;
        if (!user?.name) continue;
        const key = user.id ?? user.name;
        if (seen.has(key)) continue;
        seen.add(key);
        list.push({
          clientId,
          name: user.name,
          color: typeof user.color === 'string' ? user.color : null,
          self: false,
        });
      }
      setParticipants((current) => (sameParticipants(current, list) ? current : list));
    };
    compute();
    awareness.on('change', compute);
    return () => awareness.off('change', compute);
  }, [document, selfName]);
  return participants;
}

function sameParticipants(a: Participant[], b: Participant[]) {
  return (
    a.length === b.length &&
    a.every((p, i) => p.clientId === b[i].clientId && p.name === b[i].name && p.color === b[i].color)
  );
}
