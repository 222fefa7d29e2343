import { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage, PageHeading } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { accountApi, tokenFromHash } from './account-api';

/**
 * /ontgrendelen#token=…: the owner lifts a login lock with the mailed link. A button, not on page load:
 * mail scanners that open links must not use the one-time token up.
 */
export function UnlockPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFromHash(location.hash);
  const { error, busy, submit } = useSubmit();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [], async () => {
      const { email } = await accountApi.unlock(token);
      void navigate('/inloggen', {
        replace: true,
        state: { notice: 'De blokkade is opgeheven. U kunt weer inloggen.', email },
      });
    });
  }

  return (
    <>
      <PageHeading>Blokkade opheffen</PageHeading>
      {!token ? (
        <p className="alert alert-error" role="alert">
          Deze link is niet volledig. Open de link uit de e-mail opnieuw.
        </p>
      ) : (
        <>
          <p className="lead">
            Na te veel mislukte pogingen is inloggen vanaf één adres tijdelijk geblokkeerd. Was u dat zelf, hef de
            blokkade dan hier op.
          </p>
          <ErrorMessage error={error} title="De blokkade is niet opgeheven." />
          <form onSubmit={onSubmit} noValidate className="card form" aria-label="Blokkade opheffen">
            <FormActions submit="Blokkade opheffen" busy={busy} />
          </form>
        </>
      )}
      <p>
        <Link to="/inloggen">Naar inloggen</Link>
      </p>
    </>
  );
}
