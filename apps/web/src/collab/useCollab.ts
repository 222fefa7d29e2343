import { useEffect, useState, useSyncExternalStore } from 'react';
import { collab, CollabDocument, CollabSnapshot } from './provider';

const INITIAL: CollabSnapshot = {
  status: 'connecting',
  readOnly: false,
  loaded: false,
  unacknowledged: false,
  message: null,
};
const noSubscription = () => () => undefined;
const initialSnapshot = () => INITIAL;

/** Opens a collaborative document for as long as the component is mounted (shared within the tab). */
export function useCollabDocument(documentId: string | null): {
  document: CollabDocument | null;
  snapshot: CollabSnapshot;
} {
  const [document, setDocument] = useState<CollabDocument | null>(null);
  useEffect(() => {
    if (!documentId) return;
    const opened = collab.open(documentId);
    setDocument(opened);
    return () => {
      collab.release(opened);
      setDocument(null);
    };
  }, [documentId]);
  const snapshot = useSyncExternalStore(
    document?.subscribe ?? noSubscription,
    document?.getSnapshot ?? initialSnapshot,
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
