import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ReportingCycle } from '@koers/contracts';
import { api, ApiError } from '../../api';
import { ConfirmDialog } from '../../components/dialog';
import { isSecretariat, useMe } from '../../auth';
import {
  asApiError,
  Check,
  ErrorMessage,
  Field,
  Loading,
  PageHeading,
  SuccessMessage,
  useApi,
  useFocusOnMount,
} from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useGuardedForm } from '../../features/forms';
import { formatDate, todayIso } from '../../labels';
import { NotFoundPage } from '../NotFoundPage';
import { currentCycle, reportingApi } from './reporting-api';
import './reporting.css';
import { useWords } from '../../features/region';

/** `/rvc`: per RVC meeting (reporting cycle) the bundle of the werkgroepen's reports, as PDF and as print view. */
export function RvcPage() {
  const words = useWords();
  const me = useMe();
  const secretariat = isSecretariat(me);
  const allowed = secretariat || me.user.rvcMember;
  const strategies = useApi(() => (allowed ? api.strategies() : Promise.resolve([])), [allowed]);
  const [searchParams, setSearchParams] = useSearchParams();
  // The current strategy (listed first) unless another is chosen.
  const strategyId = searchParams.get('strategie') ?? strategies.data?.[0]?.id;
  const cycles = useApi(
    () => (strategyId ? reportingApi.cycles(strategyId) : Promise.resolve(undefined)),
    [strategyId],
  );
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  if (!allowed)
    return (
      <NotFoundPage
        title="Geen toegang"
        message={`Deze pagina is er voor de leden van het ${words.board} en het secretariaat.`}
      />
    );

  const list = [...(cycles.data ?? [])].sort((a, b) => b.meetingDate.localeCompare(a.meetingDate));
  const next = currentCycle(list, todayIso());
  return (
    <>
      <PageHeading>{words.board}</PageHeading>
      <p className="lead">
        Per vergadering van het {words.board} de bundel met de voortgangsrapportages van de werkgroepen: als PDF of om
        af te drukken.
      </p>
      <ErrorMessage error={strategies.error ?? cycles.error} />
      <SuccessMessage message={message} />
      {strategies.data && strategies.data.length > 1 && (
        <div className="field cycle-select">
          <label htmlFor="rvc-strategie">Strategie</label>
          <select
            id="rvc-strategie"
            value={strategyId}
            onChange={(e) => setSearchParams({ strategie: e.target.value }, { replace: true })}
          >
            {strategies.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.current ? ' (huidige)' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {secretariat && strategyId && (
        <div className="section">
          {creating ? (
            <CycleForm
              strategyId={strategyId}
              onCancel={() => setCreating(false)}
              onCreated={async (cycle) => {
                setCreating(false);
                await cycles.reload();
                setMessage(`Rapportagecyclus “${cycle.title}” is aangemaakt.`);
              }}
            />
          ) : (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              Nieuwe rapportagecyclus
            </button>
          )}
        </div>
      )}
      {!cycles.data && !cycles.error && !strategies.error && <Loading what="De vergaderingen" plural />}
      {cycles.data && list.length === 0 && <p>Er zijn nog geen rapportagecycli ({words.board}-vergaderingen).</p>}
      {list.length > 0 && (
        <ul className="cycle-list">
          {list.map((cycle) => (
            <li key={cycle.id} className="card" aria-labelledby={`cyclus-${cycle.id}`}>
              <h2 id={`cyclus-${cycle.id}`}>
                {cycle.title}
                {cycle.id === next?.id && <span className="badge cycle-next"> Komende vergadering</span>}
              </h2>
              <dl className="facts">
                <div>
                  <dt>Vergadering</dt>
                  <dd>{formatDate(cycle.meetingDate)}</dd>
                </div>
                <div>
                  <dt>Indienen uiterlijk</dt>
                  <dd>{formatDate(cycle.reportDeadline)}</dd>
                </div>
                <div>
                  <dt>Verslagperiode</dt>
                  <dd>
                    {formatDate(cycle.periodStart)} – {formatDate(cycle.periodEnd)}
                  </dd>
                </div>
              </dl>
              {cycle.closedAt && <SealInfo cycleId={cycle.id} />}
              {secretariat && !cycle.closedAt && cycle.meetingDate <= todayIso() && (
                <CloseCycle
                  cycle={cycle}
                  onClosed={async () => {
                    await cycles.reload();
                    setMessage(`“${cycle.title}” is gesloten; de bundel is verzegeld.`);
                  }}
                />
              )}
              <p className="button-group">
                <a className="button" href={reportingApi.bundlePdfUrl(cycle.id)} download>
                  PDF downloaden<span className="visually-hidden">: {cycle.title}</span>
                </a>
                <Link className="button button-secondary" to={`/rvc/bundel/${cycle.id}`}>
                  Afdrukweergave<span className="visually-hidden">: {cycle.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function CycleForm({
  strategyId,
  onCancel,
  onCreated,
}: {
  strategyId: string;
  onCancel: () => void;
  onCreated: (cycle: ReportingCycle) => Promise<void>;
}) {
  const words = useWords();
  const [title, setTitle] = useState('');
  const [meetingDate, setMeetingDate] = useState('');
  const [reportDeadline, setReportDeadline] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const { error, busy, submit } = useSubmit();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const guard = useGuardedForm({ values: { title, meetingDate, reportDeadline, periodStart, periodEnd } });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const checks: Check[] = [
      ['title', title.trim().length >= 3, 'Een cyclus heeft een titel van minstens 3 tekens.'],
      ['meetingDate', Boolean(meetingDate), 'Kies de datum van de vergadering.'],
      ['reportDeadline', Boolean(reportDeadline), 'Kies de deadline voor de werkgroepen.'],
      [
        'reportDeadline',
        !reportDeadline || !meetingDate || reportDeadline < meetingDate,
        `De deadline voor de werkgroepen ligt vóór de vergadering van het ${words.board}.`,
      ],
    ];
    return submit(event, checks, async () => {
      const cycle = await reportingApi.createCycle({
        strategyId,
        title: title.trim(),
        meetingDate,
        reportDeadline,
        periodStart: periodStart || undefined,
        periodEnd: periodEnd || undefined,
      });
      guard.saved();
      await onCreated(cycle);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="cyclus-nieuw">
      <h2 id="cyclus-nieuw" ref={heading} tabIndex={-1}>
        Nieuwe rapportagecyclus
      </h2>
      <ErrorMessage error={error} />
      <Field
        label="Titel"
        name="title"
        error={error}
        required
        hint={`Bijvoorbeeld: ${words.board}-vergadering juni 2027`}
      >
        {(props) => (
          <input {...props} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      <div className="form-row">
        <Field label="Datum vergadering" name="meetingDate" error={error} required>
          {(props) => (
            <input {...props} type="date" value={meetingDate} onChange={(e) => setMeetingDate(e.target.value)} />
          )}
        </Field>
        <Field label="Deadline werkgroepen" name="reportDeadline" error={error} required>
          {(props) => (
            <input {...props} type="date" value={reportDeadline} onChange={(e) => setReportDeadline(e.target.value)} />
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Verslagperiode vanaf" name="periodStart" error={error} hint="Leeg: een half jaar vóór het einde.">
          {(props) => (
            <input {...props} type="date" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} />
          )}
        </Field>
        <Field label="Verslagperiode tot en met" name="periodEnd" error={error} hint="Leeg: de deadline.">
          {(props) => <input {...props} type="date" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} />}
        </Field>
      </div>
      <FormActions submit="Cyclus aanmaken" busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** The sealed bundle's fingerprints, the server's check of the stored bytes, and a check of the PDF here. */
function SealInfo({ cycleId }: { cycleId: string }) {
  const cycle = useApi(() => reportingApi.cycle(cycleId), [cycleId]);
  const [check, setCheck] = useState<string | null>(null);
  const seal = cycle.data?.seal;
  if (cycle.error) return <ErrorMessage error={cycle.error} />;
  if (!seal) return null;

  async function checkPdf() {
    setCheck('De PDF wordt gecontroleerd…');
    try {
      const response = await fetch(reportingApi.bundlePdfUrl(cycleId), { credentials: 'same-origin' });
      const digest = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      setCheck(
        hex === seal!.pdfSha256
          ? 'De gedownloade PDF is precies de verzegelde bundel.'
          : 'Let op: de gedownloade PDF wijkt af van de verzegelde bundel.',
      );
    } catch {
      setCheck('De PDF kon niet worden gecontroleerd. Probeer het opnieuw.');
    }
  }

  return (
    <div className="seal-info" role="group" aria-label="Verzegelde bundel">
      <p>
        <strong>Gesloten en verzegeld</strong> op {formatDate(seal.sealedAt.slice(0, 10))}
        {seal.sealedByName && ` door ${seal.sealedByName}`}. De bundel verandert niet meer.
      </p>
      <p className="small">
        SHA-256 van de PDF: <code className="hash">{seal.pdfSha256}</code>
        <br />
        SHA-256 van de gegevens (JSON): <code className="hash">{seal.jsonSha256}</code>
      </p>
      <p className={seal.verified ? 'hash-ok' : 'hash-bad'}>
        {seal.verified
          ? 'Controle door de server: de bewaarde bundel klopt met deze vingerafdrukken.'
          : 'Let op: de bewaarde bundel klopt niet meer met deze vingerafdrukken.'}
      </p>
      <p>
        <button type="button" className="button button-secondary button-small" onClick={() => void checkPdf()}>
          Controleer de PDF in deze browser
        </button>{' '}
        <span role="status">{check}</span>
      </p>
    </div>
  );
}

/** Offered to the secretariat once the meeting has been held: closes the cycle and seals its bundle. */
function CloseCycle({ cycle, onClosed }: { cycle: ReportingCycle; onClosed: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function close() {
    setBusy(true);
    setError(null);
    try {
      await reportingApi.closeCycle(cycle.id, cycle.version);
      setConfirming(false);
      await onClosed();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Cyclus sluiten en bundel verzegelen<span className="visually-hidden">: {cycle.title}</span>
        </button>
      </p>
      {confirming && (
        <ConfirmDialog
          title="Cyclus sluiten en bundel verzegelen?"
          confirmLabel="Ja, sluiten en verzegelen"
          busy={busy}
          error={error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void close()}
        >
          <p>
            De bundel zoals hij nu is (PDF en gegevens) wordt vastgelegd met een digitale vingerafdruk (SHA-256). Wat
            daarna gebeurt, verandert hem niet meer. De cyclus en haar rapportages kunnen dan niet meer worden
            gewijzigd.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
