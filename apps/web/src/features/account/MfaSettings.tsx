import { FormEvent, useState } from 'react';
import { ErrorMessage, Field, Loading, useApi } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi } from './account-api';

/**
 * Mijn instellingen: set up a second factor (authenticator app) and see the recovery codes once. `refreshKey`
 * reads the status again (a passkey was added or removed beside it).
 */
export function MfaSettings({ mustEnrol, refreshKey = 0 }: { mustEnrol: boolean; refreshKey?: number }) {
  const status = useApi(() => accountApi.mfaStatus(), [refreshKey]);
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { error, busy, submit } = useSubmit();

  function start(event: FormEvent<HTMLFormElement>) {
    return submit(event, [], async () => setSetup(await accountApi.startMfa()));
  }
  function confirm(event: FormEvent<HTMLFormElement>) {
    return submit(event, [['code', /^\d{6}$/.test(code.trim()), 'Vul de code van zes cijfers in.']], async () => {
      setRecoveryCodes((await accountApi.confirmMfa(code.trim())).recoveryCodes);
      setSetup(null);
      await status.reload();
    });
  }

  return (
    <section className="card form" aria-labelledby="tweede-factor-kop">
      <h2 id="tweede-factor-kop">Tweede factor</h2>
      {(mustEnrol || status.data?.required) && !status.data?.enabled && !status.data?.passkeys && (
        <p className="alert alert-info" role="status">
          Voor uw account is een tweede factor verplicht. Stel die nu in met een authenticator-app, of voeg hieronder
          een passkey toe.
        </p>
      )}
      <ErrorMessage error={status.error || error} />
      {!status.data && !status.error && <Loading what="Uw tweede factor" />}
      {recoveryCodes && (
        <div className="alert alert-success" role="status">
          <p>
            De tweede factor staat aan. Bewaar deze herstelcodes op een veilige plek: u ziet ze maar één keer, en elke
            code werkt één keer als u uw telefoon niet bij de hand heeft.
          </p>
          <ul className="recovery-codes" aria-label="Herstelcodes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.data?.enabled && !recoveryCodes && (
        <p>
          De tweede factor staat aan. U heeft nog {status.data.recoveryCodesLeft} ongebruikte herstelcodes. Nieuwe
          telefoon? Vraag het secretariaat uw tweede factor te resetten.
        </p>
      )}
      {status.data && !status.data.enabled && !setup && (
        <form onSubmit={start} noValidate aria-label="Tweede factor instellen">
          <p>
            Met een authenticator-app (bijvoorbeeld op uw diensttelefoon) vraagt Koers bij het inloggen ook een code.
          </p>
          <FormActions submit="Tweede factor instellen" busy={busy} />
        </form>
      )}
      {setup && (
        <form onSubmit={confirm} noValidate aria-label="Tweede factor bevestigen">
          <p>
            Scan deze QR-code met uw authenticator-app, of typ de sleutel over. Vul daarna de code in die de app toont.
          </p>
          {/* The SVG is drawn by our own server from the otpauth URI (no third party). */}
          <div
            className="mfa-qr"
            role="img"
            aria-label="QR-code voor de authenticator-app"
            dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
          />
          <p>
            Sleutel: <code className="mfa-secret">{setup.secret}</code>
          </p>
          <Field label="Code uit de app" name="code" error={error} required>
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(event) => setCode(event.target.value)}
              />
            )}
          </Field>
          <FormActions submit="Bevestigen" busy={busy} />
        </form>
      )}
    </section>
  );
}
