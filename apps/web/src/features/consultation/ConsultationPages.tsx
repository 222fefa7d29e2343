import { FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  CONSULTATION_OUTCOME_LABELS,
  CONSULTATION_OUTCOMES,
  ConsultationOutcome,
  ConsultationPointKind,
  POINT_RESPONSE_LABELS,
  PointResponse,
} from '@koers/contracts';
import { api } from '../../api';
import { isSecretariat, useAuth } from '../../auth';
import { asApiError, ErrorMessage, Field, Loading, PageHeading, SuccessMessage, useApi } from '../../components/common';
import { useConfirm } from '../../components/dialog';
import { FormActions, useSubmit } from '../../components/forms';
import { FileList } from '../files';
import { useGuardedForm } from '../forms';
import { dutchDate } from '../inventory/inventory-api';
import { useWords } from '../region/words';
import { ConsultationDetail, ConsultationPoint, ConsultationResponse, consultationApi } from './consultation-api';
import { ConsultationEditor, ConsultationHistory, ResponseContacts } from './ConsultationEdit';
import './consultation.css';

const KIND_LABELS: Record<ConsultationPointKind, string> = { wens: 'Wens', bedenking: 'Bedenking' };

/** Said on every consultation screen in the demo region. */
export function ConsultationDemoNote() {
  const words = useWords();
  if (!words.demo) return null;
  return (
    <p className="read-only-notice">
      Demogegevens: de reacties van de gemeenteraden in deze consultatie zijn verzonnen om Koers te laten zien.
    </p>
  );
}

const Breadcrumb = ({ id }: { id?: string }) => (
  <p className="breadcrumb">
    <Link to="/cyclus">Strategiecyclus</Link> › <Link to="/cyclus/consultaties">Consultaties</Link>
    {id && (
      <>
        {' '}
        › <Link to={`/cyclus/consultaties/${id}`}>Consultatie</Link>
      </>
    )}
  </p>
);

