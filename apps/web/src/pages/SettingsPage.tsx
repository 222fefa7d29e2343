import { FormEvent, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { Preferences } from '@koers/contracts';
import { api, ApiError } from '../api';
import {
  asApiError,
  CheckboxField,
  ErrorMessage,
  Loading,
  PageHeading,
  SuccessMessage,
  useApi,
} from '../components/common';
import { FormActions } from '../components/forms';
import { ChangePasswordForm, MfaSettings, SessionsSettings } from '../features/account';
import { PasskeySettings } from '../features/passkeys';

/** The person's own settings: the e-mails (weekly digest, notifications) and the account (MFA, password, sessions). */
export function SettingsPage() {
  const location = useLocation();
  const preferences = useApi(() => api.preferences(), []);
  const [factorsChanged, setFactorsChanged] = useState(0);
  return (
    <>
      <PageHeading>Mijn instellingen</PageHeading>
      <ErrorMessage error={preferences.error} />
      {preferences.loading && !preferences.data && <Loading what="Uw instellingen" plural />}
      {preferences.data && <EmailSettings saved={preferences.data} />}
      <MfaSettings
        mustEnrol={Boolean((location.state as { mfaRequired?: boolean } | null)?.mfaRequired)}
        refreshKey={factorsChanged}
      />
      <PasskeySettings onChanged={() => setFactorsChanged((n) => n + 1)} />
      <ChangePasswordForm />
      <SessionsSettings />
    </>
  );
}

function EmailSettings({ saved }: { saved: Preferences }) {
  const [weeklyDigest, setWeeklyDigest] = useState(saved.weeklyDigest);
  const [emailNotifications, setEmailNotifications] = useState(saved.emailNotifications);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const result = await api.updatePreferences({ weeklyDigest, emailNotifications });
      setWeeklyDigest(result.weeklyDigest);
      setEmailNotifications(result.emailNotifications);
      setMessage(
        `Opgeslagen: u krijgt ${result.weeklyDigest ? 'de' : 'geen'} wekelijkse e-mail en ${
          result.emailNotifications ? 'wel' : 'geen'
        } e-mail bij rapportages, reacties en vermeldingen.`,
      );
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" aria-labelledby="email-kop" onSubmit={save}>
      <h2 id="email-kop">E-mail</h2>
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />
      <p>
        Eens per week een e-mail met wat op u wacht: verlopen acties en acties met een deadline binnenkort, rapportages
        om in te dienen of te beoordelen, en ongelezen meldingen. Alleen titels, data en links naar Koers; geen inhoud.
        U krijgt de e-mail alleen als er iets op u wacht.
      </p>
      {!saved.emailEnabled && (
        <p className="alert alert-info">
          Deze installatie van Koers verstuurt (nog) geen e-mail. Uw keuze wordt bewaard voor als dat verandert.
        </p>
      )}
      <CheckboxField
        label="Stuur mij de wekelijkse e-mail"
        name="weeklyDigest"
        checked={weeklyDigest}
        onChange={setWeeklyDigest}
      />
      <p>
        Direct een e-mail bij meldingen waar u op wacht: een voortgangsrapportage die is ingediend, teruggestuurd of
        geaccepteerd, een reactie in een draad waaraan u meedeed, of als iemand u noemt. Ook hier alleen de titel en een
        link; wat er geschreven is, leest u in Koers.
      </p>
      <CheckboxField
        label="Stuur mij ook een e-mail bij deze meldingen"
        name="emailNotifications"
        checked={emailNotifications}
        onChange={setEmailNotifications}
      />
      <FormActions submit="Opslaan" busy={busy} />
    </form>
  );
}
