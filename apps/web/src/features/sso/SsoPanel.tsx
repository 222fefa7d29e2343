import { FormEvent, useState } from 'react';
import { ApiError } from '../../api';
import type { Organisation, SsoSettings } from '@koers/contracts';
import {
  asApiError,
  CheckboxField,
  ErrorMessage,
  Field,
  Loading,
  SuccessMessage,
  useApi,
  useFocusOnMount,
} from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useConfirm } from '../../components/dialog';
import { useGuardedForm } from '../forms';
import { parseDomains, ssoApi } from './sso-api';

/**
 * Beheer > Organisaties > "Inloggen via organisatie": the organisation's OpenID provider. The client secret
 * is write-only: the page only says whether one is set.
 */
export function SsoPanel({ organisation, onClose }: { organisation: Organisation; onClose: () => void }) {
  const settings = useApi(() => ssoApi.read(organisation.id), [organisation.id]);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="sso-kop">
      <h2 id="sso-kop" ref={headingRef} tabIndex={-1}>
        Inloggen via organisatie: {organisation.name}
      </h2>
      <p className="hint">
        Medewerkers van deze organisatie loggen in bij hun eigen OpenID Connect-provider. Registreer Koers daar als
        vertrouwelijke client met redirect-URI <code>{window.location.origin}/api/auth/oidc/callback</code>, en als
        post-logout-redirect-URI <code>{window.location.origin}/inloggen</code>: wie uitlogt uit Koers, wordt dan ook
        bij de provider uitgelogd.
      </p>
      <SuccessMessage message={message} />
      <ErrorMessage error={settings.error} />
      {settings.data === undefined && settings.loading && <Loading what="Instellingen" plural />}
      {settings.data !== undefined && (
        <SsoForm
          key={settings.data ? 'set' : 'new'}
          organisation={organisation}
          settings={settings.data ?? null}
          onClose={onClose}
          onChanged={async (done) => {
            setMessage(done);
            await settings.reload();
          }}
        />
      )}
    </section>
  );
}

function SsoForm({
  organisation,
  settings,
  onClose,
  onChanged,
}: {
  organisation: Organisation;
  settings: SsoSettings | null;
  onClose: () => void;
  onChanged: (message: string) => Promise<void>;
}) {
  const [displayName, setDisplayName] = useState(settings?.displayName ?? organisation.name);
  const [issuer, setIssuer] = useState(settings?.issuer ?? '');
  const [clientId, setClientId] = useState(settings?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(settings?.emailDomains.join(', ') ?? '');
  const [enabled, setEnabled] = useState(settings?.enabled ?? true);
  const [allowNewAccounts, setAllowNewAccounts] = useState(settings?.allowNewAccounts ?? false);
  const [trustProviderMfa, setTrustProviderMfa] = useState(settings?.trustProviderMfa ?? false);
  const { error, setError, busy, submit } = useSubmit();
  const confirm = useConfirm();
  // The secret is part of "unsaved" but never kept as a draft (no draftKey).
  const guard = useGuardedForm({
    values: { displayName, issuer, clientId, clientSecret, domains, enabled, allowNewAccounts, trustProviderMfa },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [], async () => {
      await ssoApi.save(organisation.id, {
        displayName: displayName.trim(),
        issuer: issuer.trim(),
        clientId: clientId.trim(),
        ...(clientSecret ? { clientSecret } : {}),
        emailDomains: parseDomains(domains),
        enabled,
        allowNewAccounts,
        trustProviderMfa,
      });
      setClientSecret('');
      guard.saved();
      await onChanged(`Inloggen via ${organisation.name} is opgeslagen.`);
    });
  }

  async function remove() {
    if (
      !(await confirm({
        title: `Inloggen via ${organisation.name} verwijderen?`,
        message: 'Medewerkers loggen daarna weer in met hun wachtwoord van Koers.',
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    setError(null);
    try {
      await ssoApi.remove(organisation.id);
      guard.discard();
      await onChanged(`Inloggen via ${organisation.name} is verwijderd.`);
    } catch (err) {
      setError(asApiError(err));
    }
  }

  // "emailDomains.1" (one domain refused) is shown at the one domains field.
  const fieldError = error && new ApiError(error.status, error.code, error.message, joinDomainFields(error.fields));
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-label={`Inloggen via ${organisation.name}`}>
      <ErrorMessage error={error} title="Opslaan is niet gelukt." />
      <Field
        label="Naam op de inlogknop"
        name="displayName"
        error={error}
        required
        hint="Op de inlogpagina staat: Doorgaan bij <naam>."
      >
        {(props) => <input {...props} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
      </Field>
      <Field label="Issuer-URL" name="issuer" error={error} required hint="Bijvoorbeeld https://login.gemeente.nl">
        {(props) => (
          <input {...props} type="url" inputMode="url" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
        )}
      </Field>
      <Field label="Client id" name="clientId" error={error} required>
        {(props) => (
          <input {...props} autoComplete="off" value={clientId} onChange={(e) => setClientId(e.target.value)} />
        )}
      </Field>
      <Field
        label={settings?.clientSecretSet ? 'Nieuw client secret' : 'Client secret'}
        name="clientSecret"
        error={error}
        required={!settings?.clientSecretSet}
        hint={
          settings?.clientSecretSet
            ? 'Client secret: ingesteld. Laat dit veld leeg om het te houden.'
            : 'Wordt versleuteld bewaard en nooit meer getoond.'
        }
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="E-maildomeinen"
        name="emailDomains"
        error={fieldError}
        required
        hint="Gescheiden door komma's, bijvoorbeeld gemeente.nl, om.nl"
      >
        {(props) => <input {...props} value={domains} onChange={(e) => setDomains(e.target.value)} />}
      </Field>
      <CheckboxField
        label="Actief (inloggen via de organisatie aan)"
        name="enabled"
        checked={enabled}
        onChange={setEnabled}
      />
      <CheckboxField
        label="Nieuwe accounts toestaan (zonder werkgroepen) voor wie nog geen account heeft"
        name="allowNewAccounts"
        checked={allowNewAccounts}
        onChange={setAllowNewAccounts}
      />
      <CheckboxField
        label="MFA van de provider vertrouwen (Koers vraagt dan geen eigen tweede stap)"
        name="trustProviderMfa"
        checked={trustProviderMfa}
        onChange={setTrustProviderMfa}
      />
      <FormActions
        submit="Opslaan"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onClose();
        }}
      />
      {settings && (
        <p>
          <button type="button" className="button button-danger" onClick={() => void remove()}>
            Inloggen via organisatie verwijderen
          </button>
        </p>
      )}
    </form>
  );
}

function joinDomainFields(fields: ApiError['fields']): ApiError['fields'] {
  const domains = fields.filter((f) => f.field.startsWith('emailDomains'));
  if (!domains.length) return fields;
  const messages = [...new Set(domains.flatMap((f) => f.messages))];
  return [...fields.filter((f) => !f.field.startsWith('emailDomains')), { field: 'emailDomains', messages }];
}
