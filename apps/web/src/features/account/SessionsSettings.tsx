import { useState } from 'react';
import { ApiError } from '../../api';
import { asApiError, ErrorMessage, Loading, SuccessMessage, useApi } from '../../components/common';
import { formatDateTime } from '../../labels';
import { accountApi } from './account-api';

/**
 * Mijn sessies: where I am logged in (browser, address, last use), and ending one session or all others,
 * e.g. after logging in on a borrowed computer. The ended device must log in again.
 */
export function SessionsSettings() {
  const sessions = useApi(() => accountApi.sessions(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const others = (sessions.data ?? []).filter((s) => !s.current);

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
      await sessions.reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sessies-kop">
      <h2 id="sessies-kop">Mijn sessies</h2>
      <p>Hier bent u ingelogd. Ziet u een sessie die u niet herkent, beëindig die dan en wijzig uw wachtwoord.</p>
      <ErrorMessage error={sessions.error ?? error} />
      <SuccessMessage message={message} />
      {sessions.loading && !sessions.data && <Loading what="Uw sessies" plural />}
      {sessions.data && (
        <ul className="session-list">
          {sessions.data.map((session) => (
            <li key={session.id} className="session-item">
              <div>
                <strong>{session.browser}</strong>
                {session.current && <span className="badge session-current">Deze sessie</span>}
                <div className="muted">
                  Laatst gebruikt {formatDateTime(session.lastUsedAt)} · ingelogd {formatDateTime(session.createdAt)}
                  {session.ip && <> · adres {session.ip}</>}
                </div>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  disabled={busy}
                  aria-label={`Sessie beëindigen: ${session.browser}, laatst gebruikt ${formatDateTime(session.lastUsedAt)}`}
                  onClick={() =>
                    void run(async () => {
                      await accountApi.endSession(session.id);
                      return `De sessie in ${session.browser} is beëindigd.`;
                    })
                  }
                >
                  Beëindigen
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const { ended } = await accountApi.endOtherSessions();
              return ended === 1 ? '1 andere sessie is beëindigd.' : `${ended} andere sessies zijn beëindigd.`;
            })
          }
        >
          Alle andere sessies beëindigen
        </button>
      )}
    </section>
  );
}
