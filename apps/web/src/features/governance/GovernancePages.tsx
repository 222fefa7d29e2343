import { Link, useParams } from 'react-router-dom';
import { BODY_KIND_LABELS } from '@koers/contracts';
import { ErrorMessage, Loading, PageHeading, useApi } from '../../components/common';
import { useWords } from '../region/words';
import { governanceApi, MeetingSummary } from './governance-api';

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

function MeetingList({ meetings, showBody }: { meetings: MeetingSummary[]; showBody: boolean }) {
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
        </li>
      ))}
    </ul>
  );
}

/** /cyclus/organen: the bodies the caller sits in (the secretariat: all). */
export function BodiesPage() {
  const list = useApi(() => governanceApi.bodies(), []);
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

/** /cyclus/organen/:id: a body's members and meetings. */
export function BodyPage() {
  const { id = '' } = useParams();
  const body = useApi(() => governanceApi.body(id), [id]);
  const meetings = useApi(() => governanceApi.bodyMeetings(id), [id]);
  const b = body.data;
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
          <p className="lead">
            {BODY_KIND_LABELS[b.kind]}
            {b.districtName && <> · {b.districtName}</>}
            {rhythm(b.meetingsPerYearMin, b.meetingsPerYearMax) && (
              <> · vergadert {rhythm(b.meetingsPerYearMin, b.meetingsPerYearMax)}</>
            )}
          </p>
          {b.description && <p>{b.description}</p>}
          <section className="section" aria-labelledby="leden">
            <h2 id="leden">Leden ({b.members.length})</h2>
            <ul>
              {b.members.map((m) => (
                <li key={m.id}>
                  {m.name}
                  {m.role && <span className="muted"> – {m.role}</span>}
                </li>
              ))}
            </ul>
          </section>
          <section className="section" aria-labelledby="vergaderingen">
            <h2 id="vergaderingen">Vergaderingen</h2>
            {meetings.loading && !meetings.data && <Loading what="De vergaderingen" plural />}
            {meetings.data && <MeetingList meetings={meetings.data} showBody={false} />}
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
