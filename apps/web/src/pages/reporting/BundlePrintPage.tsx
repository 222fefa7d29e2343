import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading, PageHeading, useApi } from '../../components/common';
import { formatDate, formatDateTime } from '../../labels';
import { NotFoundPage } from '../NotFoundPage';
import { reportingApi } from './reporting-api';
import { HashCheck, ReportContentView, ReportFiguresView, submittedBy } from './ReportView';
import { ReportStatusBadge } from './status';
import './reporting.css';
import { useWords } from '../../features/region';

/**
 * `/rvc/bundel/:cycleId`: the RVC bundle of one meeting as one readable document. On paper (print CSS)
 * the site's navigation disappears and every werkgroep starts on a new page.
 */
export function BundlePrintPage() {
  const words = useWords();
  const { cycleId = '' } = useParams();
  const bundle = useApi(() => reportingApi.bundle(cycleId), [cycleId]);

  useEffect(() => {
    // Scopes the print rules (hide header, footer, toolbar) to this page.
    document.body.classList.add('print-bundle');
    return () => document.body.classList.remove('print-bundle');
  }, []);

  if (bundle.error) {
    if (bundle.error.status === 404 || bundle.error.status === 400)
      return <NotFoundPage title="Bundel niet gevonden" message="Deze rapportagecyclus bestaat niet." />;
    return <ErrorMessage error={bundle.error} />;
  }
  if (!bundle.data) return <Loading what="De bundel" />;
  const b = bundle.data;

  return (
    <article className="bundle">
      <div className="bundle-toolbar no-print">
        <Link to="/rvc">Terug naar {words.board}</Link>
        <span className="button-group">
          <button type="button" className="button" onClick={() => window.print()}>
            Afdrukken
          </button>
          <a className="button button-secondary" href={reportingApi.bundlePdfUrl(b.cycle.id)} download>
            PDF downloaden
          </a>
        </span>
      </div>
      <header className="bundle-cover">
        <p className="bundle-strategy">{b.strategy.name}</p>
        <PageHeading title={`Bundel ${b.cycle.title}`}>
          Voortgangsrapportages voor het {words.board}: {b.cycle.title}
        </PageHeading>
        <dl className="facts">
          <div>
            <dt>Vergadering</dt>
            <dd>{formatDate(b.cycle.meetingDate)}</dd>
          </div>
          <div>
            <dt>Verslagperiode</dt>
            <dd>
              {formatDate(b.cycle.periodStart)} – {formatDate(b.cycle.periodEnd)}
            </dd>
          </div>
          <div>
            <dt>Samengesteld op</dt>
            <dd>{formatDateTime(b.generatedAt)}</dd>
          </div>
        </dl>
        <nav aria-labelledby="bundel-inhoud" className="bundle-toc">
          <h2 id="bundel-inhoud">Inhoud</h2>
          <ol>
            {b.workgroups.map((w) => (
              <li key={w.workgroupId}>
                <a href={`#werkgroep-${w.workgroupId}`}>{w.name}</a> –{' '}
                {w.report ? (
                  <ReportStatusBadge status="geaccepteerd" />
                ) : (
                  <span className="muted">geen geaccepteerde rapportage</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {b.workgroups.map((w) => (
        <section key={w.workgroupId} className="bundle-workgroup" aria-labelledby={`werkgroep-${w.workgroupId}`}>
          <h2 id={`werkgroep-${w.workgroupId}`}>{w.name}</h2>
          <p className="muted">
            {words.Theme}: {w.priorityTitle}
          </p>
          {w.report ? (
            <>
              <p>
                Versie {w.report.version}, ingediend op {formatDateTime(w.report.submittedAt)}
                {submittedBy(w.report, w.name)}; geaccepteerd door {w.report.acceptedByName ?? 'het secretariaat'} op{' '}
                {formatDateTime(w.report.acceptedAt)}.
              </p>
              <HashCheck version={w.report} />
              <ReportContentView content={w.report.content} level={3} />
              <h3>Cijfers</h3>
              <ReportFiguresView figures={w.report.figures} level={4} label={w.name} />
            </>
          ) : (
            <p>
              Voor deze vergadering is er (nog) geen door het secretariaat geaccepteerde rapportage van deze werkgroep.
            </p>
          )}
        </section>
      ))}
    </article>
  );
}
