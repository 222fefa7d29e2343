import { useState } from 'react';
import { InvitationDelivery, User } from '@koers/contracts';
import { ErrorMessage } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { absoluteLink, accountApi } from './account-api';

const dutchDateTime = (iso: string) =>
  new Date(iso).toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** What happened to an invitation, and (without e-mail) the link to hand over. */
export function InvitationResult({ user, invitation }: { user: User; invitation: InvitationDelivery }) {
  if (invitation.delivery === 'mail')
    return (
      <p className="alert alert-success" role="status">
        {user.displayName} heeft een uitnodiging per e-mail gekregen (geldig tot {dutchDateTime(invitation.expiresAt)}).
      </p>
    );
  if (invitation.delivery === 'mail_failed')
    return (
      <p className="alert alert-error" role="alert">
        De uitnodiging voor {user.displayName} kon niet worden verstuurd: de mailserver weigerde het bericht. Probeer
        het later opnieuw met “Nieuwe uitnodiging”.
      </p>
    );
  const link = absoluteLink(invitation.link ?? '');
  return (
    <div className="alert alert-info" role="status">
      <p>
        Deze installatie verstuurt geen e-mail. Geef {user.displayName} deze link via een veilige weg; de link werkt één
        keer en is geldig tot {dutchDateTime(invitation.expiresAt)}:
      </p>
      <p>
        <label htmlFor="uitnodigingslink">Uitnodigingslink</label>
        <input
          id="uitnodigingslink"
          className="invitation-link"
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
        />
      </p>
    </div>
  );
}

/** Beheer → gebruiker: a new invitation link (the earlier one stops working); also for a forgotten password. */
export function InvitationPanel({ user }: { user: User }) {
  const [result, setResult] = useState<InvitationDelivery | null>(null);
  const { error, busy, submit } = useSubmit();

  return (
    <form
      className="card form"
      aria-labelledby="uitnodiging-kop"
      onSubmit={(event) => submit(event, [], async () => setResult(await accountApi.resendInvitation(user.id)))}
    >
      <h2 id="uitnodiging-kop">Uitnodiging en wachtwoord</h2>
      <p>
        {user.invitationPending
          ? `${user.displayName} heeft nog geen wachtwoord gekozen.`
          : `${user.displayName} heeft een wachtwoord.`}{' '}
        Met een nieuwe uitnodiging kiest {user.displayName} zelf een (nieuw) wachtwoord; een eerdere link werkt dan niet
        meer. U typt nooit zelf iemands wachtwoord.
      </p>
      <ErrorMessage error={error} />
      {result && <InvitationResult user={user} invitation={result} />}
      <FormActions submit="Nieuwe uitnodiging" busy={busy} />
    </form>
  );
}
