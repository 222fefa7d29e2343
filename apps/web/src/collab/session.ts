/**
 * What logging out must know about open documents, without loading the editor code (Yjs, Socket.IO) into
 * the main bundle: whether changes are still unacknowledged, and how to forget the local copies.
 */

export const LOCAL_COPY_PREFIX = 'koers-document-';

interface OpenDocuments {
  hasUnacknowledged: () => boolean;
  closeAll: () => void;
}

let registered: OpenDocuments | null = null;

/** Called by the collab provider once it is loaded. */
export function registerOpenDocuments(documents: OpenDocuments) {
  registered = documents;
}

export function hasUnacknowledgedChanges(): boolean {
  return registered?.hasUnacknowledged() ?? false;
}

/**
 * At logout: closes the socket and deletes the documents' local copies (IndexedDB), so the next person
 * on this browser finds no document content.
 */
export async function forgetLocalCopies(): Promise<void> {
  registered?.closeAll();
  try {
    const databases = (await indexedDB.databases?.()) ?? [];
    await Promise.all(
      databases
        .filter((db) => db.name?.startsWith(LOCAL_COPY_PREFIX))
        .map(
          (db) =>
            new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(db.name as string);
              request.onsuccess = request.onerror = request.onblocked = () => resolve();
            }),
        ),
    );
  } catch {
    // No IndexedDB: nothing stored.
  }
}
