import { Link, Navigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { ErrorMessage, Loading, PageHeading, useApi } from '../components/common';
import { formatDate, STATUS_LABELS } from '../labels';
import { useWords } from '../features/region';
import { NotFoundPage } from './NotFoundPage';

/** `/strategie`: the first (current) strategy of the region. */
export function FirstStrategyRedirect() {
  const { data, error, loading } = useApi(() => api.strategies(), []);
  const words = useWords();
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading what="De strategie" />;
  if (data.length === 0)
    return <NotFoundPage title="Geen strategie" message={`Er is nog geen ${words.strategyName} vastgelegd.`} />;
  return <Navigate to={`/strategie/${data[0].id}`} replace />;
}

export function StrategyPage() {
  const { id = '' } = useParams();
  const strategy = useApi(() => api.strategy(id), [id]);
  const workgroups = useApi(() => api.workgroups(), []);
  const words = useWords();

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
  const themes = [...s.themes].sort((a, b) => a.position - b.position);

  return (
    <>
      <PageHeading>{s.title}</PageHeading>
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
            <span className={`badge badge-${s.status}`}>{STATUS_LABELS[s.status] ?? s.status}</span>
          </dd>
        </div>
        {s.adoptedOn && (
          <div>
            <dt>Vastgesteld op</dt>
            <dd>{formatDate(s.adoptedOn)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="prioriteiten" className="section">
        <h2 id="prioriteiten">{words.Themes}</h2>
        {themes.length === 0 && <p>Deze strategie heeft nog geen {words.themePlural}.</p>}
        <ol className="priorities">
          {themes.map((theme) => {
            const group = workgroups.data?.find((w) => w.themeId === theme.id);
            const focusAreas = [...theme.focusAreas].sort((a, b) => a.position - b.position);
            return (
              <li key={theme.id} className="card priority">
                <h3>
                  <span className="priority-number">{words.themeNumbered(theme.position)}</span> {theme.title}
                </h3>
                {theme.description && <p>{theme.description}</p>}
                {focusAreas.length > 0 && (
                  <>
                    <h4>Onderdelen</h4>
                    <ol className="focus-areas">
                      {focusAreas.map((area) => (
                        <li key={area.id}>{area.title}</li>
                      ))}
                    </ol>
                  </>
                )}
                {group ? (
                  <p>
                    <Link to={`/werkgroepen/${group.id}`}>{group.name}</Link>
                  </p>
                ) : (
                  workgroups.data && <p className="muted">Geen werkgroep zichtbaar voor u.</p>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
