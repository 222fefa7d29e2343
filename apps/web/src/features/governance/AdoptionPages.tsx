import { FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { STRATEGY_STATUS_LABELS, StrategyDetail } from '@koers/contracts';
import { api } from '../../api';
import { isSecretariat, useAuth } from '../../auth';
import { asApiError, ErrorMessage, Field, Loading, PageHeading, SuccessMessage, useApi } from '../../components/common';
import { useConfirm } from '../../components/dialog';
import { FormActions, useSubmit } from '../../components/forms';
import { useGuardedForm } from '../forms';
import { formatDate, formatDateTime } from '../../labels';
import { useWords } from '../region/words';
import { governanceApi, PeriodWorkgroup, StrategyAdoption } from './governance-api';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const Breadcrumb = ({ strategy }: { strategy?: boolean }) => (
  <p className="breadcrumb">
    <Link to="/cyclus">Strategiecyclus</Link>
    {strategy && (
      <>
        {' '}
        › <Link to="/cyclus/vaststelling">Vaststelling en periodewissel</Link>
      </>
    )}
  </p>
);

/** The adoption's facts (date, body, meeting, decision); shown here and on the strategy page. */
export function AdoptionFacts({ adoption }: { adoption: StrategyAdoption }) {
  return (
    <dl className="facts">
      <div>
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${adoption.status}`}>
            {STRATEGY_STATUS_LABELS[adoption.status as keyof typeof STRATEGY_STATUS_LABELS] ?? adoption.status}
          </span>
        </dd>
      </div>
      {adoption.adoptedOn && (
        <>
          <div>
            <dt>Vastgesteld op</dt>
            <dd>{formatDate(adoption.adoptedOn)}</dd>
          </div>
          <div>
            <dt>Vastgesteld door</dt>
            <dd>
              {adoption.adoptedByBodyId ? (
                <Link to={`/cyclus/organen/${adoption.adoptedByBodyId}`}>{adoption.adoptedBy}</Link>
              ) : (
                adoption.adoptedBy || '—'
              )}
            </dd>
          </div>
          {adoption.adoptedAtMeetingTitle && (
            <div>
              <dt>Vergadering</dt>
              <dd>
                {adoption.adoptedAtMeetingTitle} ({formatDateTime(adoption.adoptedAtMeetingStartsAt)})
              </dd>
            </div>
          )}
          <div>
            <dt>Besluit</dt>
            <dd>{adoption.adoptionReference || '—'}</dd>
          </div>
        </>
      )}
    </dl>
  );
}

/** On the strategy page: the adoption for the secretariat and RVC members, with a link to the screen. */
export function StrategyAdoptionPanel({ strategyId }: { strategyId: string }) {
  const { me } = useAuth();
  const reads = isSecretariat(me) || !!me?.user.rvcMember;
  const adoption = useApi(
    () => (reads ? governanceApi.adoption(strategyId) : Promise.resolve(null)),
    [strategyId, reads],
  );
  if (!reads) return null;
  const a = adoption.data;
  return (
    <section className="section" aria-labelledby="vaststelling">
      <h2 id="vaststelling">Vaststelling</h2>
      <ErrorMessage error={adoption.error} />
      {a && a.adoptedOn && <p>Besluit: {a.adoptionReference || '—'}</p>}
      {a && !a.adoptedOn && <p>Deze strategie is nog niet vastgesteld.</p>}
      <p>
        <Link to={`/cyclus/vaststelling/${strategyId}`}>Vaststelling en periodewissel</Link>
      </p>
    </section>
  );
}

/** /cyclus/vaststelling: every strategy with its state; choose one to adopt or close it. */
export function AdoptionIndexPage() {
  const strategies = useApi(() => api.strategies(), []);
  const words = useWords();
  return (
    <>
      <Breadcrumb />
      <PageHeading>Vaststelling en periodewissel</PageHeading>
      <p className="lead">
        Het {words.boardName} stelt de {words.strategyName} vast; aan het eind van de periode wordt de oude strategie
        afgesloten en gaat elke werkgroep verder onder een nieuwe prioriteit of krijgt decharge.
      </p>
      <ErrorMessage error={strategies.error} />
      {strategies.loading && !strategies.data && <Loading what="De strategieën" plural />}
      <ul className="card-list">
        {strategies.data?.map((s) => (
          <li key={s.id} className="card">
            <h2>
              <Link to={`/cyclus/vaststelling/${s.id}`}>{s.title}</Link>
            </h2>
            <p>
              {formatDate(s.periodStart)} tot en met {formatDate(s.periodEnd)} ·{' '}
              <span className={`badge badge-${s.status}`}>{STRATEGY_STATUS_LABELS[s.status] ?? s.status}</span>
            </p>
            {s.adoptedOn && (
              <p className="muted small">
                Vastgesteld op {formatDate(s.adoptedOn)}
                {s.adoptedBy && <> door {s.adoptedBy}</>}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** /cyclus/vaststelling/:id: record the board's adoption, close the period, continue or discharge werkgroepen. */
export function AdoptionPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const manages = isSecretariat(me);
  const strategy = useApi(() => api.strategy(id), [id]);
  const adoption = useApi(() => governanceApi.adoption(id), [id]);
  const workgroups = useApi(() => governanceApi.periodWorkgroups(id), [id]);
  const confirm = useConfirm();
  const [message, setMessage] = useState<string | null>(null);
  const [closeError, setCloseError] = useState<ReturnType<typeof asApiError> | null>(null);
  const s = strategy.data;
  const a = adoption.data;

  async function closePeriod() {
    if (!s) return;
    const ok = await confirm({
      title: 'Periode afsluiten?',
      message: `“${s.title}” krijgt de status Afgesloten. Daarna kan de strategie niet meer worden vastgesteld of als nieuwe periode dienen.`,
      confirmLabel: 'Periode afsluiten',
    });
    if (!ok) return;
    setCloseError(null);
    try {
      await governanceApi.close(s.id);
      setMessage('De periode is afgesloten.');
      await Promise.all([adoption.reload(), strategy.reload()]);
    } catch (err) {
      setCloseError(asApiError(err));
    }
  }

  return (
    <>
      <Breadcrumb strategy />
      <ErrorMessage error={strategy.error ?? adoption.error} />
      {strategy.loading && !s && <Loading what="De strategie" />}
      {s && (
        <>
          <PageHeading>Vaststelling: {s.title}</PageHeading>
          <p>
            <Link to={`/strategie/${s.id}`}>Naar de strategie</Link> · periode {formatDate(s.periodStart)} tot en met{' '}
            {formatDate(s.periodEnd)}
          </p>
          <SuccessMessage message={message} />
          {a && <AdoptionFacts adoption={a} />}
          {manages && a && (a.status === 'concept' || a.status === 'consultatie') && (
            <AdoptionForm
              strategy={s}
              onAdopted={async () => {
                setMessage('De vaststelling is vastgelegd.');
                await Promise.all([adoption.reload(), strategy.reload()]);
              }}
            />
          )}
          {manages && a?.status === 'vastgesteld' && (
            <section className="section" aria-labelledby="afsluiten">
              <h2 id="afsluiten">Periode afsluiten</h2>
              <p>Aan het eind van de periode wordt de vastgestelde strategie afgesloten.</p>
              <ErrorMessage error={closeError} />
              <button type="button" className="button button-secondary" onClick={() => void closePeriod()}>
                Periode afsluiten
              </button>
            </section>
          )}
          <section className="section" aria-labelledby="werkgroepen">
            <h2 id="werkgroepen">Werkgroepen van deze periode</h2>
            <p>
              Per werkgroep: voortzetten onder een prioriteit van de nieuwe strategie, of decharge verlenen. Een
              gedechargeerde werkgroep wordt gearchiveerd en is daarna voor iedereen alleen-lezen; documenten, sessies,
              acties en rapportages blijven bewaard.
            </p>
            <ErrorMessage error={workgroups.error} />
            {workgroups.loading && !workgroups.data && <Loading what="De werkgroepen" plural />}
            {workgroups.data && workgroups.data.length === 0 && <p>Deze strategie heeft geen werkgroepen.</p>}
            <ul className="card-list">
              {workgroups.data?.map((w) => (
                <PeriodWorkgroupCard
                  key={w.id}
                  workgroup={w}
                  strategyId={s.id}
                  manages={manages}
                  onChanged={async (text) => {
                    setMessage(text);
                    await workgroups.reload();
                  }}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}

function AdoptionForm({ strategy, onAdopted }: { strategy: StrategyDetail; onAdopted: () => Promise<void> }) {
  const words = useWords();
  const bodies = useApi(() => governanceApi.bodies(), []);
  const [adoptedOn, setAdoptedOn] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [reference, setReference] = useState('');
  const meetings = useApi(() => (bodyId ? governanceApi.bodyMeetings(bodyId) : Promise.resolve([])), [bodyId]);
  const confirm = useConfirm();
  const { error, busy, submit } = useSubmit();
  // The default body is not an edit: only the date, meeting and reference make the form unsaved.
  const guard = useGuardedForm({ values: { adoptedOn, meetingId, reference } });
  useEffect(() => {
    // The board (RVC or the region's equivalent) is the usual choice.
    const board = bodies.data?.find((b) => b.kind === 'rvc');
    if (board && !bodyId) setBodyId(board.id);
  }, [bodies.data, bodyId]);
  const bodyName = bodies.data?.find((b) => b.id === bodyId)?.name ?? words.boardName;

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['adoptedOn', DAY.test(adoptedOn), 'Kies de datum van het besluit.'],
        ['decisionReference', reference.trim().length >= 2, 'Geef de verwijzing naar het besluit (2 tot 300 tekens).'],
      ],
      async () => {
        const ok = await confirm({
          title: 'Vaststelling vastleggen?',
          message: `“${strategy.title}” wordt vastgesteld door ${bodyName} op ${formatDate(adoptedOn)} (besluit ${reference.trim()}). De status wordt Vastgesteld; dat is niet terug te draaien.`,
          confirmLabel: 'Vaststelling vastleggen',
        });
        if (!ok) return;
        await governanceApi.adopt(strategy.id, {
          adoptedOn,
          decisionReference: reference.trim(),
          bodyId: bodyId || undefined,
          meetingId: meetingId || undefined,
        });
        guard.saved();
        await onAdopted();
      },
    );

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="vaststellen">
      <h2 id="vaststellen">Vaststelling vastleggen</h2>
      <p>Het secretariaat legt het besluit van het bestuur vast.</p>
      <ErrorMessage error={error ?? bodies.error} />
      <Field label="Datum van het besluit" name="adoptedOn" error={error} required>
        {(props) => <input {...props} type="date" value={adoptedOn} onChange={(e) => setAdoptedOn(e.target.value)} />}
      </Field>
      <Field label="Orgaan" name="bodyId" error={error} hint={`Zonder orgaan wordt “${words.boardName}” vastgelegd.`}>
        {(props) => (
          <select
            {...props}
            value={bodyId}
            onChange={(e) => {
              setBodyId(e.target.value);
              setMeetingId('');
            }}
          >
            <option value="">Geen orgaan gekozen</option>
            {bodies.data?.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Vergadering" name="meetingId" error={error} hint="De vergadering waarin het besluit viel.">
        {(props) => (
          <select {...props} value={meetingId} onChange={(e) => setMeetingId(e.target.value)} disabled={!bodyId}>
            <option value="">Geen vergadering gekozen</option>
            {meetings.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title} ({formatDateTime(m.startsAt)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Besluit (kenmerk of verwijzing)"
        name="decisionReference"
        error={error}
        required
        hint="Bijvoorbeeld: besluitenlijst RVC 12 april 2023, punt 4."
      >
        {(props) => (
          <input
            {...props}
            type="text"
            maxLength={300}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        )}
      </Field>
      <FormActions submit="Vaststelling vastleggen" busy={busy} />
    </form>
  );
}

/** The themes of the other open strategies that have no werkgroep yet: where a werkgroep can continue. */
function useTargetThemes(strategyId: string, enabled: boolean) {
  return useApi(async () => {
    if (!enabled) return [];
    const [strategies, groups] = await Promise.all([api.strategies(), api.workgroups()]);
    const taken = new Set(groups.map((g) => g.themeId));
    const others = strategies.filter((s) => s.id !== strategyId && s.status !== 'afgesloten');
    const details = await Promise.all(others.map((s) => api.strategy(s.id)));
    return details.flatMap((d) =>
      d.themes
        .filter((t) => !t.archivedAt && !taken.has(t.id))
        .map((t) => ({ id: t.id, label: `${t.title} (${d.title})` })),
    );
  }, [strategyId, enabled]);
}

function PeriodWorkgroupCard({
  workgroup: w,
  strategyId,
  manages,
  onChanged,
}: {
  workgroup: PeriodWorkgroup;
  strategyId: string;
  manages: boolean;
  onChanged: (message: string) => Promise<void>;
}) {
  const open = manages && !w.archivedAt;
  const [action, setAction] = useState<'continue' | 'discharge' | ''>('');
  const [themeId, setThemeId] = useState('');
  const [note, setNote] = useState('');
  const themes = useTargetThemes(strategyId, open && action === 'continue');
  const confirm = useConfirm();
  const { error, busy, submit } = useSubmit();
  const headingId = `werkgroep-${w.id}`;
  const [undoError, setUndoError] = useState<ReturnType<typeof asApiError> | null>(null);

  async function undoDischarge() {
    const ok = await confirm({
      title: 'Decharge terugdraaien?',
      message: `“${w.name}” wordt weer actief: de leden kunnen weer werken aan documenten, acties en sessies. Daarna kiest u opnieuw: voortzetten of decharge.`,
      confirmLabel: 'Decharge terugdraaien',
    });
    if (!ok) return;
    setUndoError(null);
    try {
      await governanceApi.undoDischarge(w.id);
      await onChanged(`De decharge van ${w.name} is teruggedraaid; de werkgroep is weer actief.`);
    } catch (err) {
      setUndoError(asApiError(err));
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['action', action !== '', 'Kies voortzetten of decharge.'],
        ['themeId', action !== 'continue' || !!themeId, 'Kies de prioriteit van de nieuwe strategie.'],
      ],
      async () => {
        const theme = themes.data?.find((t) => t.id === themeId)?.label ?? '';
        const ok = await confirm(
          action === 'continue'
            ? {
                title: 'Werkgroep voortzetten?',
                message: `“${w.name}” gaat verder onder ${theme}, met haar leden, documenten en acties.`,
                confirmLabel: 'Voortzetten',
              }
            : {
                title: 'Decharge verlenen?',
                message: `“${w.name}” wordt gearchiveerd en is daarna voor iedereen alleen-lezen, ook voor het secretariaat. Documenten, sessies en rapportages blijven bewaard. ${w.newPeriodAdopted ? 'De nieuwe periode is al vastgesteld: dit is niet terug te draaien.' : 'Het secretariaat kan de decharge terugdraaien tot de nieuwe periode is vastgesteld.'}`,
                confirmLabel: 'Decharge verlenen',
                danger: true,
              },
        );
        if (!ok) return;
        if (action === 'continue') await governanceApi.transition(w.id, { action: 'continue', themeId });
        else await governanceApi.transition(w.id, { action: 'discharge', note: note.trim() || undefined });
        await onChanged(
          action === 'continue' ? `${w.name} gaat verder in de nieuwe periode.` : `${w.name} heeft decharge gekregen.`,
        );
      },
    );

  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/werkgroepen/${w.id}`}>{w.name}</Link>
      </h3>
      <p>
        Prioriteit: {w.themeTitle}
        {w.strategyId !== strategyId && <> (nu onder een andere strategie)</>}
      </p>
      {w.archivedAt ? (
        <p>
          <span className="badge badge-afgesloten">Gedechargeerd</span> op {formatDate(w.archivedAt)} · alleen-lezen
          {w.archiveNote && <> · {w.archiveNote}</>}
        </p>
      ) : (
        <p>
          <span className="badge badge-vastgesteld">Actief</span>
        </p>
      )}
      {manages && w.archivedAt && (
        <>
          <ErrorMessage error={undoError} />
          {w.canUndoDischarge ? (
            <button type="button" className="button button-secondary button-small" onClick={() => void undoDischarge()}>
              Decharge terugdraaien<span className="visually-hidden"> ({w.name})</span>
            </button>
          ) : (
            <p className="muted small">De nieuwe periode is vastgesteld; de decharge is niet meer terug te draaien.</p>
          )}
        </>
      )}
      {open && (
        <form onSubmit={onSubmit} noValidate className="form">
          <ErrorMessage error={error ?? themes.error} />
          <fieldset className={error?.fieldMessages('action').length ? 'field field-invalid' : 'field'}>
            <legend>
              Wat gebeurt er met {w.name} in de nieuwe periode?<span className="required"> (verplicht)</span>
            </legend>
            {error?.fieldMessages('action').length ? (
              <p className="field-error">{error.fieldMessages('action').join(' ')}</p>
            ) : null}
            <label className="choice">
              <input
                type="radio"
                name={`action-${w.id}`}
                value="continue"
                checked={action === 'continue'}
                onChange={() => setAction('continue')}
              />{' '}
              Voortzetten onder een prioriteit van de nieuwe strategie
            </label>
            <label className="choice">
              <input
                type="radio"
                name={`action-${w.id}`}
                value="discharge"
                checked={action === 'discharge'}
                onChange={() => setAction('discharge')}
              />{' '}
              Decharge verlenen (archiveren, alleen-lezen)
            </label>
          </fieldset>
          {action === 'continue' && (
            <Field label="Prioriteit van de nieuwe strategie" name="themeId" error={error} required>
              {(props) => (
                <select {...props} value={themeId} onChange={(e) => setThemeId(e.target.value)}>
                  <option value="">{themes.loading ? 'Prioriteiten worden geladen…' : 'Kies een prioriteit'}</option>
                  {themes.data?.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {action === 'discharge' && (
            <Field label="Toelichting" name="note" error={error} hint="Bijvoorbeeld: opdracht afgerond.">
              {(props) => (
                <textarea {...props} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
              )}
            </Field>
          )}
          <FormActions submit={`Vastleggen voor ${w.name}`} busy={busy} small />
        </form>
      )}
    </li>
  );
}
