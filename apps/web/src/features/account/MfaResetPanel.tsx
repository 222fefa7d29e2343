import { useState } from 'react';
import type { User } from '@koers/contracts';
import { ErrorMessage, SuccessMessage } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi } from './account-api';

/** Beheer → gebruiker: remove someone's second factor (lost phone); the person is told by mail. */
export function MfaResetPanel({ user }: { user: User }) {
  const [done, setDone] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  return (
    <form
      className="card form"
      aria-labelledby="mfa-reset-kop"
      onSubmit={(event) =>
        submit(event, [], async () => {
          await accountApi.resetMfa(user.id);
          setDone(
            `De tweede factor van ${user.displayName} is verwijderd. Bij het volgende inloggen stelt hij of zij een nieuwe in.`,
          );
        })
      }
    >
      <h2 id="mfa-reset-kop">Tweede factor</h2>
      <p>
        Kwijtgeraakte telefoon? Verwijder de tweede factor en de herstelcodes; {user.displayName} krijgt daarover een
        e-mail.
      </p>
      <ErrorMessage error={error} />
      <SuccessMessage message={done} />
      <FormActions submit="Tweede factor resetten" busy={busy} />
    </form>
  );
}
