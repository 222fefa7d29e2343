import { FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage, PageHeading } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi, tokenFromHash } from './account-api';
import { NewPasswordFields, newPasswordChecks } from './NewPasswordFields';

interface SetPasswordPageProps {
  kind: 'invitation' | 'reset';
}

const TEXT = {
  invitation: {
    title: 'Welkom bij Koers',
    lead: 'Kies een wachtwoord voor uw account. Daarna kunt u inloggen.',
    submit: 'Wachtwoord instellen',
    done: 'Uw wachtwoord is ingesteld. U kunt nu inloggen.',
    again: null,
  },
  reset: {
    title: 'Nieuw wachtwoord kiezen',
    lead: 'Kies een nieuw wachtwoord. Daarna wordt u op al uw apparaten uitgelogd en logt u opnieuw in.',
    submit: 'Nieuw wachtwoord instellen',
    done: 'Uw nieuwe wachtwoord is ingesteld. U kunt nu inloggen.',
    again: '/wachtwoord-vergeten',
  },
} as const;

/** Sets a password through a one-time link: the invitation (/uitnodiging) or a reset (/wachtwoord-herstellen). */
export function SetPasswordPage({ kind }: SetPasswordPageProps) {
  const text = TEXT[kind];
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFromHash(location.hash);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { error, busy, submit } = useSubmit();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, newPasswordChecks('password', password, repeat), async () => {
      const { email } =
        kind === 'invitation'
          ? await accountApi.acceptInvitation(token, password)
          : await accountApi.confirmPasswordReset(token, password);
      void navigate('/inloggen', { replace: true, state: { notice: text.done, email } });
    });
  }

  const linkInvalid = error?.code === 'LINK_INVALID';
  return (
    <>
      <PageHeading>{text.title}</PageHeading>
      {!token ? (
        <p className="alert alert-error" role="alert">
          Deze link is niet volledig. Open de link uit de e-mail opnieuw.
        </p>
      ) : (
        <>
          <p className="lead">{text.lead}</p>
          <ErrorMessage error={error} title="Het wachtwoord is niet ingesteld." />
          {linkInvalid && text.again && (
            <p>
              <Link to={text.again}>Vraag een nieuwe link aan</Link>
            </p>
          )}
          <form onSubmit={onSubmit} noValidate className="card form" aria-label={text.title}>
            <NewPasswordFields
              name="password"
              password={password}
              onPassword={setPassword}
              repeat={repeat}
              onRepeat={setRepeat}
              repeatLabel="Herhaal het wachtwoord"
              error={error}
            />
            <FormActions submit={text.submit} busy={busy} />
          </form>
        </>
      )}
      <p>
        <Link to="/inloggen">Naar inloggen</Link>
      </p>
    </>
  );
}

/** /uitnodiging#token=…: the invited person chooses a password. */
export const InvitationPage = () => <SetPasswordPage kind="invitation" />;

/** /wachtwoord-herstellen#token=…: a new password through the mailed link. */
export const ResetPasswordPage = () => <SetPasswordPage kind="reset" />;
