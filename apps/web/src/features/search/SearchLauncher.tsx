import { KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SearchHit, SearchResult } from '@koers/contracts';
import { ApiError } from '../../api';
import { useModalDialog } from '../../components/dialog';
import { Highlighted } from './Highlighted';
import { searchApi } from './search-api';
import './search.css';

/** Waiting this long after the last keystroke before asking the server. */
const TYPING_PAUSE_MS = 200;

/**
 * The search button of the header, and its shortcuts: Ctrl+K (⌘K) anywhere, "/" outside text fields.
 * Opens the search dialog.
 */
export function SearchLauncher() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (event.defaultPrevented) return;
      const shortcut = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
      if (!shortcut && !slash) return;
      event.preventDefault();
      setOpen(true);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button-secondary button-small search-launcher"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K /"
      >
        <span aria-hidden="true">⌕</span> Zoeken
        <kbd className="search-launcher-hint" aria-hidden="true">
          Ctrl K
        </kbd>
      </button>
      {open && <SearchDialog onClose={close} />}
    </>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * A modal dialog with a combobox (WAI-ARIA 1.2): the text field keeps the focus, the arrow keys move through
 * the results (aria-activedescendant), Enter opens the active one, Esc closes. Results are grouped by kind.
 */
function SearchDialog({ onClose }: { onClose: () => void }) {
  const modal = useModalDialog(onClose);
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(0);
  const asked = useRef(0);

  const q = text.trim();
  useEffect(() => {
    if (q.length < 2) {
      setResult(null);
      setError(null);
      setBusy(false);
      return;
    }
    const ticket = ++asked.current;
    setBusy(true);
    const timer = setTimeout(() => {
      searchApi.search(q).then(
        (found) => {
          if (ticket !== asked.current) return;
          setResult(found);
          setError(null);
          setActive(0);
          setBusy(false);
        },
        (err: unknown) => {
          if (ticket !== asked.current) return;
          setError(err instanceof ApiError ? err.message : 'Zoeken lukte niet. Probeer het opnieuw.');
          setBusy(false);
        },
      );
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const hits = useMemo(() => result?.groups.flatMap((g) => g.hits) ?? [], [result]);
  const optionId = (index: number) => `${id}-option-${index}`;
  const listId = `${id}-list`;

  function openHit(hit: SearchHit) {
    if (!hit.link) return;
    onClose();
    void navigate(hit.link);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!hits.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + hits.length) % hits.length);
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) openHit(hit);
    }
  }

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, result]);

  const status = busy
    ? 'Bezig met zoeken…'
    : error
      ? error
      : result
        ? hits.length === 0
          ? `Niets gevonden voor “${result.query}”.`
          : `${hits.length} ${hits.length === 1 ? 'resultaat' : 'resultaten'}. Pijltjestoetsen om te kiezen, Enter om te openen.`
        : 'Typ ten minste twee tekens.';

  let index = -1;
  return (
    <dialog {...modal} className="dialog search-dialog" aria-labelledby={`${id}-title`}>
      <div className="search-head">
        <h2 id={`${id}-title`} className="visually-hidden">
          Zoeken
        </h2>
        <label htmlFor={`${id}-input`} className="visually-hidden">
          Zoek in documenten, acties, sessies, kennisbank, personen en organisaties
        </label>
        <input
          id={`${id}-input`}
          className="search-input"
          type="text"
          enterKeyHint="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length ? optionId(active) : undefined}
          aria-describedby={`${id}-status`}
          placeholder="Zoeken…"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Sluiten
        </button>
      </div>
      <p id={`${id}-status`} className="search-status" role="status" aria-live="polite">
        {status}
      </p>
      <div id={listId} role="listbox" aria-label="Zoekresultaten" className="search-results">
        {result?.groups.map((group) => (
          <div key={group.kind} role="group" aria-labelledby={`${id}-group-${group.kind}`} className="search-group">
            <div id={`${id}-group-${group.kind}`} role="presentation" className="search-group-label">
              {group.label}
              {group.more && <span className="search-more"> (meer gevonden: zoek preciezer)</span>}
            </div>
            {group.hits.map((hit) => {
              index += 1;
              const mine = index;
              return (
                <div
                  key={`${hit.kind}-${hit.id}`}
                  id={optionId(mine)}
                  role="option"
                  aria-selected={mine === active}
                  className={`search-hit${mine === active ? ' search-hit-active' : ''}${hit.link ? '' : ' search-hit-nolink'}`}
                  onMouseMove={() => setActive(mine)}
                  onClick={() => openHit(hit)}
                >
                  <span className="search-hit-title">
                    <Highlighted value={hit.title} />
                  </span>
                  {hit.context && <span className="search-hit-context">{hit.context}</span>}
                  {hit.snippet && (
                    <span className="search-hit-snippet">
                      <Highlighted value={hit.snippet} />
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </dialog>
  );
}
