import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { BODY_KIND_LABELS } from '@koers/contracts';
import { ApiError } from '../../api';
import { isSecretariat, useAuth } from '../../auth';
import { asApiError, ErrorMessage, Loading, PageHeading, SuccessMessage, useApi } from '../../components/common';
import { useConfirm } from '../../components/dialog';
import { useWords } from '../region/words';
import { BodyForm, MeetingForm, MembersEditor } from './GovernanceEditing';
import { governanceApi, MeetingDetail, MeetingSummary } from './governance-api';

/** Said on every governance screen in the demo region. */
function DemoNote() {
  const words = useWords();
  if (!words.demo) return null;
  return (
    <p className="read-only-notice">
      Demogegevens: de vergaderingen en hun agenda’s zijn verzonnen om Koers te laten zien.
    </p>
  );
}

const STATE_LABELS: Record<MeetingSummary['state'], string> = {
  concept: 'Concept',
  geagendeerd: 'Geagendeerd',
  afgerond: 'Afgerond',
};

const when = (m: MeetingSummary) => {
  const start = new Date(m.startsAt);
  const end = new Date(m.endsAt);
  const day = start.toLocaleDateString('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = (d: Date) => d.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time(start)}–${time(end)}`;
};

const rhythm = (min: number | null, max: number | null) => {
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min !== max) return `${min} tot ${max} keer per jaar`;
  return `${min ?? max} keer per jaar`;
};

const ATTENDANCE_LABELS = {
  uitgenodigd: 'uitgenodigd',
  aanwezig: 'aanwezig',
  afwezig: 'afwezig',
  afgemeld: 'afgemeld',
};

