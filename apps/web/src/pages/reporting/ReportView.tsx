import { ReactNode } from 'react';
import { ACTION_FIGURE_LABELS, ReportContent, ReportFigures, ReportVersion } from '@koers/contracts';
import { TableScroll } from '../../components/common';
import { formatDate, formatDateTime, formatValue } from '../../labels';
import { TargetVerdict } from './indicator-verdict';
import { FocusStatus, ReportStatusBadge } from './status';

type Level = 2 | 3 | 4;

/** " door <naam>", or " door <naam> namens <werkgroep>" when the secretariat submitted on the werkgroep's behalf. */
export function submittedBy(
  v: { submittedByName: string | null; submittedOnBehalf?: boolean },
  workgroupName: string,
): string {
  if (!v.submittedByName) return v.submittedOnBehalf ? ` namens ${workgroupName}` : '';
  return ` door ${v.submittedByName}${v.submittedOnBehalf ? ` namens ${workgroupName}` : ''}`;
}

function Heading({ level, children, id }: { level: Level; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as 'h2' | 'h3' | 'h4';
  return <Tag id={id}>{children}</Tag>;
}

/** The werkgroep's words: the summary, per focus area the status and narrative, and the narrative document (frozen versions). */
export function ReportContentView({ content, level }: { content: ReportContent; level: Level }) {
  const narrative = content.narrative?.text;
  return (
    <div className="report-content">
      <Heading level={level}>Samenvatting</Heading>
      {content.summary.trim() ? (
        <p className="pre-wrap">{content.summary}</p>
      ) : (
        <p className="muted">Nog geen samenvatting.</p>
      )}
      <Heading level={level}>Per onderdeel</Heading>
      <ul className="focus-report-list">
        {content.focusAreas.map((area) => (
          <li key={area.focusAreaId}>
            <p className="focus-report-title">
              <strong>{area.title}</strong> – <FocusStatus status={area.status} />
            </p>
            {area.narrative.trim() ? (
              <p className="pre-wrap">{area.narrative}</p>
            ) : (
              <p className="muted small">Geen toelichting.</p>
            )}
          </li>
        ))}
      </ul>
      {narrative && narrative.trim() && (
        <>
          <Heading level={level}>Toelichting</Heading>
          <p className="pre-wrap">{narrative}</p>
        </>
      )}
    </div>
  );
}

/** The figures of a report: actions per focus area, indicators against their targets, sessions held. */
export function ReportFiguresView({ figures, level, label }: { figures: ReportFigures; level: Level; label: string }) {
  const { actions } = figures;
  return (
    <div className="report-figures">
      <p className="muted small">
        Periode {formatDate(figures.period.start)} tot en met {formatDate(figures.period.end)}; peildatum{' '}
        {formatDate(figures.referenceDate)}.
      </p>
      <Heading level={level}>Acties per onderdeel</Heading>
      <TableScroll label={`Acties per onderdeel, ${label}`}>
        <table className="numbers-table">
          <caption className="visually-hidden">Acties per onderdeel ({label}): afgerond, open en verlopen</caption>
          <thead>
            <tr>
              <th scope="col">Onderdeel</th>
              <th scope="col" className="number">
                {ACTION_FIGURE_LABELS.done}
              </th>
              <th scope="col" className="number">
                {ACTION_FIGURE_LABELS.open}
              </th>
              <th scope="col" className="number">
                {ACTION_FIGURE_LABELS.overdue}
              </th>
            </tr>
          </thead>
          <tbody>
            {actions.perFocusArea.map((row) => (
              <tr key={row.focusAreaId ?? 'zonder'}>
                <th scope="row">{row.title}</th>
                <td className="number">{row.done}</td>
                <td className="number">{row.open}</td>
                <td className="number">{row.overdue}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <td className="number">{actions.totals.done}</td>
              <td className="number">{actions.totals.open}</td>
              <td className="number">{actions.totals.overdue}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      {actions.overdueByOrganisation.length > 0 && (
        <p>
          Verlopen acties per organisatie:{' '}
          {actions.overdueByOrganisation.map((o) => `${o.organisationName} (${o.overdue})`).join(', ')}.
        </p>
      )}
      <Heading level={level}>Indicatoren</Heading>
      {figures.indicators.length === 0 ? (
        <p className="muted">Geen indicatoren.</p>
      ) : (
        <TableScroll label={`Indicatoren, ${label}`}>
          <table className="numbers-table">
            <caption className="visually-hidden">Indicatoren ({label}): laatste meting tegenover het doel</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col" className="number">
                  Nulmeting
                </th>
                <th scope="col" className="number">
                  Doel
                </th>
                <th scope="col" className="number">
                  Laatste meting
                </th>
                <th scope="col">Oordeel</th>
              </tr>
            </thead>
            <tbody>
              {figures.indicators.map((i) => (
                <tr key={i.indicatorId}>
                  <th scope="row">{i.title}</th>
                  <td className="number">{formatValue(i.baseline, i.unit)}</td>
                  <td className="number">{formatValue(i.target, i.unit)}</td>
                  <td className="number">
                    {formatValue(i.latestValue, i.unit)}
                    {i.latestMeasuredOn && <span className="muted small"> ({formatDate(i.latestMeasuredOn)})</span>}
                  </td>
                  <td>
                    <TargetVerdict
                      reached={i.targetReached}
                      asOf={figures.referenceDate}
                      periodEnd={figures.period.end}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        Sessies gehouden in de periode: <strong>{figures.sessionsHeld}</strong>
      </p>
    </div>
  );
}

/** All versions of a report, newest first, each with its hash check and the secretariat's verdict. */
export function VersionHistory({
  versions,
  level,
  workgroupName,
}: {
  versions: ReportVersion[];
  level: Level;
  workgroupName: string;
}) {
  if (versions.length === 0) return <p className="muted">Nog niet ingediend.</p>;
  return (
    <ul className="version-list">
      {[...versions].reverse().map((v) => (
        <li key={v.id}>
          <details>
            <summary>
              Versie {v.version}, ingediend op {formatDateTime(v.submittedAt)}
              {submittedBy(v, workgroupName)}
              {v.review ? (
                <>
                  {' – '}
                  <ReportStatusBadge status={v.review.outcome} />
                </>
              ) : (
                ' – wacht op beoordeling'
              )}
            </summary>
            <div className="version-body">
              {v.review && (
                <p>
                  {v.review.outcome === 'geaccepteerd' ? 'Geaccepteerd' : 'Teruggestuurd'} door het secretariaat op{' '}
                  {formatDateTime(v.review.reviewedAt)}
                  {v.review.comment && (
                    <>
                      : <q>{v.review.comment}</q>
                    </>
                  )}
                </p>
              )}
              <HashCheck version={v} />
              <ReportContentView content={v.content} level={level} />
              <ReportFiguresView figures={v.figures} level={level} label={`versie ${v.version}`} />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** The version's sha256 and whether it still matches its content (recomputed by the server on read). */
export function HashCheck({ version }: { version: { contentHash: string; hashVerified: boolean } }) {
  return (
    <p className="small hash-check">
      {version.hashVerified ? (
        <>
          <span aria-hidden="true">✓ </span>Inhoud ongewijzigd sinds indiening
        </>
      ) : (
        <strong className="verdict-not">
          <span aria-hidden="true">✗ </span>Let op: de inhoud klopt niet meer met de vingerafdruk
        </strong>
      )}{' '}
      <span className="muted">
        (SHA-256 <code>{version.contentHash.slice(0, 16)}…</code>)
      </span>
    </p>
  );
}
