import { ReactNode } from 'react';
import { ApiError } from '../api';
import { Field } from './common';

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
export function FormActions({ submit, busy, onCancel, small, before }: { submit: ReactNode; busy?: boolean; onCancel?: () => void; small?: boolean; before?: ReactNode }) {
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
