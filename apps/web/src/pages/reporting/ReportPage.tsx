import { Breadcrumbs } from '../../components/Breadcrumbs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isWorkingReport } from '@koers/contracts';
import { isSecretariat, useMe } from '../../auth';
import { ErrorMessage, Loading, PageHeading, SuccessMessage, useApi } from '../../components/common';
import { formatDateTime } from '../../labels';
import { NotFoundPage } from '../NotFoundPage';
import { reportingApi } from './reporting-api';
import { HashCheck, ReportContentView, ReportFiguresView, submittedBy } from './ReportView';
import { ReviewControls } from './ReviewControls';
import { ReportStatusBadge } from './status';
import './reporting.css';
import { useWords } from '../../features/region';

/**
 * `/rapportages/:id`: reading a report's latest submitted version (the secretariat's review, the RVC's
 * reading). RVC members get only a version that went upward; a concept is refused with a plain reason.
 */
export function ReportPage() {
  const words = useWords();
  const { id = '' } = useParams();
  const me = useMe();
  const report = useApi(() => reportingApi.report(id), [id]);
  const [message, setMessage] = useState<string | null>(null);

  if (report.error) {
    if (report.error.status === 403) {
      return (
        <NotFoundPage
          title="Geen toegang tot deze rapportage"
          message={`Deze rapportage is nog niet ingediend, of is teruggestuurd naar de werkgroep. Leden van het ${words.board} zien een rapportage pas als de werkgroep haar heeft ingediend; concepten blijven binnen de werkgroep.`}
        />
      );
    }
    if (report.error.status === 404 || report.error.status === 400)
      return (
        <NotFoundPage
          title="Rapportage niet gevonden"
          message="Deze voortgangsrapportage bestaat niet of u heeft er geen toegang toe."
        />
      );
    return <ErrorMessage error={report.error} />;
  }
  if (!report.data) return <Loading what="De rapportage" />;
  const r = report.data;
  const version = isWorkingReport(r) ? r.latestVersion : r.version;

  return (
    <>
      <Breadcrumbs
        trail={[
          { label: r.workgroupName, to: `/werkgroepen/${r.workgroupId}` },
          { label: 'Voortgang', to: `/werkgroepen/${r.workgroupId}/voortgang` },
          { label: `Rapportage ${r.cycleTitle}` },
        ]}
      />
      <PageHeading title={`Voortgangsrapportage ${r.workgroupName}`}>
        Voortgangsrapportage: {r.workgroupName}
      </PageHeading>
      <dl className="facts">
        <div>
          <dt>Cyclus</dt>
          <dd>{r.cycleTitle}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <ReportStatusBadge status={r.status} />
          </dd>
        </div>
        {version && (
          <div>
            <dt>Versie</dt>
            <dd>
              {version.version}, ingediend op {formatDateTime(version.submittedAt)}
              {submittedBy(version, r.workgroupName)}
            </dd>
          </div>
        )}
      </dl>
      <SuccessMessage message={message} />
      {isSecretariat(me) && r.status === 'ingediend' && (
        <div className="review-box">
          <ReviewControls
            reportId={r.id}
            workgroupName={r.workgroupName}
            onReviewed={async (text) => {
              await report.reload();
              setMessage(text);
            }}
          />
        </div>
      )}
      {isWorkingReport(r) && (
        <p>
          <Link to={`/werkgroepen/${r.workgroupId}/voortgang`}>Naar de voortgang van de werkgroep</Link>
        </p>
      )}
      {version ? (
        <>
          {version.review?.outcome === 'teruggestuurd' && (
            <p className="alert alert-info">
              Deze versie is teruggestuurd op {formatDateTime(version.review.reviewedAt)}:{' '}
              <q>{version.review.comment}</q>
            </p>
          )}
          <HashCheck version={version} />
          <section aria-labelledby="inhoud-rapportage" className="section">
            <h2 id="inhoud-rapportage">Rapportage (versie {version.version})</h2>
            <ReportContentView content={version.content} level={3} />
          </section>
          <section aria-labelledby="cijfers-rapportage" className="section">
            <h2 id="cijfers-rapportage">Cijfers bij indiening</h2>
            <ReportFiguresView figures={version.figures} level={3} label={`versie ${version.version}`} />
          </section>
        </>
      ) : (
        <p className="alert alert-info">
          Deze rapportage is nog niet ingediend. De werkgroep schrijft haar op het tabblad Voortgang.
        </p>
      )}
    </>
  );
}
