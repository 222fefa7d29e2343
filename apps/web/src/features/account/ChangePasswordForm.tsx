import { FormEvent, useState } from 'react';
import { ErrorMessage, Field, SuccessMessage } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi, PASSWORD_HINT } from './account-api';

/** Mijn instellingen: change my own password; my other sessions end. */
export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    return submit(
      event,
      [
        ['currentPassword', currentPassword.length > 0, 'Vul uw huidige wachtwoord in.'],
        ['newPassword', [...newPassword].length >= 12, 'Een wachtwoord heeft minstens 12 tekens.'],
        ['repeat', newPassword === repeat, 'De twee wachtwoorden zijn niet gelijk.'],
      ],
      async () => {
        await accountApi.changePassword(currentPassword, newPassword);
        setCurrentPassword('');
        setNewPassword('');
        setRepeat('');
        setMessage('Uw wachtwoord is gewijzigd. U bent op uw andere apparaten uitgelogd.');
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="wachtwoord-kop">
      <h2 id="wachtwoord-kop">Wachtwoord wijzigen</h2>
      <ErrorMessage error={error} title="Het wachtwoord is niet gewijzigd." />
      <SuccessMessage message={message} />
      <Field label="Huidig wachtwoord" name="currentPassword" error={error} required>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
          />
        )}
      </Field>
      <Field label="Nieuw wachtwoord" name="newPassword" error={error} required hint={PASSWORD_HINT}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
          />
        )}
      </Field>
      <Field label="Herhaal het nieuwe wachtwoord" name="repeat" error={error} required>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
          />
        )}
      </Field>
      <FormActions submit="Wachtwoord wijzigen" busy={busy} />
    </form>
  );
}
