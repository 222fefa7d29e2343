import { ReactNode } from 'react';

/**
 * A side panel of the editor: a region with a heading whose button shows or hides the contents
 * (on a tablet the panels sit below the text and are closed until needed).
 */
export function Panel({ id, title, summary, open, onToggle, children }: { id: string; title: string; summary?: string; open: boolean; onToggle: (open: boolean) => void; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-kop`}>
      <h2 id={`${id}-kop`} className="panel-heading">
        <button type="button" className="panel-toggle" aria-expanded={open} aria-controls={`${id}-inhoud`} onClick={() => onToggle(!open)}>
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
