import { FormEvent, ReactNode, SelectHTMLAttributes, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { asApiError, Check, Field, focusFirstInvalid, validate } from './common';

/**
 * The submit of a form that checks in the browser, then sends: `submit(event, checks, send)` shows what
 * fails (the checks, or the API's answer) as `error` and puts the focus on the first invalid field; while
 * sending, `busy` is true.
 */
export function useSubmit() {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>, checks: Check[], send: () => Promise<unknown>) {
    event.preventDefault();
    const form = event.currentTarget;
    const invalid = validate(checks);
    setError(invalid);
    if (invalid) return focusFirstInvalid(form);
    setBusy(true);
    try {
      await send();
    } catch (err) {
      setError(asApiError(err));
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  return { error, setError, busy, submit };
}

/** A choice of a select: the value sent and the text shown. */
export type Choice<T extends string = string> = readonly [value: T, label: string];

/** The options of a select, with an optional first option for "none" / "all" (the empty value). */
export function Options<T extends string>({ choices, empty }: { choices: ReadonlyArray<Choice<T>>; empty?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {choices.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

type SelectFieldProps<T extends string> = {
  label: string;
  /** API field name for the validation messages. */
  name: string;
  error?: ApiError | null;
  required?: boolean;
  hint?: string;
  value: T | '';
  choices: ReadonlyArray<Choice<T>>;
} & (
  | { empty?: undefined; onChange: (value: T) => void }
  /** `empty`: the text of a first option with the empty value ("Geen", "Alle statussen"). */
  | { empty: string; onChange: (value: T | '') => void }
);

/** A labelled select (see Field) over a list of choices. */
export function SelectField<T extends string>({ value, onChange, choices, empty, ...field }: SelectFieldProps<T>) {
  return (
    <Field {...field}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value as T)}>
          <Options choices={choices} empty={empty} />
        </select>
      )}
    </Field>
  );
}

/**
 * The row of buttons under a form: the submit button (disabled while `busy`, or while there is nothing to send) and, with `onCancel`,
 * "Annuleren". `before` goes in front of the submit button (e.g. "Nog een actie").
 */
export function FormActions({
  submit,
  busy,
  onCancel,
  small,
  before,
}: {
  submit: ReactNode;
  busy?: boolean;
  onCancel?: () => void;
  small?: boolean;
  before?: ReactNode;
}) {
  const size = small ? ' button-small' : '';
  return (
    <div className="form-actions">
      {before}
      <button type="submit" className={'button' + size} disabled={busy}>
        {submit}
      </button>
      {onCancel && (
        <button type="button" className={'button' + size + ' button-secondary'} onClick={onCancel}>
          Annuleren
        </button>
      )}
    </div>
  );
}

type CommitSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  /** Saves the choice; answering false (not saved, e.g. a dialog asks more first) shows `value` again. */
  onCommit: (value: string) => unknown;
};

/**
 * A select that saves by itself, but never while someone arrows through it (WCAG 3.2.2, on input): a choice
 * made with the mouse or by touch is saved at once; with the keyboard the select only shows the choice and
 * saves it on Enter or when the focus leaves (Esc goes back to the saved value).
 */
export function CommitSelect({ value, onCommit, children, ...rest }: CommitSelectProps) {
  const [draft, setDraft] = useState(value);
  const byKeyboard = useRef(false);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    setDraft(value);
    sent.current = null;
  }, [value]);

  function commit(next: string) {
    if (next === value || next === sent.current) return;
    sent.current = next;
    void Promise.resolve(onCommit(next)).then((saved) => {
      if (saved === false) {
        sent.current = null;
        setDraft(value);
      }
    });
  }

  return (
    <select
      {...rest}
      value={draft}
      onPointerDown={() => (byKeyboard.current = false)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit(draft);
        } else if (event.key === 'Escape' && draft !== value) {
          event.stopPropagation();
          setDraft(value);
        } else if (event.key !== 'Tab' && event.key !== 'Shift') byKeyboard.current = true;
      }}
      onChange={(event) => {
        setDraft(event.target.value);
        if (!byKeyboard.current) commit(event.target.value);
      }}
      onBlur={() => {
        byKeyboard.current = false;
        commit(draft);
      }}
    >
      {children}
    </select>
  );
}
