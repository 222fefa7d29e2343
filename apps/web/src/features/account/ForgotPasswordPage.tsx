import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { EMAIL_PATTERN, ErrorMessage, Field, PageHeading } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi } from './account-api';

/** "Wachtwoord vergeten": the answer is the same whether the address is known or not. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [['email', EMAIL_PATTERN.test(email.trim()), 'Vul een geldig e-mailadres in.']], async () => {
      setSent((await accountApi.requestPasswordReset(email.trim())).message);
    });
  }

  return (
    <>
      <PageHeading>Wachtwoord vergeten</PageHeading>
      {sent ? (
        <div className="alert alert-info" role="status">
          <p>{sent}</p>
          <p>
            Geen e-mail ontvangen? Kijk ook in uw map met ongewenste e-mail, of vraag het secretariaat om een nieuwe
            uitnodiging.
          </p>
        </div>
      ) : (
        <>
          <p className="lead">
            Vul het e-mailadres van uw account in. U ontvangt een e-mail met een link om een nieuw wachtwoord te kiezen;
            de link is een uur geldig.
          </p>
          <ErrorMessage error={error} />
          <form onSubmit={onSubmit} noValidate className="card form" aria-label="Wachtwoord vergeten">
            <Field label="E-mailadres" name="email" error={error} required>
              {(props) => (
                <input
                  {...props}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              )}
            </Field>
            <FormActions submit="Stuur mij een link" busy={busy} />
          </form>
        </>
      )}
      <p>
        <Link to="/inloggen">Naar inloggen</Link>
      </p>
    </>
  );
}
