import { FormEvent, useEffect, useRef, useState } from 'react';
import { FileList } from '../../features/files';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  ACTION_STATUS_LABELS,
  ActionDraft,
  AGENDA_OUTCOME_LABELS,
  AgendaItem,
  AgendaOutcome,
  ATTENDANCE_LABELS,
  AttendanceStatus,
  SESSION_STATE_LABELS,
  SESSION_TYPE_LABELS,
  SessionDetail,
  SessionState,
  SessionType,
} from '@koers/contracts';
import { api, ApiError } from '../../api';
import {
  asApiError,
  Check,
  CheckboxField,
  ErrorMessage,
  Field,
  Loading,
  SuccessMessage,
  Table,
  useApi,
  useFocusOnMount,
} from '../../components/common';
import { formatDate, formatMoment, options } from '../../labels';
import { Choice, CommitSelect, FormActions, Options, SelectField, useSubmit } from '../../components/forms';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FollowButton } from '../../features/follow';
import { useLive } from '../../live';
import { storedDraft, useGuardedForm } from '../../features/forms';
import { AgendaItemEditForm, SessionEditForm, sessionDraftKey, SessionHistory } from '../../features/sessions';
import { TabError, useWorkgroup, WorkgroupContext } from '../WorkgroupPage';
import { possibleOwners } from './ActionsTab';
import { useConfirm } from '../../components/dialog';

