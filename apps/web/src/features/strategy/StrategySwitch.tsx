import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Strategy, STRATEGY_STATUS_LABELS } from '@koers/contracts';
import { asApiError, ErrorMessage } from '../../components/common';
import { formatDate } from '../../labels';
import { strategyApi } from './strategy-api';

/**
 * The strategies side by side: the current one marked, the others (next period's concept, past periods) one
 * click away; the secretariat may mark another as current (it counts only while no adopted strategy covers today).
 */
export function StrategySwitch({
  strategies,
  selectedId,
  secretariat,
  onChanged,
}: {
  strategies: Strategy[];
  selectedId: string;
  secretariat: boolean;
  onChanged?: () => Promise<void>;
}) {
  const [error, setError] = useState<unknown>(null);
  if (strategies.length < 2 && !secretariat) return null;
  return (
    <nav aria-label="Andere strategieën" className="card">
      <ErrorMessage error={error ? asApiError(error) : null} />
      <ul className="strategy-switch">
        {strategies.map((s) => (
          <li key={s.id}>
            {s.id === selectedId ? (
              <strong aria-current="page">{s.title}</strong>
            ) : (
              <Link to={`/strategie/${s.id}`}>{s.title}</Link>
            )}{' '}
            <span className="muted">
              ({formatDate(s.periodStart)} – {formatDate(s.periodEnd)}, {STRATEGY_STATUS_LABELS[s.status] ?? s.status}
              {s.current && ', huidige'})
            </span>
            {secretariat && !s.current && (
              <>
                {' '}
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={async () => {
                    setError(null);
                    try {
                      await strategyApi.markCurrent(s.id);
                      await onChanged?.();
                    } catch (err) {
                      setError(err);
                    }
                  }}
                >
                  Markeer als huidige<span className="visually-hidden"> {s.title}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
