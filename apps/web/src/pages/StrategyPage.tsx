import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { STRATEGY_STATUS_LABELS } from '@koers/contracts';
import { api, ApiError } from '../api';
import { ErrorMessage, Loading, PageHeading, useApi } from '../components/common';
import { formatDate } from '../labels';
import { useWords } from '../features/region';
import { RichText, StrategyForm, StrategySwitch, StrategyTexts, ThemesEditor } from '../features/strategy';
import { StrategyAdoptionPanel } from '../features/governance';
import { isSecretariat, useMe } from '../auth';
import { NotFoundPage } from './NotFoundPage';

/** `/strategie`: the current strategy of the region (the API lists it first); the secretariat may start the first one. */
export function FirstStrategyRedirect() {
  const { data, error, loading } = useApi(() => api.strategies(), []);
  const words = useWords();
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading what="De strategie" />;
  if (data.length === 0) {
    if (!isSecretariat(me))
      return <NotFoundPage title="Geen strategie" message={`Er is nog geen ${words.strategyName} vastgelegd.`} />;
    return (
      <>
        <PageHeading>{words.strategyName}</PageHeading>
        <p>Er is nog geen {words.strategyName} vastgelegd.</p>
        {creating ? (
          <StrategyForm onCancel={() => setCreating(false)} onSaved={(saved) => navigate(`/strategie/${saved.id}`)} />
        ) : (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Nieuwe strategie
          </button>
        )}
      </>
    );
  }
  return <Navigate to={`/strategie/${data[0].id}`} replace />;
}

export function StrategyPage() {
  const { id = '' } = useParams();
  const strategy = useApi(() => api.strategy(id), [id]);
  const workgroups = useApi(() => api.workgroups(), []);
  const strategies = useApi(() => api.strategies(), []);
  const words = useWords();
  const me = useMe();
  const navigate = useNavigate();
  const secretariat = isSecretariat(me);
  const [editing, setEditing] = useState<'strategy' | 'themes' | 'new' | null>(null);

  if (strategy.error) {
    if (strategy.error.status === 404 || (strategy.error instanceof ApiError && strategy.error.status === 400)) {
      return (
        <NotFoundPage
          title="Strategie niet gevonden"
          message="Deze strategie is niet gevonden of u heeft er geen toegang toe."
        />
      );
    }
    return <ErrorMessage error={strategy.error} />;
  }
  if (!strategy.data) return <Loading what="De strategie" />;
  const s = strategy.data;
  const themes = [...s.themes].filter((t) => !t.archivedAt).sort((a, b) => a.position - b.position);
  const reload = async () => {
    await Promise.all([strategy.reload(), strategies.reload()]);
  };

  return (
    <>
      <StrategySwitch
        strategies={strategies.data ?? []}
        selectedId={s.id}
        secretariat={secretariat}
        onChanged={reload}
      />
      <PageHeading>{s.title}</PageHeading>
      {secretariat && (
        <div className="toolbar">
          <button type="button" className="button button-secondary" onClick={() => setEditing('strategy')}>
            Strategie bewerken
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setEditing(editing === 'themes' ? null : 'themes')}
            aria-expanded={editing === 'themes'}
          >
            {words.Themes} bewerken
          </button>
          <button type="button" className="button button-secondary" onClick={() => setEditing('new')}>
            Nieuwe strategie
          </button>
        </div>
      )}
      {editing === 'strategy' && (
        <StrategyForm
          strategy={s}
          onCancel={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await reload();
          }}
        />
      )}
      {editing === 'new' && (
        <StrategyForm
          onCancel={() => setEditing(null)}
          onSaved={async (saved) => {
            setEditing(null);
            await strategies.reload();
            void navigate(`/strategie/${saved.id}`);
          }}
        />
      )}
      {editing === 'themes' && <ThemesEditor strategy={s} onChanged={reload} />}
      {s.motto && <p className="motto">“{s.motto}”</p>}
      <dl className="facts">
        <div>
          <dt>Periode</dt>
          <dd>
            {formatDate(s.periodStart)} tot en met {formatDate(s.periodEnd)}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${s.status}`}>{STRATEGY_STATUS_LABELS[s.status] ?? s.status}</span>
          </dd>
        </div>
        {s.adoptedOn && (
          <div>
            <dt>Vastgesteld op</dt>
            <dd>{formatDate(s.adoptedOn)}</dd>
          </div>
        )}
        {s.adoptedBy && (
          <div>
            <dt>Vastgesteld door</dt>
            <dd>{s.adoptedBy}</dd>
          </div>
        )}
      </dl>
      <div className="toolbar">
        <a className="button button-secondary" href={`/api/strategies/${s.id}/export?format=docx`} download>
          Downloaden als Word (DOCX)
        </a>
        <a className="button button-secondary" href={`/api/strategies/${s.id}/export?format=pdf`} download>
          Downloaden als PDF
        </a>
      </div>
      {s.vision && (
        <section aria-labelledby="visie" className="section">
          <h2 id="visie">Visie</h2>
          <RichText html={s.vision} />
        </section>
      )}
      <StrategyAdoptionPanel strategyId={s.id} />

      <section aria-labelledby="prioriteiten" className="section">
        <h2 id="prioriteiten">{words.Themes}</h2>
        {themes.length === 0 && <p>Deze strategie heeft nog geen {words.themePlural}.</p>}
        <ol className="priorities">
          {themes.map((theme) => {
            const groups = workgroups.data?.filter((w) => w.themeId === theme.id) ?? [];
            const focusAreas = [...theme.focusAreas]
              .filter((f) => !f.archivedAt)
              .sort((a, b) => a.position - b.position);
            return (
              <li key={theme.id} className="card priority">
                <h3>
                  <span className="priority-number">{words.themeNumbered(themes.indexOf(theme) + 1)}</span>{' '}
                  {theme.title}
                </h3>
                <RichText html={theme.description} />
                {focusAreas.length > 0 && (
                  <>
                    <h4>Onderdelen</h4>
                    <ol className="focus-areas">
                      {focusAreas.map((area) => (
                        <li key={area.id}>
                          {area.title}
                          <RichText html={area.description} className="muted" />
                        </li>
                      ))}
                    </ol>
                  </>
                )}
                {groups.length > 0 ? (
                  <ul className="plain-list">
                    {groups.map((group) => (
                      <li key={group.id}>
                        <Link to={`/werkgroepen/${group.id}`}>{group.name}</Link>
                      </li>
                    ))}
                  </ul>
                ) : (
                  workgroups.data && <p className="muted">Geen werkgroep zichtbaar voor u.</p>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <StrategyTexts strategy={s} />
    </>
  );
}
