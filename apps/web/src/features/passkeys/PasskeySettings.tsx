import { FormEvent, useState } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { asApiError, ErrorMessage, Field, Loading, SuccessMessage, useApi } from '../../components/common';
import { useConfirm } from '../../components/dialog';
import { FormActions, useSubmit } from '../../components/forms';
import { formatDateTime } from '../../labels';
import { passkeyApi } from './passkey-api';

/**
 * Mijn instellingen > Passkeys: a passkey (the device's fingerprint, face or PIN, or a security key) as a
 * second factor beside the authenticator app; added with a name, listed, removed. `onChanged` tells the
 * page that the person's second factors changed (the notice "verplicht" may go).
 */
export function PasskeySettings({ onChanged }: { onChanged?: () => void }) {
  const passkeys = useApi(() => passkeyApi.list(), []);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { error, setError, busy, submit } = useSubmit();
  const confirm = useConfirm();
  const supported = browserSupportsWebAuthn();

  function add(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    return submit(
      event,
      [['name', name.trim().length > 0, 'Geef de passkey een naam, bijvoorbeeld "Laptop werk".']],
      async () => {
        const added = await passkeyApi.add(name.trim());
        setName('');
        setMessage(
          `Passkey “${added.name}” is toegevoegd. U kunt er voortaan mee inloggen in plaats van met een code.`,
        );
        await passkeys.reload();
        onChanged?.();
      },
    );
  }

  async function remove(id: string, passkeyName: string) {
    if (
      !(await confirm({
        title: `Passkey “${passkeyName}” verwijderen?`,
        message: 'U kunt daarna niet meer met deze passkey inloggen.',
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    setError(null);
    setMessage(null);
    try {
      await passkeyApi.remove(id);
      setMessage(`Passkey “${passkeyName}” is verwijderd.`);
      await passkeys.reload();
      onChanged?.();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <section className="card form" aria-labelledby="passkeys-kop">
      <h2 id="passkeys-kop">Passkeys</h2>
      <p>
        Met een passkey logt u in met de vingerafdruk, het gezicht of de pincode van uw apparaat, of met een
        beveiligingssleutel, in plaats van met een code uit de authenticator-app. Een passkey telt als tweede factor.
      </p>
      <SuccessMessage message={message} />
      <ErrorMessage error={passkeys.error} />
      {passkeys.loading && !passkeys.data && <Loading what="Uw passkeys" plural />}
      {passkeys.data && passkeys.data.length === 0 && <p>U heeft nog geen passkeys.</p>}
      {passkeys.data && passkeys.data.length > 0 && (
        <ul className="session-list" aria-label="Mijn passkeys">
          {passkeys.data.map((passkey) => (
            <li key={passkey.id} className="session-item">
              <div>
                <strong>{passkey.name}</strong>
                <div className="muted">
                  Toegevoegd {formatDateTime(passkey.createdAt)} ·{' '}
                  {passkey.lastUsedAt ? `laatst gebruikt ${formatDateTime(passkey.lastUsedAt)}` : 'nog niet gebruikt'}
                </div>
              </div>
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={`Passkey ${passkey.name} verwijderen`}
                onClick={() => void remove(passkey.id, passkey.name)}
              >
                Verwijderen
              </button>
            </li>
          ))}
        </ul>
      )}
      {supported ? (
        <form onSubmit={add} noValidate aria-label="Passkey toevoegen">
          <ErrorMessage error={error} title="Toevoegen is niet gelukt." />
          <Field
            label="Naam van de passkey"
            name="name"
            error={error}
            required
            hint='Zodat u hem herkent, bijvoorbeeld "Laptop werk" of "Beveiligingssleutel".'
          >
            {(props) => <input {...props} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <FormActions submit="Passkey toevoegen" busy={busy} />
        </form>
      ) : (
        <p className="alert alert-info">Deze browser ondersteunt geen passkeys. Gebruik een authenticator-app.</p>
      )}
    </section>
  );
}