/** /cyclus/consultaties: the consultations; the secretariat offers the concept strategy here. */
export function ConsultationsPage() {
  const { me } = useAuth();
  const list = useApi(() => consultationApi.list(), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link>
      </p>
      <PageHeading>Consultaties van de gemeenteraden</PageHeading>
      <ConsultationDemoNote />
      <SuccessMessage message={message} />
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading what="De consultaties" plural />}
      {list.data && list.data.length === 0 && <p>Er zijn nog geen consultaties waar u bij betrokken bent.</p>}
      <ul className="card-list">
        {list.data?.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/cyclus/consultaties/${c.id}`}>{c.title}</Link>
            </h2>
            <p>
              {c.strategyTitle} · reageren tot en met {dutchDate(c.deadline)}
              {c.closed ? ' (gesloten)' : ''}
            </p>
            <p>
              <strong>
                {c.answered} van {c.asked} beantwoord
              </strong>
              {c.overdue > 0 && <span className="overdue"> · {c.overdue} te laat</span>}
            </p>
          </li>
        ))}
      </ul>
      {isSecretariat(me) && (
        <NewConsultationForm
          onCreated={(title) => {
            setMessage(`Consultatie “${title}” is gestart.`);
            void list.reload();
          }}
        />
      )}
    </>
  );
}

function NewConsultationForm({ onCreated }: { onCreated: (title: string) => void }) {
  const gemeenten = useApi(() => api.organisations('gemeente'), []);
  const strategies = useApi(() => api.strategies(), []);
  const [strategyId, setStrategyId] = useState('');
  const [deadline, setDeadline] = useState('');
  const [documentReference, setDocumentReference] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: { deadline, documentReference, all, chosen } });
  const open = (strategies.data ?? []).filter((s) => s.status !== 'afgesloten');
  useEffect(() => {
    if (!strategyId && open.length) setStrategyId((open.find((s) => s.status !== 'vastgesteld') ?? open[0]).id);
  }, [open, strategyId]);
  const organisationIds = all ? (gemeenten.data ?? []).map((g) => g.id) : chosen;
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['strategyId', !!strategyId, 'Kies de strategie die ter consultatie wordt aangeboden.'],
        ['deadline', /^\d{4}-\d{2}-\d{2}$/.test(deadline), 'Kies een uiterste datum.'],
        ['organisationIds', organisationIds.length > 0, 'Kies minstens één gemeente.'],
      ],
      async () => {
        const created = await consultationApi.create({
          strategyId,
          deadline,
          organisationIds,
          documentReference: documentReference.trim() || undefined,
        });
        onCreated(created.title);
        setDeadline('');
        setDocumentReference('');
        setChosen([]);
        setAll(true);
        guard.saved({ deadline: '', documentReference: '', all: true, chosen: [] });
      },
    );
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="nieuwe-consultatie">
      <h2 id="nieuwe-consultatie">Conceptstrategie aanbieden aan gemeenteraden</h2>
      <ErrorMessage error={error ?? strategies.error ?? gemeenten.error} />
      <Field label="Strategie" name="strategyId" error={error} required>
        {(props) => (
          <select {...props} value={strategyId} onChange={(e) => setStrategyId(e.target.value)}>
            <option value="">Kies een strategie</option>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.status})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Reageren tot en met"
        name="deadline"
        error={error}
        required
        hint="De gemeenteraden geven hun wensen en bedenkingen vóór deze datum."
      >
        {(props) => <input {...props} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />}
      </Field>
      <Field
        label="Document (kenmerk of bestandsnaam)"
        name="documentReference"
        error={error}
        hint="Bijvoorbeeld: Concept RVS 2027-2030, versie 0.9."
      >
        {(props) => (
          <input
            {...props}
            type="text"
            value={documentReference}
            onChange={(e) => setDocumentReference(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="checkbox-group">
        <legend>Welke gemeenten?</legend>
        <label className="checkbox-inline">
          <input type="radio" name="scope" checked={all} onChange={() => setAll(true)} /> Alle gemeenten (
          {gemeenten.data?.length ?? 0})
        </label>
        <label className="checkbox-inline">
          <input type="radio" name="scope" checked={!all} onChange={() => setAll(false)} /> Een selectie
        </label>
        {!all && (
          <ul className="gemeente-choice">
            {(gemeenten.data ?? []).map((g) => (
              <li key={g.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(g.id)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, g.id] : chosen.filter((c) => c !== g.id))}
                  />{' '}
                  {g.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {error?.fieldMessages('organisationIds').length ? (
        <p className="field-error">{error.fieldMessages('organisationIds').join(' ')}</p>
      ) : null}
      <p className="hint">
        Daarna wijst u per gemeente de contactpersonen aan: alleen zij zien de consultatie, vullen de reactie in en
        krijgen herinneringen.
      </p>
      <FormActions submit={`Aanbieden (${organisationIds.length} gemeenten)`} busy={busy} />
    </form>
  );
}

/** /cyclus/consultaties/:id: the overview, each council's answer and (secretariat) the points raised. */
export function ConsultationPage() {
  const { id = '' } = useParams();
  const detail = useApi(() => consultationApi.get(id), [id]);
  const d = detail.data;
  return (
    <>
      <Breadcrumb />
      <ErrorMessage error={detail.error} />
      {detail.loading && !d && <Loading what="De consultatie" />}
      {d && (
        <>
          <PageHeading>{d.title}</PageHeading>
          <ConsultationDemoNote />
          <p className="lead">
            {d.strategyTitle}
            {d.documentReference && <> · {d.documentReference}</>} · aangeboden op {dutchDate(d.offeredOn)}, reageren
            tot en met {dutchDate(d.deadline)}
            {d.closed ? ' (gesloten)' : ''}
          </p>
          <Counts detail={d} />
          <div className="toolbar">
            <Link className="button button-secondary button-small" to={`/cyclus/consultaties/${id}/nota`}>
              Nota van beantwoording
            </Link>{' '}
            {d.canManage && <CloseButton detail={d} onChanged={() => void detail.reload()} />}
          </div>
          {d.canManage && <ConsultationEditor detail={d} onSaved={() => void detail.reload()} />}
          <Responses detail={d} onChanged={() => void detail.reload()} />
          <ConsultationHistory changes={d.changes} />
        </>
      )}
    </>
  );
}

/** The secretariat closes the consultation (no more answers) or reopens it. */
function CloseButton({ detail: d, onChanged }: { detail: ConsultationDetail; onChanged: () => void }) {
  const confirm = useConfirm();
  const [error, setError] = useState<unknown>(null);
  async function toggle() {
    if (
      !d.closed &&
      !(await confirm({
        title: 'Consultatie sluiten?',
        message: 'Daarna kunnen gemeenten hun reactie niet meer invullen of wijzigen. U kunt haar heropenen.',
        confirmLabel: 'Sluiten',
      }))
    )
      return;
    try {
      await consultationApi.update(d.id, { closed: !d.closed }, d.version);
      setError(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <>
      <button type="button" className="button button-secondary button-small" onClick={() => void toggle()}>
        {d.closed ? 'Consultatie heropenen' : 'Consultatie sluiten'}
      </button>
      {error !== null && <ErrorMessage error={asApiError(error)} />}
    </>
  );
}

function Counts({ detail: d }: { detail: ConsultationDetail }) {
  return (
    <section className="section" aria-labelledby="stand">
      <h2 id="stand">Stand van zaken</h2>
      <p>
        <strong>
          {d.answered} van {d.asked} beantwoord
        </strong>
        {d.overdue > 0 && <span className="overdue"> · {d.overdue} te laat</span>}
        {d.canManage && (
          <>
            {' '}
            · {d.pointsAnswered} van {d.pointsTotal} punten van een reactie voorzien
          </>
        )}
      </p>
      <ul className="outcome-counts">
        {CONSULTATION_OUTCOMES.map((o) => (
          <li key={o}>
            {CONSULTATION_OUTCOME_LABELS[o]}: <strong>{d.outcomes[o] ?? 0}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Responses({ detail: d, onChanged }: { detail: ConsultationDetail; onChanged: () => void }) {
  // Overdue councils first, then the unanswered, then the answered: what needs a reminder comes on top.
  const order = (r: ConsultationResponse) => (r.overdue ? 0 : r.answered ? 2 : 1);
  const sorted = [...d.responses].sort(
    (a, b) => order(a) - order(b) || a.organisationName.localeCompare(b.organisationName, 'nl'),
  );
  return (
    <section className="section" aria-labelledby="reacties">
      <h2 id="reacties">Reacties per gemeente</h2>
      <ul className="card-list">
        {sorted.map((r) => (
          <li key={r.organisationId} className={'card' + (r.overdue ? ' card-overdue' : '')}>
            <h3>{r.organisationName}</h3>
            {r.districtName && <p className="muted small">{r.districtName}</p>}
            {r.overdue && (
              <p className="overdue">
                <strong>Te laat:</strong> geen reactie vóór {dutchDate(d.deadline)}.
              </p>
            )}
            {!r.answered && !r.overdue && <p>Nog geen reactie.</p>}
            {r.answered && (
              <>
                <dl className="answer-facts">
                  <dt>Uitkomst</dt>
                  <dd>{r.outcome ? CONSULTATION_OUTCOME_LABELS[r.outcome] : '—'}</dd>
                  <dt>Besloten op</dt>
                  <dd>{r.decidedOn ? dutchDate(r.decidedOn) : '—'}</dd>
                  {r.decisionReference && (
                    <>
                      <dt>Raadsbesluit</dt>
                      <dd>{r.decisionReference}</dd>
                    </>
                  )}
                </dl>
                {r.onBehalf && (
                  <p className="muted small">
                    Namens de gemeente ingevuld{r.enteredByName ? ` door ${r.enteredByName}` : ''}.
                  </p>
                )}
                {r.text && <p className="answer-text">{r.text}</p>}
              </>
            )}
            {d.canManage && <ResponseContacts consultationId={d.id} response={r} onChanged={onChanged} />}
            {d.answerableOrganisationIds.includes(r.organisationId) && !d.closed && (
              <p>
                <Link to={`/cyclus/consultaties/${d.id}/reactie/${r.organisationId}`}>
                  {r.answered ? 'Reactie wijzigen' : 'Reactie invullen'}
                  <span className="visually-hidden"> voor {r.organisationName}</span>
                </Link>
              </p>
            )}
            {(r.points.length > 0 || d.canManage) && (
              <Points consultationId={d.id} response={r} manage={d.canManage} onChanged={onChanged} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Points({
  consultationId,
  response: r,
  manage,
  onChanged,
}: {
  consultationId: string;
  response: ConsultationResponse;
  manage: boolean;
  onChanged: () => void;
}) {
  return (
    <div className="points">
      <h4>Punten en reactie van het bureau</h4>
      {r.points.length === 0 && <p className="muted small">Nog geen punten vastgelegd.</p>}
      <ol>
        {r.points.map((p) =>
          manage ? (
            <li key={p.id + ':' + p.version}>
              <PointEditor point={p} organisationName={r.organisationName} onChanged={onChanged} />
            </li>
          ) : (
            <li key={p.id}>
              <strong>{KIND_LABELS[p.kind]}:</strong> {p.text}
              <br />
              <em>{p.response ? POINT_RESPONSE_LABELS[p.response] : 'Nog geen reactie'}</em>
              {p.reason && <> – {p.reason}</>}
            </li>
          ),
        )}
      </ol>
      {manage && <NewPointForm consultationId={consultationId} response={r} onAdded={onChanged} />}
    </div>
  );
}

function NewPointForm({
  consultationId,
  response: r,
  onAdded,
}: {
  consultationId: string;
  response: ConsultationResponse;
  onAdded: () => void;
}) {
  const [kind, setKind] = useState<ConsultationPointKind>('wens');
  const [text, setText] = useState('');
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { kind, text },
    draftKey: `consultatie.${consultationId}.${r.organisationId}.punt`,
    restore: (kept) => {
      setKind(kept.kind);
      setText(kept.text);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(event, [['text', text.trim().length >= 3, 'Een punt heeft 3 tot 4000 tekens.']], async () => {
      await consultationApi.addPoint(consultationId, { organisationId: r.organisationId, kind, text: text.trim() });
      setText('');
      guard.saved({ kind, text: '' });
      onAdded();
    });
  return (
    <details className="point-add">
      <summary>
        Punt toevoegen<span className="visually-hidden"> voor {r.organisationName}</span>
      </summary>
      <form onSubmit={onSubmit} noValidate className="form">
        {guard.notice}
        <ErrorMessage error={error} />
        <Field label="Soort" name="kind" error={error}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as ConsultationPointKind)}>
              <option value="wens">Wens</option>
              <option value="bedenking">Bedenking</option>
            </select>
          )}
        </Field>
        <Field label="Punt" name="text" error={error} required>
          {(props) => <textarea {...props} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <FormActions submit="Punt toevoegen" busy={busy} small />
      </form>
    </details>
  );
}

function PointEditor({
  point: p,
  organisationName,
  onChanged,
}: {
  point: ConsultationPoint;
  organisationName: string;
  onChanged: () => void;
}) {
  const confirm = useConfirm();
  const [response, setResponse] = useState<PointResponse | ''>(p.response ?? '');
  const [reason, setReason] = useState(p.reason);
  const [saved, setSaved] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: { response, reason } });
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [['reason', response !== 'niet_verwerkt' || reason.trim().length > 0, 'Geef de reden waarom niet verwerkt.']],
      async () => {
        await consultationApi.updatePoint(p.id, { response: response || null, reason: reason.trim() }, p.version);
        guard.saved();
        setSaved('Reactie opgeslagen.');
        onChanged();
      },
    );
  async function remove() {
    if (!(await confirm({ title: 'Dit punt verwijderen?', confirmLabel: 'Verwijderen', danger: true }))) return;
    await consultationApi.removePoint(p.id, p.version);
    onChanged();
  }
  const label = `${KIND_LABELS[p.kind]} ${p.position} van ${organisationName}`;
  return (
    <form onSubmit={onSubmit} noValidate className="form point-form" aria-label={label}>
      <p>
        <strong>{KIND_LABELS[p.kind]}:</strong> {p.text}
      </p>
      <SuccessMessage message={saved} />
      <ErrorMessage error={error} />
      <Field label="Reactie van het bureau" name="response" error={error}>
        {(props) => (
          <select {...props} value={response} onChange={(e) => setResponse(e.target.value as PointResponse | '')}>
            <option value="">Nog geen reactie</option>
            <option value="verwerkt">{POINT_RESPONSE_LABELS.verwerkt}</option>
            <option value="niet_verwerkt">{POINT_RESPONSE_LABELS.niet_verwerkt}</option>
          </select>
        )}
      </Field>
      <Field label="Toelichting of reden" name="reason" error={error}>
        {(props) => <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormActions
        submit="Reactie opslaan"
        busy={busy}
        small
        before={
          <button type="button" className="button button-small button-secondary" onClick={() => void remove()}>
            Verwijderen<span className="visually-hidden"> ({label})</span>
          </button>
        }
      />
    </form>
  );
}

/** /cyclus/consultaties/:id/reactie/:organisationId: a council's answer, by its own users or on its behalf. */
export function ConsultationAnswerPage() {
  const { id = '', organisationId = '' } = useParams();
  const navigate = useNavigate();
  const detail = useApi(() => consultationApi.get(id), [id]);
  const r = detail.data?.responses.find((x) => x.organisationId === organisationId);
  return (
    <>
      <Breadcrumb id={id} />
      <ErrorMessage error={detail.error} />
      {detail.loading && !detail.data && <Loading what="De consultatie" />}
      {detail.data && !r && <ErrorMessage error="Deze gemeente is in deze consultatie niet gevraagd." />}
      {detail.data && r && (
        <>
          <PageHeading>Reactie van {r.organisationName}</PageHeading>
          <ConsultationDemoNote />
          <p className="lead">
            {detail.data.title} · reageren tot en met {dutchDate(detail.data.deadline)}
          </p>
          {detail.data.canManage && (
            <p className="hint">U vult deze reactie in namens de gemeente; dat wordt erbij vermeld.</p>
          )}
          <AnswerForm
            consultationId={id}
            response={r}
            onSaved={() => navigate(`/cyclus/consultaties/${id}`, { state: { saved: true } })}
          />
          <FileList
            parent={{ type: 'consultation_answer', id: r.id }}
            mayUpload={!detail.data.closed && detail.data.answerableOrganisationIds.includes(organisationId)}
            title="Bijlagen bij de reactie"
          />
        </>
      )}
    </>
  );
}

function AnswerForm({
  consultationId,
  response: r,
  onSaved,
}: {
  consultationId: string;
  response: ConsultationResponse;
  onSaved: () => void;
}) {
  const [decidedOn, setDecidedOn] = useState(r.decidedOn ?? '');
  const [outcome, setOutcome] = useState<ConsultationOutcome | ''>(r.outcome ?? '');
  const [text, setText] = useState(r.text);
  const [decisionReference, setDecisionReference] = useState(r.decisionReference);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { decidedOn, outcome, text, decisionReference },
    draftKey: `consultatie.${consultationId}.${r.organisationId}.besluit`,
    restore: (kept) => {
      setDecidedOn(kept.decidedOn);
      setOutcome(kept.outcome);
      setText(kept.text);
      setDecisionReference(kept.decisionReference);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['decidedOn', /^\d{4}-\d{2}-\d{2}$/.test(decidedOn), 'Kies de datum waarop de raad besloot.'],
        ['outcome', outcome !== '', 'Kies de uitkomst.'],
      ],
      async () => {
        await consultationApi.answer(consultationId, r.organisationId, {
          decidedOn,
          outcome: outcome as ConsultationOutcome,
          text: text.trim(),
          decisionReference: decisionReference.trim(),
        });
        guard.saved();
        onSaved();
      },
    );
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="reactie-formulier">
      <h2 id="reactie-formulier">Besluit van de gemeenteraad</h2>
      {guard.notice}
      <ErrorMessage error={error} />
      <Field label="Datum raadsbesluit" name="decidedOn" error={error} required>
        {(props) => <input {...props} type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />}
      </Field>
      <fieldset className="checkbox-group" aria-describedby={undefined}>
        <legend>
          Uitkomst<span className="required"> (verplicht)</span>
        </legend>
        {error?.fieldMessages('outcome').length ? (
          <p className="field-error">{error.fieldMessages('outcome').join(' ')}</p>
        ) : null}
        {CONSULTATION_OUTCOMES.map((o) => (
          <label key={o} className="checkbox-inline">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />{' '}
            {CONSULTATION_OUTCOME_LABELS[o]}
          </label>
        ))}
      </fieldset>
      <Field label="Tekst van de wensen en bedenkingen" name="text" error={error}>
        {(props) => <textarea {...props} rows={8} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field
        label="Kenmerk raadsbesluit"
        name="decisionReference"
        error={error}
        hint="Nummer van het raadsbesluit of een link."
      >
        {(props) => (
          <input
            {...props}
            type="text"
            value={decisionReference}
            onChange={(e) => setDecisionReference(e.target.value)}
          />
        )}
      </Field>
      <FormActions submit="Reactie opslaan" busy={busy} />
    </form>
  );
}

/** /cyclus/consultaties/:id/nota: the nota van beantwoording as the API renders it, to print or download. */
export function NotaPage() {
  const { id = '' } = useParams();
  const nota = useApi(() => consultationApi.notaHtml(id), [id]);
  // The API's own printable page; its body is shown here under the app's heading (it escapes every value).
  const body = nota.data ? new DOMParser().parseFromString(nota.data, 'text/html').body : null;
  body?.querySelector('h1')?.remove();
  return (
    <article>
      <div className="no-print">
        <Breadcrumb id={id} />
      </div>
      <PageHeading>Nota van beantwoording</PageHeading>
      <ConsultationDemoNote />
      <p className="toolbar no-print">
        <button type="button" className="button button-small" onClick={() => window.print()}>
          Afdrukken
        </button>{' '}
        <a className="button button-secondary button-small" href={consultationApi.notaUrl(id, 'md')} download>
          Download als Markdown
        </a>{' '}
        <a className="button button-secondary button-small" href={consultationApi.notaUrl(id, 'csv')} download>
          Download als CSV
        </a>{' '}
        <a className="button button-secondary button-small" href={consultationApi.notaUrl(id, 'html')}>
          Losse HTML-pagina
        </a>
      </p>
      <ErrorMessage error={nota.error} />
      {nota.loading && !nota.data && <Loading what="De nota" />}
      {body && <div className="nota" dangerouslySetInnerHTML={{ __html: body.innerHTML }} />}
    </article>
  );
}
