import { useState } from 'react';
import type { FollowType } from '@koers/contracts';
import { api } from '../../api';
import { asApiError, useApi } from '../../components/common';

const WHAT: Record<FollowType, string> = { documents: 'dit document', actions: 'deze actie', sessions: 'deze sessie' };

/**
 * Follow or stop following a document, action or session: its changes and comments then reach the bell.
 * The label says what a press does; a polite status says what holds now. Shows nothing when the caller may
 * not follow it (the API answers 404).
 */
export function FollowButton({ type, id, name }: { type: FollowType; id: string; name: string }) {
  const state = useApi(() => api.following(type, id), [type, id]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!state.data) return null;
  const following = state.data.following;

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const next = await api.setFollowing(type, id, !following);
      state.setData(next);
      setMessage(
        next.following
          ? `U volgt ${WHAT[type]}: wijzigingen en reacties komen bij uw meldingen.`
          : `U volgt ${WHAT[type]} niet meer.`,
      );
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="follow">
      <button type="button" className="button button-secondary button-small" disabled={busy} onClick={toggle}>
        {following ? 'Niet meer volgen' : 'Volgen'}
        <span className="visually-hidden"> {name}</span>
      </button>
      {following && !message && (
        <span className="small muted">
          {' '}
          <span aria-hidden="true">✓</span> U volgt {WHAT[type]}
        </span>
      )}
      <span className="small" role="status">
        {error ?? message}
      </span>
    </span>
  );
}
