import { FormEvent, useState } from 'react';
import { ErrorMessage, Field, PageHeading } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';

/** The second login step: a code from the authenticator app, or a recovery code. */
export function MfaStep({ onSubmit, onRestart }: { onSubmit: (code: string) => Promise<void>; onRestart: () => void }) {
  const [code, setCode] = useState('');
  const { error, busy, submit } = useSubmit();

  function send(event: FormEvent<HTMLFormElement>) {
    return submit(event, [['code', code.trim().length >= 6, 'Vul de code van zes cijfers in.']], async () => {
      try {
        await onSubmit(code.trim());
      } finally {
        setCode('');
      }
    });
  }

  const expired = error?.code === 'UNAUTHENTICATED';
  return (
    <>
      <PageHeading title="Inloggen">Tweede stap</PageHeading>
      <p className="lead">
        Typ de code van zes cijfers uit uw authenticator-app. Geen telefoon bij de hand? Gebruik een herstelcode.
      </p>
      <ErrorMessage error={error} title="Inloggen is niet gelukt." />
      {expired && (
        <p>
          <button type="button" className="button button-secondary" onClick={onRestart}>
            Opnieuw inloggen
          </button>
        </p>
      )}
      <form onSubmit={send} noValidate className="card form" aria-label="Tweede stap">
        <Field label="Code" name="code" error={error} required>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </Field>
        <FormActions submit="Inloggen" busy={busy} />
      </form>
    </>
  );
}
