import { FormEvent, useState } from 'react';
import { ErrorMessage, Field, SuccessMessage } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi } from './account-api';
import { NewPasswordFields, newPasswordChecks } from './NewPasswordFields';

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
        ...newPasswordChecks('newPassword', newPassword, repeat),
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
      <NewPasswordFields
        name="newPassword"
        password={newPassword}
        onPassword={setNewPassword}
        repeat={repeat}
        onRepeat={setRepeat}
        repeatLabel="Herhaal het nieuwe wachtwoord"
        error={error}
      />
      <FormActions submit="Wachtwoord wijzigen" busy={busy} />
    </form>
  );
}
