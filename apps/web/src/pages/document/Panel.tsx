import { ReactNode, useEffect } from 'react';
import type { CollabSignal } from '@koers/contracts';
import type { CollabDocument } from '../../collab/provider';

/**
 * A side panel of the editor: a region with a heading whose button shows or hides the contents
 * (on a tablet the panels sit below the text and are closed until needed).
 */
export function Panel({
  id,
  title,
  summary,
  open,
  onToggle,
  children,
}: {
  id: string;
  title: string;
  summary?: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-kop`}>
      <h2 id={`${id}-kop`} className="panel-heading">
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={open}
          aria-controls={`${id}-inhoud`}
          onClick={() => onToggle(!open)}
        >
          <span className="panel-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
          {summary && <span className="panel-summary"> ({summary})</span>}
        </button>
      </h2>
      <div id={`${id}-inhoud`} className="panel-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/**
 * Runs a panel's `load` now, whenever the server signals `signal` for the document, and when the document
 * is back online after a reconnect (signals may have been missed meanwhile).
 */
export function useSignalledLoad(collab: CollabDocument, signal: CollabSignal, load: () => Promise<void>) {
  useEffect(() => {
    void load();
    const offSignal = collab.onSignal((received) => received === signal && void load());
    let online = collab.getSnapshot().status === 'online';
    const offSnapshot = collab.subscribe(() => {
      const now = collab.getSnapshot().status === 'online';
      if (now && !online) void load();
      online = now;
    });
    return () => {
      offSignal();
      offSnapshot();
    };
  }, [collab, signal, load]);
}
