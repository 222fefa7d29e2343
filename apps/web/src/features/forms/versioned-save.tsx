import { ReactNode, useId, useState } from 'react';
import { ApiError } from '../../api';
import { useModalDialog } from '../../components/dialog';

/** The editable fields of a resource, by the names the API uses for them. */
export type FieldValues = Record<string, unknown>;

interface VersionedSaveOptions<T extends { version: number }, F extends FieldValues> {
  /** The editable fields of a representation (the base the form started from, or the stored one). */
  fieldsOf: (resource: T) => F;
  /** A Dutch label per field, shown in the conflict dialog. */
  labels: (key: string) => string;
  /** How a value reads in the dialog (default: as text). */
  format?: (key: string, value: unknown) => string;
  /** Sends only the changed fields with the version they are based on. */
  save: (changes: Partial<F>, version: number) => Promise<T>;
  /** Reads the stored state when a conflict came without it. */
  reload: () => Promise<T>;
  /** The form's view of the state a conflict answer carries (the API's representation); default: as is. */
  fromCurrent?: (current: unknown) => T;
  /** The stored state after a save, or after "Hun versie nemen": the form shows it. */
  onSaved: (resource: T) => void;
}

interface Conflict<T, F> {
  current: T;
  base: F;
  mine: Partial<F>;
  /** Fields both changed, to different values. */
  clashing: string[];
  /** Fields only the other person changed: kept whatever is chosen. */
  alsoChanged: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `draft` that differ from `base`. */
export function changedFields<F extends FieldValues>(base: F, draft: F): Partial<F> {
  return Object.fromEntries(Object.entries(draft).filter(([key, value]) => !same(value, base[key]))) as Partial<F>;
}

/**
 * Saving an edit form without losing anyone's work, for every versioned resource: sends only what this person
 * changed, with the version the form was loaded at. When someone else saved in between (409 STALE_VERSION),
 * changes to different fields are combined without asking; fields both changed are shown side by side, and
 * the person keeps theirs, takes the other's, or chooses per field.
 */
export function useVersionedSave<T extends { version: number }, F extends FieldValues>(
  options: VersionedSaveOptions<T, F>,
) {
  const [conflict, setConflict] = useState<Conflict<T, F> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function attempt(base: F, changes: Partial<F>, version: number): Promise<boolean> {
    try {
      const saved = await options.save(changes, version);
      setConflict(null);
      options.onSaved(saved);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'STALE_VERSION') throw err;
      const current =
        err.current === undefined
          ? await options.reload()
          : options.fromCurrent
            ? options.fromCurrent(err.current)
            : (err.current as T);
      const theirs = options.fieldsOf(current);
      const changedByThem = Object.keys(theirs).filter((key) => !same(theirs[key], base[key]));
      const clashing = changedByThem.filter((key) => key in changes && !same(theirs[key], changes[key]));
      // Nothing both changed: my changes go on top of theirs, nobody needs to choose.
      if (!clashing.length) return attempt(theirs, changes, current.version);
      setConflict({
        current,
        base,
        mine: changes,
        clashing,
        alsoChanged: changedByThem.filter((key) => !(key in changes)),
      });
      return false;
    }
  }

  /** Saves `draft` (the whole form) against `base` (what it was loaded from). False while a conflict is open. */
  async function submit(base: T, draft: F): Promise<boolean> {
    const changes = changedFields(options.fieldsOf(base), draft);
    if (!Object.keys(changes).length) return true;
    return attempt(options.fieldsOf(base), changes, base.version);
  }

  async function resolve(keepMine: (key: string) => boolean) {
    if (!conflict) return;
    const { current, mine, clashing } = conflict;
    const chosen = Object.fromEntries(
      Object.entries(mine).filter(([key]) => !clashing.includes(key) || keepMine(key)),
    ) as Partial<F>;
    setBusy(true);
    setError(null);
    try {
      if (Object.keys(chosen).length) await attempt(options.fieldsOf(current), chosen, current.version);
      else {
        setConflict(null);
        options.onSaved(current);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'Opslaan is niet gelukt.'));
    } finally {
      setBusy(false);
    }
  }

  const format = options.format ?? ((_: string, value: unknown) => (value == null ? '' : String(value)));
  const dialog: ReactNode = conflict ? (
    <ConflictDialog
      rows={conflict.clashing.map((key) => ({
        key,
        label: options.labels(key),
        mine: format(key, conflict.mine[key]),
        theirs: format(key, options.fieldsOf(conflict.current)[key]),
      }))}
      alsoChanged={conflict.alsoChanged.map(options.labels)}
      busy={busy}
      error={error}
      onResolve={(keepMine) => void resolve(keepMine)}
      onCancel={() => setConflict(null)}
    />
  ) : null;

  return { submit, dialog, conflictOpen: conflict !== null };
}

interface ConflictRow {
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

/** Shows what both changed and lets the person keep theirs, take the other's, or choose per field. */
function ConflictDialog({
  rows,
  alsoChanged,
  busy,
  error,
  onResolve,
  onCancel,
}: {
  rows: ConflictRow[];
  alsoChanged: string[];
  busy: boolean;
  error: ApiError | null;
  onResolve: (keepMine: (key: string) => boolean) => void;
  onCancel: () => void;
}) {
  const modal = useModalDialog(onCancel);
  const headingId = useId();
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  return (
    <dialog {...modal} className="dialog conflict-dialog" aria-labelledby={headingId}>
      <h2 id={headingId}>Iemand anders heeft dit intussen gewijzigd</h2>
      <p>
        Terwijl u dit bewerkte, heeft iemand anders een nieuwere versie opgeslagen. Er gaat niets verloren: kies wat u
        wilt bewaren.
      </p>
      {alsoChanged.length > 0 && (
        <p className="muted">Ook door de ander gewijzigd en bewaard: {alsoChanged.join(', ')}.</p>
      )}
      {rows.map((row) => (
        <fieldset key={row.key} className="conflict-field">
          <legend>{row.label}</legend>
          <div className="conflict-versions">
            <div>
              <strong>Hun versie</strong>
              <p className="conflict-text">{row.theirs || <em>(leeg)</em>}</p>
            </div>
            <div>
              <strong>Uw versie</strong>
              <p className="conflict-text">{row.mine || <em>(leeg)</em>}</p>
            </div>
          </div>
          {rows.length > 1 && (
            <div className="conflict-choice">
              <label>
                <input
                  type="radio"
                  name={`keuze-${row.key}`}
                  checked={(choice[row.key] ?? 'mine') === 'mine'}
                  onChange={() => setChoice({ ...choice, [row.key]: 'mine' })}
                />{' '}
                Mijn versie
              </label>{' '}
              <label>
                <input
                  type="radio"
                  name={`keuze-${row.key}`}
                  checked={choice[row.key] === 'theirs'}
                  onChange={() => setChoice({ ...choice, [row.key]: 'theirs' })}
                />{' '}
                Hun versie
              </label>
            </div>
          )}
        </fieldset>
      ))}
      {error && (
        <div className="alert alert-error" role="alert">
          {error.message}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => onResolve(() => true)}>
          Mijn versie houden
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => onResolve(() => false)}
        >
          Hun versie nemen
        </button>
        {rows.length > 1 && (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => onResolve((key) => (choice[key] ?? 'mine') === 'mine')}
          >
            Samenvoegen zoals gekozen
          </button>
        )}
      </div>
    </dialog>
  );
}
