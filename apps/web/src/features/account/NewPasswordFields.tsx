import type { ApiError } from '../../api';
import { Check, Field } from '../../components/common';
import { PASSWORD_HINT } from './account-api';

interface NewPasswordFieldsProps {
  /** The field the API names in its errors ("password" or "newPassword"). */
  name: string;
  password: string;
  onPassword(value: string): void;
  repeat: string;
  onRepeat(value: string): void;
  repeatLabel: string;
  error: ApiError | null;
}

/** A new password and its repetition, as the invitation, reset and change forms ask for it. */
export function NewPasswordFields({
  name,
  password,
  onPassword,
  repeat,
  onRepeat,
  repeatLabel,
  error,
}: NewPasswordFieldsProps) {
  return (
    <>
      <Field label="Nieuw wachtwoord" name={name} error={error} required hint={PASSWORD_HINT}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => onPassword(event.target.value)}
          />
        )}
      </Field>
      <Field label={repeatLabel} name="repeat" error={error} required>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => onRepeat(event.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** The browser-side checks of a new password, in the form of useSubmit's checks. */
export function newPasswordChecks(name: string, password: string, repeat: string): Check[] {
  return [
    [name, [...password].length >= 12, 'Een wachtwoord heeft minstens 12 tekens.'],
    ['repeat', password === repeat, 'De twee wachtwoorden zijn niet gelijk.'],
  ];
}
