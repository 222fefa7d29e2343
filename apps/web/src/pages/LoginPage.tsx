import { FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { accountApi, MfaStep } from '../features/account';
import { SecondFactorMethod, SSO_ERRORS, SsoErrorCode } from '@koers/contracts';
import { passkeyApi } from '../features/passkeys';
import { asApiError, ErrorMessage, Field, PageHeading, useApi } from '../components/common';
import { useWords } from '../features/region';

/** Shown only when the demo region was seeded (GET /api/region/public says so). */
const DEMO_ACCOUNTS: Array<[string, string]> = [
  ['secretariaat@demo.koers.nl', 'Secretariaat Bureau RVS (beheer)'],
  ['aanjager.ondermijning@demo.koers.nl', 'Aanjager werkgroep Ondermijning'],
  ['ovj.ondermijning@demo.koers.nl', 'Officier van justitie, Ondermijning'],
  ['politie.ondermijning@demo.koers.nl', 'Sectorhoofd politie, Ondermijning'],
  ['aanjager.cyber@demo.koers.nl', 'Aanjager werkgroep Digitale veiligheid'],
  ['rvc@demo.koers.nl', 'Lid Regionaal Veiligheidscollege'],
  ['waarnemer.onrust@demo.koers.nl', 'Waarnemer werkgroep Maatschappelijke onrust'],
];

export function LoginPage() {
  const { me, login, reload } = useAuth();
  const words = useWords();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; loggedOut?: boolean; notice?: string; email?: string } | null;
  const [email, setEmail] = useState(state?.email ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  // After single sign-on: Koers's own second step (#mfa=<challenge>&methods=…), or why the organisation's login
  // was refused.
  const [challenge, setChallenge] = useState<{ challenge: string; methods?: SecondFactorMethod[] } | null>(() => {
    const fromSso = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const sso = fromSso.get('mfa');
    if (!sso || !/^[\w-]+$/.test(sso)) return null;
    window.history.replaceState(null, '', window.location.pathname);
    const methods = fromSso
      .get('methods')
      ?.split(',')
      .filter((m): m is SecondFactorMethod => m === 'totp' || m === 'passkey');
    return { challenge: sso, methods: methods?.length ? methods : undefined };
  });
  const ssoError = new URLSearchParams(location.search).get('sso-fout');
  const ssoMessage = ssoError && ssoError in SSO_ERRORS ? SSO_ERRORS[ssoError as SsoErrorCode] : null;
  const providers = useApi(() => accountApi.ssoProviders(), []);
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  const provider = domain ? providers.data?.find((p) => p.emailDomains.includes(domain)) : undefined;
  // Someone of an organisation with its own provider may still choose their Koers password (e.g. the secretariat).
  const [withPassword, setWithPassword] = useState(false);
  const sso = withPassword ? undefined : provider;
  const returnTo = state?.from && state.from !== '/inloggen' ? state.from : '/';
  const ssoStart = sso
    ? `/api/auth/oidc/${encodeURIComponent(sso.organisationId)}/start?returnTo=${encodeURIComponent(returnTo)}`
    : null;

  if (me && !busy) return <Navigate to={state?.from ?? '/'} replace />;

  /** Someone who must set up a second factor is taken there first. */
  async function afterLogin() {
    const mfa = await accountApi.mfaStatus().catch(() => null);
    if (mfa?.required && !mfa.enabled && !mfa.passkeys) {
      void navigate('/instellingen', { replace: true, state: { mfaRequired: true } });
      return;
    }
    void navigate(state?.from && state.from !== '/inloggen' ? state.from : '/', { replace: true });
  }

  if (challenge)
    return (
      <MfaStep
        methods={challenge.methods}
        onSubmit={async (code) => {
          await accountApi.completeMfa(challenge.challenge, code);
          setBusy(true);
          await reload();
          await afterLogin();
        }}
        onPasskey={async () => {
          await passkeyApi.login(challenge.challenge);
          setBusy(true);
          await reload();
          await afterLogin();
        }}
        onRestart={() => setChallenge(null)}
      />
    );

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (ssoStart) {
      // The e-mail address belongs to an organisation with its own provider: log in there.
      window.location.assign(ssoStart);
      return;
    }
    if (!email.trim() || !password) {
      setError(new ApiError(400, 'VALIDATION_FAILED', 'Vul uw e-mailadres en wachtwoord in.'));
      return;
    }
    setBusy(true);
    try {
      const result = await login(email.trim(), password);
      if ('mfaChallenge' in result) {
        setChallenge({ challenge: result.mfaChallenge, methods: result.methods });
        setPassword('');
        setBusy(false);
        return;
      }
      await afterLogin();
    } catch (err) {
      const apiError = asApiError(err);
      setError(apiError);
      setPassword('');
      setBusy(false);
      emailRef.current?.focus();
    }
  }

  return (
    <>
      <PageHeading title="Inloggen">Inloggen bij Koers</PageHeading>
      <p className="lead">
        Het samenwerkingsplatform voor de bestuurlijke werkgroepen van de {words.strategyName}
        {words.regionName && ` ${words.regionName}`}.
      </p>
      {state?.loggedOut && !error && (
        <p className="alert alert-info" role="status">
          U bent uitgelogd.
        </p>
      )}
      {state?.notice && !error && (
        <p className="alert alert-success" role="status">
          {state.notice}
        </p>
      )}
      {ssoMessage && !error && (
        <p className="alert alert-error" role="alert">
          {ssoMessage}
        </p>
      )}
      <ErrorMessage error={error} title="Inloggen is niet gelukt." />
      <form onSubmit={onSubmit} noValidate className="card form" aria-label="Inloggen">
        <Field label="E-mailadres" name="email" error={error} required>
          {(props) => (
            <input
              {...props}
              ref={emailRef}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        {sso ? (
          <>
            <p role="status">Uw e-mailadres hoort bij {sso.displayName}. U logt in bij uw eigen organisatie.</p>
            <button type="submit" className="button">
              Doorgaan bij {sso.displayName}
            </button>
            <p>
              <button type="button" className="link-button" onClick={() => setWithPassword(true)}>
                Toch inloggen met wachtwoord
              </button>
            </p>
          </>
        ) : (
          <>
            <Field label="Wachtwoord" name="password" error={error} required>
              {(props) => (
                <input
                  {...props}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Bezig met inloggen…' : 'Inloggen'}
            </button>
          </>
        )}
        <p>
          <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
        </p>
      </form>
      {words.demo && (
        <section className="demo-note" aria-labelledby="demo-accounts">
          <h2 id="demo-accounts">Demo-accounts</h2>
          <p>
            Dit is een demo-omgeving met fictieve personen. Alle accounts hebben het wachtwoord <code>koers-demo</code>.
          </p>
          <ul>
            {DEMO_ACCOUNTS.map(([address, description]) => (
              <li key={address}>
                <code>{address}</code> – {description}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