/** A meeting's agenda, documents, decisions and attendance, loaded when opened. */
function MeetingContents({ meeting }: { meeting: MeetingSummary }) {
  const [open, setOpen] = useState(false);
  const detail = useApi(
    () => (open ? governanceApi.meeting(meeting.id) : Promise.resolve(null)),
    [open, meeting.id, meeting.version],
  );
  const d = detail.data;
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        Agenda, stukken en besluiten<span className="visually-hidden"> van {meeting.title}</span>
      </summary>
      <ErrorMessage error={detail.error} />
      {open && !d && !detail.error && <Loading what="De vergadering" />}
      {d && (
        <>
          <h4>Agenda</h4>
          {d.agenda.length ? (
            <ol>
              {d.agenda.map((a) => (
                <li key={a.id}>{a.title}</li>
              ))}
            </ol>
          ) : (
            <p>Geen agendapunten.</p>
          )}
          <h4>Stukken</h4>
          {d.documents.length ? (
            <ul>
              {d.documents.map((doc) => (
                <li key={doc.id}>
                  {doc.title}
                  {doc.reference && <span className="muted"> ({doc.reference})</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p>Geen stukken.</p>
          )}
          <h4>Besluiten</h4>
          {d.decisions.length ? (
            <ul>
              {d.decisions.map((x) => (
                <li key={x.id}>{x.text}</li>
              ))}
            </ul>
          ) : (
            <p>Geen besluiten.</p>
          )}
          {d.attendees.length > 0 && (
            <>
              <h4>Presentielijst (leden)</h4>
              <ul>
                {d.attendees.map((a) => (
                  <li key={a.userId}>
                    {a.name} – {ATTENDANCE_LABELS[a.status]}
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.guests.length > 0 && (
            <>
              <h4>Gasten</h4>
              <ul aria-label={`Gasten van ${meeting.title}`}>
                {d.guests.map((g) => (
                  <li key={g.id}>
                    {g.name}
                    {(g.role || g.organisation) && (
                      <span className="muted"> ({[g.role, g.organisation].filter(Boolean).join(', ')})</span>
                    )}{' '}
                    – {ATTENDANCE_LABELS[g.status]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </details>
  );
}

function MeetingList({
  meetings,
  showBody,
  manage,
}: {
  meetings: MeetingSummary[];
  showBody: boolean;
  /** The secretariat: edit and delete per meeting. */
  manage?: { onEdit: (meeting: MeetingSummary) => void; onDelete: (meeting: MeetingSummary) => void };
}) {
  if (meetings.length === 0) return <p>Geen vergaderingen.</p>;
  return (
    <ul className="card-list">
      {meetings.map((m) => (
        <li key={m.id} className="card">
          <h3>{m.title}</h3>
          <p>
            {when(m)}
            {m.location && <> · {m.location}</>}
          </p>
          <p className="muted small">
            {showBody && (
              <>
                <Link to={`/cyclus/organen/${m.bodyId}`}>{m.bodyName}</Link> ·{' '}
              </>
            )}
            {STATE_LABELS[m.state]}
          </p>
          <MeetingContents meeting={m} />
          {manage && (
            <div className="toolbar">
              <button type="button" className="button button-small button-secondary" onClick={() => manage.onEdit(m)}>
                Bewerken<span className="visually-hidden">: {m.title}</span>
              </button>
              <button type="button" className="button button-small button-danger" onClick={() => manage.onDelete(m)}>
                Verwijderen<span className="visually-hidden">: {m.title}</span>
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** /cyclus/organen: the bodies the caller sits in (the secretariat: all). */
export function BodiesPage() {
  const list = useApi(() => governanceApi.bodies(), []);
  const { me } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link>
      </p>
      <PageHeading>Bestuurlijke organen</PageHeading>
      <DemoNote />
      <p>
        <Link to="/cyclus/kalender">Kalender van alle vergaderingen</Link>
      </p>
      {isSecretariat(me) &&
        (creating ? (
          <BodyForm
            onCancel={() => setCreating(false)}
            onSaved={(saved) => navigate(`/cyclus/organen/${saved.id}`, { state: { created: true } })}
          />
        ) : (
          <div className="toolbar">
            <button type="button" className="button" onClick={() => setCreating(true)}>
              Nieuw orgaan
            </button>
          </div>
        ))}
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading what="De organen" plural />}
      {list.data && list.data.length === 0 && <p>U bent geen lid van een bestuurlijk orgaan.</p>}
      <ul className="card-list">
        {list.data?.map((b) => (
          <li key={b.id} className="card">
            <h2>
              <Link to={`/cyclus/organen/${b.id}`}>{b.name}</Link>
            </h2>
            <p>
              {BODY_KIND_LABELS[b.kind]}
              {b.districtName && <> · {b.districtName}</>}
            </p>
            <p className="muted small">
              {b.memberCount} leden
              {rhythm(b.meetingsPerYearMin, b.meetingsPerYearMax) && (
                <> · vergadert {rhythm(b.meetingsPerYearMin, b.meetingsPerYearMax)}</>
              )}
              {b.nextMeetingAt && (
                <>
                  {' '}
                  · volgende vergadering{' '}
                  {new Date(b.nextMeetingAt).toLocaleDateString('nl-NL', {
                    day: 'numeric',
                    month: 'long',
                    year: 'numeric',
                  })}
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** /cyclus/organen/:id: a body's members and meetings; the secretariat edits all of it here. */
export function BodyPage() {
  const { id = '' } = useParams();
  const body = useApi(() => governanceApi.body(id), [id]);
  const meetings = useApi(() => governanceApi.bodyMeetings(id), [id]);
  const confirm = useConfirm();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<'body' | 'members' | 'meeting' | null>(null);
  const [editMeeting, setEditMeeting] = useState<MeetingDetail | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const b = body.data;
  const manages = !!b?.canManage;

  async function act(what: () => Promise<unknown>, done: string) {
    setProblem(null);
    try {
      await what();
      setMessage(done);
    } catch (err) {
      setProblem(asApiError(err));
    }
  }

  async function removeBody() {
    if (!b) return;
    const ok = await confirm({
      title: 'Orgaan verwijderen?',
      message: `“${b.name}” en de ledenlijst worden verwijderd. Een orgaan met vergaderingen kan niet worden verwijderd.`,
      confirmLabel: 'Orgaan verwijderen',
      danger: true,
    });
    if (!ok) return;
    setProblem(null);
    try {
      await governanceApi.deleteBody(b.id);
      void navigate('/cyclus/organen');
    } catch (err) {
      setProblem(asApiError(err));
    }
  }

  async function removeMeeting(m: MeetingSummary) {
    const ok = await confirm({
      title: 'Vergadering verwijderen?',
      message: `“${m.title}” verdwijnt uit de kalender, met agenda, besluiten en presentielijst.`,
      confirmLabel: 'Vergadering verwijderen',
      danger: true,
    });
    if (!ok) return;
    await act(async () => {
      await governanceApi.deleteMeeting(m.id);
      await Promise.all([meetings.reload(), body.reload()]);
    }, `De vergadering “${m.title}” is verwijderd.`);
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link> › <Link to="/cyclus/organen">Organen</Link>
      </p>
      <ErrorMessage error={body.error ?? meetings.error} />
      {body.loading && !b && <Loading what="Het orgaan" />}
      {b && (
        <>
          <PageHeading>{b.name}</PageHeading>
          <DemoNote />
          <SuccessMessage message={message} />
          <ErrorMessage error={problem} />
          <p className="lead">
            {BODY_KIND_LABELS[b.kind]}
            {b.districtName && <> · {b.districtName}</>}
            {rhythm(b.meetingsPerYearMin, b.meetingsPerYearMax) && (
              <> · vergadert {rhythm(b.meetingsPerYearMin, b.meetingsPerYearMax)}</>
            )}
          </p>
          {b.description && <p>{b.description}</p>}
          {manages && editing !== 'body' && (
            <div className="toolbar">
              <button type="button" className="button button-secondary" onClick={() => setEditing('body')}>
                Orgaan bewerken
              </button>
              <button type="button" className="button button-danger" onClick={() => void removeBody()}>
                Orgaan verwijderen
              </button>
            </div>
          )}
          {manages && editing === 'body' && (
            <BodyForm
              body={b}
              onCancel={() => setEditing(null)}
              onSaved={async () => {
                setEditing(null);
                setMessage('Het orgaan is opgeslagen.');
                await body.reload();
              }}
            />
          )}
          <section className="section" aria-labelledby="leden">
            <h2 id="leden">Leden ({b.members.length})</h2>
            {manages ? (
              <MembersEditor
                body={b}
                onSaved={() => {
                  setMessage('De leden zijn opgeslagen.');
                  void body.reload();
                }}
              />
            ) : (
              <ul>
                {b.members.map((m) => (
                  <li key={m.id}>
                    {m.name}
                    {m.role && <span className="muted"> – {m.role}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="section" aria-labelledby="vergaderingen">
            <h2 id="vergaderingen">Vergaderingen</h2>
            {manages && editing !== 'meeting' && !editMeeting && (
              <div className="toolbar">
                <button type="button" className="button" onClick={() => setEditing('meeting')}>
                  Nieuwe vergadering
                </button>
              </div>
            )}
            {manages && editing === 'meeting' && (
              <MeetingForm
                body={b}
                onCancel={() => setEditing(null)}
                onSaved={async (saved) => {
                  setEditing(null);
                  setMessage(`De vergadering “${saved.title}” is toegevoegd.`);
                  await Promise.all([meetings.reload(), body.reload()]);
                }}
              />
            )}
            {manages && editMeeting && (
              <MeetingForm
                key={editMeeting.id}
                body={b}
                meeting={editMeeting}
                onCancel={() => setEditMeeting(null)}
                onSaved={async (saved) => {
                  setEditMeeting(null);
                  setMessage(`De vergadering “${saved.title}” is opgeslagen.`);
                  await meetings.reload();
                }}
              />
            )}
            {meetings.loading && !meetings.data && <Loading what="De vergaderingen" plural />}
            {meetings.data && (
              <MeetingList
                meetings={meetings.data}
                showBody={false}
                manage={
                  manages
                    ? {
                        onEdit: (m) => void act(async () => setEditMeeting(await governanceApi.meeting(m.id)), ''),
                        onDelete: (m) => void removeMeeting(m),
                      }
                    : undefined
                }
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

/** /cyclus/kalender: every meeting of the bodies the caller sits in (the secretariat: all), by month. */
export function CalendarPage() {
  const list = useApi(() => governanceApi.calendar(), []);
  const months = new Map<string, MeetingSummary[]>();
  for (const m of [...(list.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const month = new Date(m.startsAt).toLocaleDateString('nl-NL', { month: 'long', year: 'numeric' });
    months.set(month, [...(months.get(month) ?? []), m]);
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link> › <Link to="/cyclus/organen">Organen</Link>
      </p>
      <PageHeading>Vergaderkalender</PageHeading>
      <DemoNote />
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading what="De vergaderingen" plural />}
      {list.data && list.data.length === 0 && <p>Er zijn geen vergaderingen van organen waar u lid van bent.</p>}
      {[...months].map(([month, meetings]) => (
        <section key={month} className="section" aria-label={month}>
          <h2>{month}</h2>
          <MeetingList meetings={meetings} showBody />
        </section>
      ))}
    </>
  );
}
