import { FormEvent, useEffect, useState } from 'react';
import type { MfaPolicy } from '@koers/contracts';
import { CheckboxField, ErrorMessage, Loading, PageHeading, SuccessMessage, useApi } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useWords } from '../region';
import { accountApi } from './account-api';

/**
 * Beheer > Beveiliging: who must use a second factor. Whoever must and has none is led to set one up right
 * after logging in (Mijn instellingen).
 */
export function MfaPolicyPage() {
  const saved = useApi(() => accountApi.mfaPolicy(), []);
  const [policy, setPolicy] = useState<MfaPolicy | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const words = useWords();

  useEffect(() => {
    if (saved.data) setPolicy(saved.data);
  }, [saved.data]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    return submit(event, [], async () => {
      setPolicy(await accountApi.saveMfaPolicy(policy!));
      setMessage('Opgeslagen. Wie nu een tweede factor moet instellen, wordt daar na het inloggen naartoe geleid.');
    });
  }

  const set = (field: keyof MfaPolicy) => (value: boolean) => setPolicy((p) => (p ? { ...p, [field]: value } : p));
  return (
    <>
      <PageHeading>Beveiliging</PageHeading>
      <ErrorMessage error={saved.error} />
      {saved.loading && !policy && <Loading what="Het beleid" />}
      {policy && (
        <form className="card form" aria-labelledby="mfa-beleid-kop" onSubmit={onSubmit} noValidate>
          <h2 id="mfa-beleid-kop">Tweede factor verplicht</h2>
          <p>
            Een tweede factor (een code uit een authenticator-app) beschermt accounts als een wachtwoord uitlekt. De BIO
            vraagt erom voor systemen met gevoelige informatie.
          </p>
          <ErrorMessage error={error} title="Het beleid is niet opgeslagen." />
          <SuccessMessage message={message} />
          <CheckboxField
            name="requireAll"
            label="Voor iedereen"
            checked={policy.requireAll}
            onChange={set('requireAll')}
          />
          <CheckboxField
            name="requireSecretariat"
            label="Voor het secretariaat"
            checked={policy.requireAll || policy.requireSecretariat}
            onChange={set('requireSecretariat')}
          />
          <CheckboxField
            name="requireRvc"
            label={`Voor leden van het ${words.boardName}`}
            checked={policy.requireAll || policy.requireRvc}
            onChange={set('requireRvc')}
          />
          <FormActions submit="Opslaan" busy={busy} />
        </form>
      )}
    </>
  );
}