/** Sessions of the werkgroep: upcoming first, then past; plan a new one. */
export function SessionsTab() {
  const ctx = useWorkgroup();
  const { workgroup } = ctx;
  const sessions = useApi(() => api.sessions(workgroup.id), [workgroup.id]);
  const [creating, setCreating] = useState(false);
  const [liveMessage, setLiveMessage] = useState('');
  const navigate = useNavigate();

  // Live: apply the werkgroep's session events at once, then re-read the list quietly (its order).
  const refetch = useRef<number | undefined>(undefined);
  function scheduleRefetch() {
    window.clearTimeout(refetch.current);
    refetch.current = window.setTimeout(() => void sessions.reload(), 300);
  }
  useEffect(() => () => window.clearTimeout(refetch.current), []);
  useLive(
    {
      'session.created': (session) => {
        if (session.workgroupId !== workgroup.id) return;
        sessions.setData((list) => (list && !list.some((s) => s.id === session.id) ? [...list, session] : list));
        setLiveMessage(`Nieuwe sessie: ${session.title}`);
        scheduleRefetch();
      },
      'session.updated': (session) => {
        if (session.workgroupId !== workgroup.id) return;
        sessions.setData((list) => list?.map((s) => (s.id === session.id ? session : s)));
        setLiveMessage(`Sessie bijgewerkt: ${session.title}`);
        scheduleRefetch();
      },
      'session.deleted': ({ id, workgroupId }) => {
        if (workgroupId !== workgroup.id) return;
        sessions.setData((list) => list?.filter((s) => s.id !== id));
        setLiveMessage('Een sessie is verwijderd.');
      },
    },
    workgroup.id,
  );

  return (
    <section aria-labelledby="sessies-kop" className="section">
      <h2 id="sessies-kop">Sessies</h2>
      <div className="visually-hidden" role="status" aria-live="polite">
        {liveMessage}
      </div>
      {ctx.canManage && !creating && (
        <p>
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Sessie plannen
          </button>
        </p>
      )}
      {creating && (
        <CreateSessionForm
          ctx={ctx}
          onCancel={() => setCreating(false)}
          onCreated={(id) => navigate(`/werkgroepen/${workgroup.id}/sessies/${id}`)}
        />
      )}
      <TabError error={sessions.error} what="de sessies" />
      {sessions.loading && !sessions.data && <Loading what="Sessies" plural />}
      {sessions.data && sessions.data.length === 0 && <p>Er zijn nog geen sessies.</p>}
      {sessions.data && sessions.data.length > 0 && (
        <Table
          label="Sessies"
          cards
          caption={`Sessies van ${workgroup.name}, komende eerst`}
          columns={['Sessie', 'Wanneer', 'Soort', 'Status', 'Agendapunten', 'Besluiten']}
        >
          {sessions.data.map((s) => {
            const upcoming = s.upcoming ?? new Date(s.endsAt).getTime() >= Date.now();
            return (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/werkgroepen/${workgroup.id}/sessies/${s.id}`}>{s.title}</Link>
                </th>
                <td>
                  {formatMoment(s.startsAt)}
                  <div className="small">{upcoming ? 'Komend' : 'Geweest'}</div>
                </td>
                <td>{SESSION_TYPE_LABELS[s.type]}</td>
                <td>{SESSION_STATE_LABELS[s.state]}</td>
                <td>{s.agendaItemCount ?? '—'}</td>
                <td>{s.decisionCount ?? '—'}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}

const PLACEMENTS: Array<Choice<'agenda' | 'backlog'>> = [
  ['agenda', 'Op de agenda'],
  ['backlog', 'Bij de voorstellen'],
];

/** 'YYYY-MM-DD' + 'HH:MM' in the browser's time zone as an ISO moment (with Z). */
function moment(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm).toISOString();
}

function CreateSessionForm({
  ctx,
  onCancel,
  onCreated,
}: {
  ctx: WorkgroupContext;
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const [input, setInput] = useState({
    type: 'werksessie' as SessionType,
    state: 'geagendeerd' as SessionState,
    title: '',
    description: '',
    date: '',
    start: '09:30',
    end: '11:00',
    location: '',
    onlineUrl: '',
    inviteAll: true,
  });
  const { error, busy, submit } = useSubmit();
  const titleRef = useFocusOnMount<HTMLInputElement>();
  const guard = useGuardedForm({
    values: input,
    draftKey: `sessie.nieuw.${ctx.workgroup.id}`,
    restore: setInput,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const checks: Check[] = [
      ['title', input.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.'],
      [
        'startsAt',
        /^\d{4}-\d{2}-\d{2}$/.test(input.date) && /^\d{2}:\d{2}$/.test(input.start),
        'Kies een datum en begintijd.',
      ],
      ['endsAt', /^\d{2}:\d{2}$/.test(input.end) && input.end > input.start, 'De eindtijd ligt na de begintijd.'],
    ];
    return submit(event, checks, async () => {
      const session = await api.createSession(ctx.workgroup.id, {
        type: input.type,
        state: input.state,
        title: input.title.trim(),
        description: input.description.trim() || undefined,
        startsAt: moment(input.date, input.start),
        endsAt: moment(input.date, input.end),
        location: input.location.trim() || null,
        onlineUrl: input.onlineUrl.trim() || null,
        inviteeIds: input.inviteAll ? ctx.workgroup.members.filter((m) => m.active).map((m) => m.userId) : undefined,
      });
      guard.saved();
      onCreated(session.id);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="sessie-plannen-kop">
      <h3 id="sessie-plannen-kop">Sessie plannen</h3>
      {guard.notice}
      <ErrorMessage error={error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => (
          <input
            {...props}
            ref={titleRef}
            value={input.title}
            onChange={(e) => setInput({ ...input, title: e.target.value })}
          />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Soort"
          name="type"
          error={error}
          value={input.type}
          onChange={(type) => setInput({ ...input, type })}
          choices={options(SESSION_TYPE_LABELS)}
        />
        <SelectField
          label="Status"
          name="state"
          error={error}
          value={input.state}
          onChange={(state) => setInput({ ...input, state })}
          choices={options(SESSION_STATE_LABELS)}
        />
        <Field label="Datum" name="startsAt" error={error} required>
          {(props) => (
            <input
              {...props}
              type="date"
              value={input.date}
              onChange={(e) => setInput({ ...input, date: e.target.value })}
            />
          )}
        </Field>
        <Field label="Begintijd" name="start" error={error} required>
          {(props) => (
            <input
              {...props}
              type="time"
              value={input.start}
              onChange={(e) => setInput({ ...input, start: e.target.value })}
            />
          )}
        </Field>
        <Field label="Eindtijd" name="endsAt" error={error} required>
          {(props) => (
            <input
              {...props}
              type="time"
              value={input.end}
              onChange={(e) => setInput({ ...input, end: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Locatie" name="location" error={error}>
          {(props) => (
            <input
              {...props}
              value={input.location}
              onChange={(e) => setInput({ ...input, location: e.target.value })}
            />
          )}
        </Field>
        <Field label="Online link" name="onlineUrl" error={error} hint="Een https-link, bijvoorbeeld van Teams.">
          {(props) => (
            <input
              {...props}
              type="url"
              value={input.onlineUrl}
              onChange={(e) => setInput({ ...input, onlineUrl: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label="Toelichting" name="description" error={error}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={input.description}
            onChange={(e) => setInput({ ...input, description: e.target.value })}
          />
        )}
      </Field>
      <CheckboxField
        label="Alle leden van de werkgroep uitnodigen"
        name="inviteAll"
        checked={input.inviteAll}
        onChange={(v) => setInput({ ...input, inviteAll: v })}
      />
      <FormActions
        submit="Sessie opslaan"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
    </form>
  );
}

/** One session: agenda (ordered), backlog, attendance, decisions -> actions, minutes, .ics and export. */
export function SessionPage() {
  const ctx = useWorkgroup();
  const { sessionId = '' } = useParams();
  const session = useApi(() => api.session(sessionId), [sessionId]);
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [removedElsewhere, setRemovedElsewhere] = useState(false);
  // A draft kept from an earlier visit opens the form again, so the unsaved edit is seen.
  const [editing, setEditing] = useState(() => ctx.canManage && storedDraft(sessionDraftKey(sessionId)) !== null);
  const confirm = useConfirm();
  // Live: someone else changed this session (agenda, attendance, decisions): read it again.
  const refetch = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(refetch.current), []);
  useLive(
    {
      'session.updated': (payload) => {
        if (payload.id !== sessionId) return;
        window.clearTimeout(refetch.current);
        refetch.current = window.setTimeout(() => void session.reload(), 300);
      },
      'session.deleted': (payload) => {
        if (payload.id === sessionId) setRemovedElsewhere(true);
      },
    },
    ctx.workgroup.id,
  );

  if (removedElsewhere) {
    return (
      <div className="alert alert-error" role="alert">
        Deze sessie is zojuist verwijderd.{' '}
        <Link to={`/werkgroepen/${ctx.workgroup.id}/sessies`}>Naar alle sessies</Link>
      </div>
    );
  }
  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <Loading what="De sessie" />;
  const s = session.data;

  async function run(work: () => Promise<unknown>, done: string, options: { rethrow?: boolean } = {}) {
    setError(null);
    setMessage(null);
    try {
      await work();
      await session.reload();
      setMessage(done);
    } catch (err) {
      // A form shows its own error, next to the field the API named.
      if (options.rethrow) throw err;
      setError(asApiError(err));
    }
  }

  async function removeSession() {
    if (!(await confirm({ title: `Sessie “${s.title}” verwijderen?`, confirmLabel: 'Verwijderen', danger: true })))
      return;
    try {
      await api.deleteSession(s.id);
      void navigate(`/werkgroepen/${ctx.workgroup.id}/sessies`);
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <section aria-labelledby="sessie-kop" className="section">
      <Breadcrumbs
        trail={[
          { label: ctx.workgroup.name, to: `/werkgroepen/${ctx.workgroup.id}` },
          { label: 'Sessies', to: `/werkgroepen/${ctx.workgroup.id}/sessies` },
          { label: s.title },
        ]}
      />
      <h2 id="sessie-kop">{s.title}</h2>
      <div className="page-tools">
        <FollowButton type="sessions" id={s.id} name={s.title} />
      </div>
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />
      <dl className="facts">
        <div>
          <dt>Soort</dt>
          <dd>{SESSION_TYPE_LABELS[s.type]}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{SESSION_STATE_LABELS[s.state]}</dd>
        </div>
        <div>
          <dt>Wanneer</dt>
          <dd>
            {formatMoment(s.startsAt)} tot{' '}
            {new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', timeStyle: 'short' }).format(
              new Date(s.endsAt),
            )}
          </dd>
        </div>
        <div>
          <dt>Locatie</dt>
          <dd>{s.location ?? '—'}</dd>
        </div>
        {s.onlineUrl && (
          <div>
            <dt>Online</dt>
            <dd>
              <a href={s.onlineUrl} rel="noopener noreferrer" target="_blank">
                Online deelnemen<span className="visually-hidden"> (opent in een nieuw venster)</span>
              </a>
            </dd>
          </div>
        )}
      </dl>
      {s.description && <p className="pre-wrap">{s.description}</p>}
      {ctx.canManage && !editing && (
        <p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setMessage(null);
              setEditing(true);
            }}
          >
            Sessie bewerken
          </button>
        </p>
      )}
      {editing && (
        <SessionEditForm
          session={s}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            session.setData(saved);
            setEditing(false);
            setError(null);
            setMessage('De sessie is opgeslagen.');
          }}
        />
      )}
      <ul className="link-list">
        <li>
          <a href={api.sessionIcsUrl(s.id)} download>
            Uitnodiging downloaden (.ics, voor uw agenda)
          </a>
        </li>
        <li>
          <a href={api.sessionExportUrl(s.id, 'html')} target="_blank" rel="noopener">
            Agenda, aanwezigheid en besluiten afdrukken
            <span className="visually-hidden"> (opent in een nieuw venster)</span>
          </a>
        </li>
        <li>
          <a href={api.sessionExportUrl(s.id, 'md')} download>
            Exporteren als Markdown
          </a>
        </li>
        <li>
          {s.minutesDocumentId ? (
            <Link to={`/documenten/${s.minutesDocumentId}`}>Verslag openen: {s.minutesDocumentTitle ?? 'verslag'}</Link>
          ) : ctx.canManage ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => run(() => api.createMinutes(s.id), 'Het verslag is gemaakt.')}
            >
              Verslag maken
            </button>
          ) : (
            <span className="muted">Nog geen verslag.</span>
          )}
        </li>
      </ul>

      <FileList parent={{ type: 'session', id: s.id }} mayUpload={ctx.canManage} />
      <Agenda ctx={ctx} session={s} run={run} />
      <Attendance ctx={ctx} session={s} run={run} />
      <Decisions ctx={ctx} session={s} run={run} />
      <SessionHistory history={s.history} />
      {ctx.canManage && s.decisions.length === 0 && (
        <p>
          <button type="button" className="button button-danger button-small" onClick={removeSession}>
            Sessie verwijderen
          </button>
        </p>
      )}
    </section>
  );
}

/** Runs a change, reloads the session and says `done`; with `rethrow` the form's own submit shows the error. */
type Run = (work: () => Promise<unknown>, done: string, options?: { rethrow?: boolean }) => Promise<void>;

function presenter(item: AgendaItem, ctx: WorkgroupContext): string | null {
  if (item.presenterId) return ctx.workgroup.members.find((m) => m.userId === item.presenterId)?.displayName ?? null;
  return item.presenterName;
}

function Agenda({ ctx, session, run }: { ctx: WorkgroupContext; session: SessionDetail; run: Run }) {
  const agenda = session.agenda;
  const [editingItem, setEditingItem] = useState<string | null>(null);
  const editForm = (item: AgendaItem) => (
    <AgendaItemEditForm
      item={item}
      members={ctx.workgroup.members}
      canSetOutcome={ctx.canManage && item.placement === 'agenda'}
      onCancel={() => setEditingItem(null)}
      onSaved={(saved) => {
        setEditingItem(null);
        void run(async () => undefined, `“${saved.title}” is opgeslagen.`);
      }}
    />
  );
  const editButton = (item: AgendaItem) => (
    <button
      type="button"
      className="button button-secondary button-small"
      onClick={() => setEditingItem(item.id)}
      aria-expanded={editingItem === item.id}
    >
      Bewerken<span className="visually-hidden">: {item.title}</span>
    </button>
  );
  const confirm = useConfirm();
  function move(index: number, delta: number) {
    const ids = agenda.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved);
    const item = agenda[index];
    return run(
      () => api.reorderAgenda(session.id, ids),
      `“${item.title}” is ${delta < 0 ? 'omhoog' : 'omlaag'} verplaatst naar plaats ${index + delta + 1}.`,
    );
  }
  return (
    <>
      <section aria-labelledby="agenda-kop" className="section">
        <h3 id="agenda-kop">
          Agenda <span className="muted small">({session.totalMinutes} minuten)</span>
        </h3>
        {agenda.length === 0 ? (
          <p>Er staan nog geen punten op de agenda.</p>
        ) : (
          <ol className="agenda-list">
            {agenda.map((item, index) => (
              <li key={item.id}>
                <strong>{item.title}</strong>
                <div className="small">
                  {[
                    presenter(item, ctx) && `Inleider: ${presenter(item, ctx)}`,
                    item.minutesAllotted && `${item.minutesAllotted} minuten`,
                    item.outcome && `Uitkomst: ${AGENDA_OUTCOME_LABELS[item.outcome]}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                {item.description && <p className="pre-wrap small">{item.description}</p>}
                <FileList parent={{ type: 'agenda_item', id: item.id }} mayUpload={ctx.canManage} collapsed />
                {editingItem === item.id && editForm(item)}
                {ctx.canManage && (
                  <div className="button-group">
                    {editingItem !== item.id && editButton(item)}
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      Omhoog<span className="visually-hidden">: {item.title}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={index === agenda.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      Omlaag<span className="visually-hidden">: {item.title}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() =>
                        run(
                          () => api.updateAgendaItem(item.id, { placement: 'backlog' }),
                          `“${item.title}” staat nu bij de voorstellen.`,
                        )
                      }
                    >
                      Naar voorstellen<span className="visually-hidden">: {item.title}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-danger button-small"
                      onClick={async () => {
                        if (
                          await confirm({
                            title: `Agendapunt “${item.title}” verwijderen?`,
                            confirmLabel: 'Verwijderen',
                            danger: true,
                          })
                        )
                          await run(() => api.deleteAgendaItem(item.id), `“${item.title}” is verwijderd.`);
                      }}
                    >
                      Verwijderen<span className="visually-hidden">: {item.title}</span>
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="backlog-kop" className="section">
        <h3 id="backlog-kop">Voorstellen voor de agenda ({session.backlog.length})</h3>
        {session.backlog.length === 0 ? (
          <p>Geen voorstellen.</p>
        ) : (
          <ul className="agenda-list">
            {session.backlog.map((item) => (
              <li key={item.id}>
                <strong>{item.title}</strong>
                <div className="small">{item.proposedByName && `Voorgesteld door ${item.proposedByName}`}</div>
                {editingItem === item.id && editForm(item)}
                {editingItem !== item.id &&
                  ctx.canWrite &&
                  (ctx.canManage || item.proposedBy === ctx.me.user.id) &&
                  editButton(item)}{' '}
                {ctx.canManage && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() =>
                      run(
                        () => api.updateAgendaItem(item.id, { placement: 'agenda' }),
                        `“${item.title}” staat nu op de agenda.`,
                      )
                    }
                  >
                    Op de agenda zetten<span className="visually-hidden">: {item.title}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {ctx.canWrite && <AgendaItemForm ctx={ctx} session={session} run={run} />}
    </>
  );
}

function AgendaItemForm({ ctx, session, run }: { ctx: WorkgroupContext; session: SessionDetail; run: Run }) {
  const [input, setInput] = useState({
    title: '',
    presenterId: '',
    minutes: '',
    outcome: '' as AgendaOutcome | '',
    placement: (ctx.canManage ? 'agenda' : 'backlog') as 'agenda' | 'backlog',
  });
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: input });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const minutes = input.minutes ? Number(input.minutes) : null;
    const checks: Check[] = [
      ['title', input.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.'],
      [
        'minutesAllotted',
        minutes === null || (Number.isInteger(minutes) && minutes >= 1 && minutes <= 480),
        'Tussen 1 en 480 minuten.',
      ],
    ];
    return submit(event, checks, async () => {
      await run(
        () =>
          api.addAgendaItem(session.id, {
            title: input.title.trim(),
            presenterId: input.presenterId || null,
            minutesAllotted: minutes,
            outcome: input.outcome || null,
            placement: input.placement,
          }),
        input.placement === 'agenda'
          ? `“${input.title.trim()}” staat op de agenda.`
          : `“${input.title.trim()}” is voorgesteld.`,
        { rethrow: true },
      );
      const emptied = { ...input, title: '', minutes: '', presenterId: '', outcome: '' as const };
      setInput(emptied);
      guard.saved(emptied);
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="agendapunt-kop">
      <h3 id="agendapunt-kop">{ctx.canManage ? 'Agendapunt toevoegen' : 'Agendapunt voorstellen'}</h3>
      <ErrorMessage error={error} />
      <Field label="Titel agendapunt" name="title" error={error} required>
        {(props) => (
          <input {...props} value={input.title} onChange={(e) => setInput({ ...input, title: e.target.value })} />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Inleider"
          name="presenterId"
          error={error}
          value={input.presenterId}
          onChange={(presenterId) => setInput({ ...input, presenterId })}
          choices={ctx.workgroup.members.map((m) => [m.userId, m.displayName])}
          empty="Geen"
        />
        <Field label="Minuten" name="minutesAllotted" error={error}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={480}
              value={input.minutes}
              onChange={(e) => setInput({ ...input, minutes: e.target.value })}
            />
          )}
        </Field>
        {ctx.canManage && (
          <>
            <SelectField
              label="Uitkomst"
              name="outcome"
              error={error}
              value={input.outcome}
              onChange={(outcome) => setInput({ ...input, outcome })}
              choices={options(AGENDA_OUTCOME_LABELS)}
              empty="Nog niet bekend"
            />
            <SelectField
              label="Plaats"
              name="placement"
              error={error}
              value={input.placement}
              onChange={(placement) => setInput({ ...input, placement })}
              choices={PLACEMENTS}
            />
          </>
        )}
      </div>
      <FormActions submit={ctx.canManage ? 'Toevoegen' : 'Voorstellen'} busy={busy} />
    </form>
  );
}

function Attendance({ ctx, session, run }: { ctx: WorkgroupContext; session: SessionDetail; run: Run }) {
  const [invitee, setInvitee] = useState('');
  const [inviting, setInviting] = useState(false);
  const invited = new Set(session.attendees.map((a) => a.userId));
  const candidates = ctx.workgroup.members.filter((m) => m.active && !invited.has(m.userId));
  const meId = ctx.me.user.id;
  return (
    <section aria-labelledby="aanwezigheid-kop" className="section">
      <h3 id="aanwezigheid-kop">Aanwezigheid ({session.attendees.length} genodigden)</h3>
      {session.attendees.length === 0 ? (
        <p>Nog niemand uitgenodigd.</p>
      ) : (
        <Table
          label="Aanwezigheid"
          caption="Genodigden en aanwezigheid"
          columns={['Naam', 'Organisatie', 'Aanwezigheid']}
        >
          {session.attendees.map((a) => (
            <tr key={a.userId}>
              <th scope="row">{a.displayName}</th>
              <td>{a.organisationName ?? '—'}</td>
              <td>
                {ctx.canManage ? (
                  <CommitSelect
                    aria-label={`Aanwezigheid van ${a.displayName}`}
                    value={a.status}
                    onCommit={(status) =>
                      run(
                        () =>
                          api.updateAttendance(session.id, {
                            attendees: [{ userId: a.userId, status: status as AttendanceStatus }],
                          }),
                        `${a.displayName}: ${ATTENDANCE_LABELS[status as AttendanceStatus]}.`,
                      )
                    }
                  >
                    <Options choices={options(ATTENDANCE_LABELS)} />
                  </CommitSelect>
                ) : (
                  <>
                    {ATTENDANCE_LABELS[a.status]}
                    {a.userId === meId && ctx.canWrite && (a.status === 'uitgenodigd' || a.status === 'afgemeld') && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() =>
                            run(
                              () =>
                                api.updateAttendance(session.id, {
                                  attendees: [
                                    { userId: meId, status: a.status === 'afgemeld' ? 'uitgenodigd' : 'afgemeld' },
                                  ],
                                }),
                              a.status === 'afgemeld' ? 'U bent weer aangemeld.' : 'U bent afgemeld.',
                            )
                          }
                        >
                          {a.status === 'afgemeld' ? 'Toch aanmelden' : 'Afmelden'}
                        </button>
                      </>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {ctx.canManage && candidates.length > 0 && (
        <form
          className="form form-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invitee || inviting) return;
            setInviting(true);
            void run(
              () => api.updateAttendance(session.id, { attendees: [{ userId: invitee }] }),
              'De genodigde is toegevoegd.',
            )
              .then(() => setInvitee(''))
              .finally(() => setInviting(false));
          }}
        >
          <SelectField
            label="Lid uitnodigen"
            name="invitee"
            value={invitee}
            onChange={setInvitee}
            choices={candidates.map((m) => [m.userId, m.displayName])}
            empty="Kies een lid"
          />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={inviting}>
              Uitnodigen
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Decisions({ ctx, session, run }: { ctx: WorkgroupContext; session: SessionDetail; run: Run }) {
  const [text, setText] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [draftsFor, setDraftsFor] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { text, agendaItemId },
    draftKey: `besluit.nieuw.${session.id}`,
    restore: (kept) => {
      setText(kept.text);
      setAgendaItemId(kept.agendaItemId);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(
      event,
      [['text', text.trim().length >= 3, 'Beschrijf het besluit (minstens 3 tekens).']],
      async () => {
        await run(
          () => api.createDecision(session.id, { text: text.trim(), agendaItemId: agendaItemId || null }),
          'Het besluit is vastgelegd.',
          { rethrow: true },
        );
        setText('');
        setAgendaItemId('');
        guard.saved({ text: '', agendaItemId: '' });
      },
    );
  }

  return (
    <section aria-labelledby="besluiten-kop" className="section">
      <h3 id="besluiten-kop">Besluiten ({session.decisions.length})</h3>
      {session.decisions.length === 0 ? (
        <p>Nog geen besluiten.</p>
      ) : (
        <ol className="agenda-list decisions">
          {session.decisions.map((d) => (
            <li key={d.id} className="card">
              <p className="pre-wrap">
                <strong>{d.text}</strong>
              </p>
              <p className="small muted">
                {formatDate(d.decidedAt)}
                {d.agendaItemTitle && <> · bij agendapunt “{d.agendaItemTitle}”</>}
              </p>
              {d.actions.length > 0 && (
                <>
                  <p className="small">Acties uit dit besluit:</p>
                  <ul>
                    {d.actions.map((a) => (
                      <li key={a.id}>
                        <Link to={`/werkgroepen/${ctx.workgroup.id}/acties?actie=${a.id}`}>{a.title}</Link> –{' '}
                        {ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS] ?? a.status}
                        {a.ownerName && <>, {a.ownerName}</>}
                        {a.dueDate && <>, deadline {formatDate(a.dueDate)}</>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {ctx.canManage && draftsFor !== d.id && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setDraftsFor(d.id)}
                >
                  Maak acties<span className="visually-hidden"> uit besluit: {d.text.slice(0, 60)}</span>
                </button>
              )}
              {draftsFor === d.id && (
                <DecisionActionsForm
                  ctx={ctx}
                  onCancel={() => setDraftsFor(null)}
                  onSubmit={async (drafts) => {
                    await run(
                      () => api.createDecisionActions(d.id, drafts),
                      drafts.length === 1 ? 'De actie is gemaakt.' : `${drafts.length} acties zijn gemaakt.`,
                      { rethrow: true },
                    );
                    setDraftsFor(null);
                  }}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {ctx.canManage && (
        <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="besluit-kop">
          <h4 id="besluit-kop">Besluit vastleggen</h4>
          {guard.notice}
          <ErrorMessage error={error} />
          <Field label="Besluit" name="text" error={error} required>
            {(props) => <textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <SelectField
            label="Bij agendapunt"
            name="agendaItemId"
            error={error}
            value={agendaItemId}
            onChange={setAgendaItemId}
            choices={session.agenda.map((item) => [item.id, item.title])}
            empty="Geen"
          />
          <FormActions submit="Besluit vastleggen" busy={busy} />
        </form>
      )}
    </section>
  );
}

function DecisionActionsForm({
  ctx,
  onCancel,
  onSubmit,
}: {
  ctx: WorkgroupContext;
  onCancel: () => void;
  onSubmit: (drafts: ActionDraft[]) => Promise<void>;
}) {
  const [drafts, setDrafts] = useState([{ title: '', ownerId: '', dueDate: '' }]);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: { drafts } });
  const owners = possibleOwners(ctx.workgroup.members);
  const firstRef = useFocusOnMount<HTMLInputElement>();

  function update(index: number, patch: Partial<(typeof drafts)[number]>) {
    setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  }

  function onSubmitForm(event: FormEvent<HTMLFormElement>) {
    const checks: Check[] = drafts.map((d, i) => [
      `actions.${i}.title`,
      d.title.trim().length >= 3,
      'Geef een titel van minstens 3 tekens.',
    ]);
    return submit(event, checks, async () => {
      await onSubmit(
        drafts.map((d) => ({ title: d.title.trim(), ownerId: d.ownerId || null, dueDate: d.dueDate || null })),
      );
      guard.saved();
    });
  }

  return (
    <form onSubmit={onSubmitForm} noValidate className="form" aria-label="Acties maken uit dit besluit">
      <ErrorMessage error={error} />
      {drafts.map((d, i) => (
        <fieldset key={i} className="card">
          <legend>Actie {i + 1}</legend>
          <div className="form-row">
            <Field label={`Titel actie ${i + 1}`} name={`actions.${i}.title`} error={error} required>
              {(props) => (
                <input
                  {...props}
                  ref={i === 0 ? firstRef : undefined}
                  value={d.title}
                  onChange={(e) => update(i, { title: e.target.value })}
                />
              )}
            </Field>
            <SelectField
              label={`Eigenaar actie ${i + 1}`}
              name={`actions.${i}.ownerId`}
              error={error}
              value={d.ownerId}
              onChange={(ownerId) => update(i, { ownerId })}
              choices={owners.map((m) => [m.userId, m.displayName])}
              empty="Geen eigenaar"
            />
            <Field label={`Deadline actie ${i + 1}`} name={`actions.${i}.dueDate`} error={error}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  value={d.dueDate}
                  onChange={(e) => update(i, { dueDate: e.target.value })}
                />
              )}
            </Field>
          </div>
          {drafts.length > 1 && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}
            >
              Actie {i + 1} weghalen
            </button>
          )}
        </fieldset>
      ))}
      <FormActions
        submit="Acties aanmaken"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
        before={
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setDrafts([...drafts, { title: '', ownerId: '', dueDate: '' }])}
            disabled={drafts.length >= 20}
          >
            Nog een actie
          </button>
        }
      />
    </form>
  );
}
