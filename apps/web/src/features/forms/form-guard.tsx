import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useBlocker } from 'react-router-dom';
import { ConfirmDialog } from '../../components/dialog';

const DRAFT_PREFIX = 'koers.concept.';

/** The draft kept in this browser for `key`, if any. */
export function storedDraft<D>(key: string): D | null {
  try {
    const text = window.localStorage.getItem(DRAFT_PREFIX + key);
    return text ? (JSON.parse(text) as D) : null;
  } catch {
    return null;
  }
}

function storeDraft(key: string, draft: unknown) {
  try {
    window.localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the warning before leaving still protects the text.
  }
}

export function clearStoredDraft(key: string) {
  try {
    window.localStorage.removeItem(DRAFT_PREFIX + key);
  } catch {
    // Nothing to clear.
  }
}

/** The forms that hold unsaved input right now; one guard (in the layout) watches them all. */
const dirtyForms = new Set<symbol>();
const listeners = new Set<() => void>();

function markDirty(form: symbol, dirty: boolean) {
  const had = dirtyForms.has(form);
  if (dirty) dirtyForms.add(form);
  else dirtyForms.delete(form);
  if (had !== dirty) listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const anyDirty = () => dirtyForms.size > 0;

/**
 * Rendered once in the layout: while any form holds unsaved input, leaving is asked first (a tab or link
 * inside the app through the router, a reload or closing the tab through the browser).
 */
export function UnsavedChangesGuard() {
  const dirty = useSyncExternalStore(subscribe, anyDirty);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      anyDirty() &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title="Niet-opgeslagen wijzigingen"
      confirmLabel="Weggaan zonder opslaan"
      onCancel={() => blocker.reset()}
      onConfirm={() => blocker.proceed()}
    >
      <p>
        U heeft wijzigingen die nog niet zijn opgeslagen. Blijf op deze pagina om ze op te slaan. Lange teksten bewaart
        deze browser als concept tot u ze opslaat.
      </p>
    </ConfirmDialog>
  );
}

interface FormGuardOptions<D> {
  /** The form holds input that is not saved. */
  dirty: boolean;
  /**
   * Keeps the input in this browser (localStorage) under this key while it is not saved, so a reload, a crash
   * or leaving anyway loses nothing; `draft` is what to keep. Use it for forms with long text fields.
   */
  draftKey?: string;
  draft?: D;
}

/**
 * One hook for every edit form: while `dirty`, the layout's guard asks before leaving, and (with `draftKey`)
 * the input is kept as a draft in the browser until it is saved. Call `saved()` after a save.
 */
export function useFormGuard<D>({ dirty, draftKey, draft }: FormGuardOptions<D>) {
  const form = useRef(Symbol('form'));
  useEffect(() => {
    const token = form.current;
    markDirty(token, dirty);
    return () => markDirty(token, false);
  }, [dirty]);

  const serialised = draft === undefined ? undefined : JSON.stringify(draft);
  useEffect(() => {
    if (!draftKey || serialised === undefined) return;
    if (dirty) storeDraft(draftKey, JSON.parse(serialised));
    else clearStoredDraft(draftKey);
  }, [draftKey, dirty, serialised]);

  return {
    /** After a successful save: the draft is no longer needed. */
    saved: () => {
      markDirty(form.current, false);
      if (draftKey) clearStoredDraft(draftKey);
    },
  };
}

/**
 * What `useGuardedForm` keeps in the browser: the values the form was opened with, the input, and the version of
 * the stored state the form was opened at (for versioned resources).
 */
type KeptForm<V> = { base: V; draft: V; version?: number };

/** Where a restored draft started: a save of it must be based on this, not on what the page reads now. */
export interface DraftOrigin<V> {
  base: V;
  version: number;
}

interface GuardedFormOptions<V extends Record<string, unknown>> {
  /** The form's input right now (all its fields, as plain values). */
  values: V;
  /** Keeps the input in this browser under this key until it is saved (forms with long text fields). */
  draftKey?: string;
  /**
   * Puts input back into the form: a draft from an earlier visit when the form opens (only the fields the
   * person changed, on top of what is stored now), or the opening values when the draft is thrown away. With
   * `version`, a restored draft also says where it started (`origin`): the form saves it based on that, so a
   * change someone else made in between is combined or asked about, never overwritten unseen.
   */
  restore?: (values: V, origin?: DraftOrigin<V>) => void;
  /** The version of the stored state the form's values are based on (versioned resources). */
  version?: number;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The guard for a form whose fields are separate pieces of state: dirty while `values` differ from what the
 * form opened with; with `draftKey` and `restore` the input survives a reload, a crash or leaving anyway, and
 * comes back (with a notice) when the form opens again. Call `saved()` when the save went through (before
 * navigating away), `discard()` when the person cancels on purpose.
 */
export function useGuardedForm<V extends Record<string, unknown>>({
  values,
  draftKey,
  restore,
  version,
}: GuardedFormOptions<V>) {
  const [base, setBase] = useState(values);
  const [restored, setRestored] = useState(false);
  // Read before the first effects run: while the form is not dirty yet, the guard clears the stored draft.
  const [kept] = useState(() => (draftKey && restore ? storedDraft<KeptForm<V>>(draftKey) : null));
  const latest = useRef(values);
  latest.current = values;
  const dirty = !sameValue(base, values);
  const guard = useFormGuard<KeptForm<V> | undefined>({
    dirty,
    draftKey,
    draft: draftKey ? { base, draft: values, version } : undefined,
  });

  // Once, when the form opens: bring back what this browser kept of an earlier visit.
  useEffect(() => {
    if (!restore || !kept || typeof kept !== 'object' || !kept.base || !kept.draft) return;
    const changed = Object.keys(base).filter((key) => !sameValue(kept.draft[key], kept.base[key]));
    if (!changed.length) return;
    const origin = typeof kept.version === 'number' ? { base: kept.base, version: kept.version } : undefined;
    restore({ ...base, ...Object.fromEntries(changed.map((key) => [key, kept.draft[key]])) }, origin);
    setRestored(true);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  function discard() {
    if (draftKey) clearStoredDraft(draftKey);
    setRestored(false);
    restore?.(base);
    guard.saved();
  }

  return {
    dirty,
    /**
     * After a successful save: nothing unsaved any more, the draft is gone. Pass what the form shows now when
     * it is not what was typed (after "Hun versie nemen" the form shows the other's values).
     */
    saved: (shown?: V) => {
      setBase(shown ?? latest.current);
      setRestored(false);
      guard.saved();
    },
    discard,
    /** Says that input of an earlier visit was put back, and lets the person throw it away. */
    notice: restored ? (
      <div className="alert alert-info" role="status">
        Uw niet-opgeslagen invoer van een eerder bezoek is teruggezet.{' '}
        <button type="button" className="button button-secondary button-small" onClick={discard}>
          Concept weggooien
        </button>
      </div>
    ) : null,
  };
}
