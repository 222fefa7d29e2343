import { FormEvent, useState } from 'react';
import type { SecondFactorMethod } from '@koers/contracts';
import { ApiError } from '../../api';
import { asApiError, ErrorMessage, Field, PageHeading } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';

/**
 * The second login step: a code from the authenticator app or a recovery code, or a passkey. `methods` are the
 * account's second factors when known (after the password); after single sign-on both ways are offered.
 */
export function MfaStep({
  methods,
  onSubmit,
  onPasskey,
  onRestart,
}: {
  methods?: SecondFactorMethod[];
  onSubmit: (code: string) => Promise<void>;
  onPasskey: () => Promise<void>;
  onRestart: () => void;
}) {
  const [code, setCode] = useState('');
  const { error, busy, submit } = useSubmit();
  const [passkeyError, setPasskeyError] = useState<ApiError | null>(null);
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  const withCode = !methods || methods.includes('totp');
  const withPasskey = !methods || methods.includes('passkey');

  function send(event: FormEvent<HTMLFormElement>) {
    setPasskeyError(null);
    return submit(event, [['code', code.trim().length >= 6, 'Vul de code van zes cijfers in.']], async () => {
      try {
        await onSubmit(code.trim());
      } finally {
        setCode('');
      }
    });
  }

  async function signInWithPasskey() {
    setPasskeyError(null);
    setPasskeyBusy(true);
    try {
      await onPasskey();
    } catch (err) {
      setPasskeyError(asApiError(err));
    } finally {
      setPasskeyBusy(false);
    }
  }

  const shown = passkeyError ?? error;
  const expired = shown?.code === 'UNAUTHENTICATED';
  return (
    <>
      <PageHeading title="Inloggen">Tweede stap</PageHeading>
      <p className="lead">
        {withCode && withPasskey
          ? 'Typ de code van zes cijfers uit uw authenticator-app, of gebruik uw passkey. Geen telefoon bij de hand? Gebruik een herstelcode.'
          : withCode
            ? 'Typ de code van zes cijfers uit uw authenticator-app. Geen telefoon bij de hand? Gebruik een herstelcode.'
            : 'Bevestig met uw passkey: de vingerafdruk, het gezicht of de pincode van uw apparaat, of uw beveiligingssleutel.'}
      </p>
      <ErrorMessage error={shown} title="Inloggen is niet gelukt." />
      {expired && (
        <p>
          <button type="button" className="button button-secondary" onClick={onRestart}>
            Opnieuw inloggen
          </button>
        </p>
      )}
      {withPasskey && (
        <p>
          <button
            type="button"
            className={withCode ? 'button button-secondary' : 'button'}
            disabled={passkeyBusy}
            autoFocus={!withCode}
            onClick={() => void signInWithPasskey()}
          >
            {passkeyBusy ? 'Wachten op uw passkey…' : 'Inloggen met passkey'}
          </button>
        </p>
      )}
      {withCode && (
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
      )}
    </>
  );
}
