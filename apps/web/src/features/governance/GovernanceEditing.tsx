import { FormEvent, useState } from 'react';
import { BODY_KIND_LABELS, BODY_KINDS, BodyKind } from '@koers/contracts';
import { api } from '../../api';
import { ErrorMessage, Field, useApi } from '../../components/common';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { useGuardedForm } from '../forms';
import { BodyDetail, governanceApi, MeetingDetail, MeetingInput, MeetingSummary } from './governance-api';

const KIND_CHOICES = BODY_KINDS.map((k) => [k, BODY_KIND_LABELS[k]] as const);
const STATE_CHOICES = [
  ['concept', 'Concept'],
  ['geagendeerd', 'Geagendeerd'],
  ['afgerond', 'Afgerond'],
] as const;

const number = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const validCount = (text: string) => text.trim() === '' || (/^\d+$/.test(text.trim()) && +text >= 1 && +text <= 52);

/** Create or edit a body (secretariat): kind, name, district (a DVC needs one), rhythm, description. */
export function BodyForm({
  body,
  onSaved,
  onCancel,
}: {
  body?: BodyDetail;
  onSaved: (saved: BodyDetail) => void | Promise<void>;
  onCancel: () => void;
}) {
  const districts = useApi(() => api.districts(), []);
  const [kind, setKind] = useState<BodyKind>(body?.kind ?? 'overig');
  const [name, setName] = useState(body?.name ?? '');
  const [districtId, setDistrictId] = useState(body?.districtId ?? '');
  const [min, setMin] = useState(body?.meetingsPerYearMin?.toString() ?? '');
  const [max, setMax] = useState(body?.meetingsPerYearMax?.toString() ?? '');
  const [description, setDescription] = useState(body?.description ?? '');
  const { error, busy, submit } = useSubmit();
  // Leaving with unsaved input asks first (features/forms).
  const guard = useGuardedForm({ values: { kind, name, districtId, min, max, description } });
  const headingId = body ? 'orgaan-bewerken' : 'nieuw-orgaan';

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['name', name.trim().length >= 2 && name.trim().length <= 200, 'Een naam heeft 2 tot 200 tekens.'],
        ['districtId', kind !== 'dvc' || !!districtId, 'Een districtelijk veiligheidscollege hoort bij een district.'],
        ['meetingsPerYearMin', validCount(min), 'Geef een aantal van 1 tot 52, of laat het leeg.'],
        ['meetingsPerYearMax', validCount(max), 'Geef een aantal van 1 tot 52, of laat het leeg.'],
        [
          'meetingsPerYearMax',
          !validCount(min) || !validCount(max) || !min.trim() || !max.trim() || +max >= +min,
          'Het hoogste aantal is niet lager dan het laagste.',
        ],
      ],
      async () => {
        const input = {
          kind,
          name: name.trim(),
          description: description.trim(),
          districtId: districtId || null,
          meetingsPerYearMin: number(min),
          meetingsPerYearMax: number(max),
        };
        const saved = body
          ? await governanceApi.updateBody(body.id, { ...input, version: body.version } as typeof input)
          : await governanceApi.createBody(input);
        guard.saved();
        await onSaved(saved);
      },
    );

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby={headingId}>
      <h2 id={headingId}>{body ? 'Orgaan bewerken' : 'Nieuw orgaan'}</h2>
      <ErrorMessage error={error ?? districts.error} />
      <SelectField
        label="Soort"
        name="kind"
        error={error}
        required
        value={kind}
        choices={KIND_CHOICES}
        onChange={setKind}
      />
      <Field label="Naam" name="name" error={error} required>
        {(props) => (
          <input {...props} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <SelectField
        label="District"
        name="districtId"
        error={error}
        required={kind === 'dvc'}
        hint="Verplicht voor een districtelijk veiligheidscollege."
        value={districtId}
        empty="Geen district"
        choices={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
        onChange={setDistrictId}
      />
      <div className="field-row">
        <Field label="Vergadert minstens (keer per jaar)" name="meetingsPerYearMin" error={error}>
          {(props) => (
            <input {...props} type="text" inputMode="numeric" value={min} onChange={(e) => setMin(e.target.value)} />
          )}
        </Field>
        <Field label="Vergadert hoogstens (keer per jaar)" name="meetingsPerYearMax" error={error}>
          {(props) => (
            <input {...props} type="text" inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} />
          )}
        </Field>
      </div>
      <Field label="Omschrijving" name="description" error={error}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <FormActions submit={body ? 'Orgaan opslaan' : 'Orgaan aanmaken'} busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** The members of a body: people and organisations, each with a role; saved as a whole (PUT). */
export function MembersEditor({ body, onSaved }: { body: BodyDetail; onSaved: (saved: BodyDetail) => void }) {
  const [kind, setKind] = useState<'person' | 'organisation'>('person');
  const [choice, setChoice] = useState('');
  const [role, setRole] = useState('');
  const users = useApi(() => api.users(), []);
  const organisations = useApi(() => api.organisations(), []);
  const { error, setError, busy, submit } = useSubmit();
  const current = body.members.map((m) => ({ userId: m.userId, organisationId: m.organisationId, role: m.role }));

  async function remove(memberId: string) {
    setError(null);
    try {
      onSaved(
        await governanceApi.replaceMembers(
          body.id,
          body.members
            .filter((m) => m.id !== memberId)
            .map((m) => ({ userId: m.userId, organisationId: m.organisationId, role: m.role })),
        ),
      );
    } catch (err) {
      setError(err as never);
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [['member', !!choice, kind === 'person' ? 'Kies een persoon.' : 'Kies een organisatie.']],
      async () => {
        const added =
          kind === 'person' ? { userId: choice, role: role.trim() } : { organisationId: choice, role: role.trim() };
        onSaved(await governanceApi.replaceMembers(body.id, [...current, added]));
        setChoice('');
        setRole('');
      },
    );

  const taken = new Set(body.members.map((m) => m.userId ?? m.organisationId));
  const choices =
    kind === 'person'
      ? (users.data ?? []).filter((u) => u.active && !taken.has(u.id)).map((u) => [u.id, u.displayName] as const)
      : (organisations.data ?? []).filter((o) => !taken.has(o.id)).map((o) => [o.id, o.name] as const);

  return (
    <>
      <ErrorMessage error={users.error ?? organisations.error} />
      <ul className="plain-list">
        {body.members.map((m) => (
          <li key={m.id} className="member-row">
            <span>
              {m.name}
              {m.role && <span className="muted"> – {m.role}</span>}
              <span className="muted small"> ({m.userId ? 'persoon' : 'organisatie'})</span>
            </span>{' '}
            <button type="button" className="button button-small button-secondary" onClick={() => void remove(m.id)}>
              Verwijderen<span className="visually-hidden"> als lid: {m.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="lid-toevoegen">
        <h3 id="lid-toevoegen">Lid toevoegen</h3>
        <ErrorMessage error={error} />
        <SelectField
          label="Soort lid"
          name="kind"
          value={kind}
          choices={[
            ['person', 'Persoon'],
            ['organisation', 'Organisatie'],
          ]}
          onChange={(value) => {
            setKind(value);
            setChoice('');
          }}
        />
        <SelectField
          label={kind === 'person' ? 'Persoon' : 'Organisatie'}
          name="member"
          error={error}
          required
          value={choice}
          empty={kind === 'person' ? 'Kies een persoon' : 'Kies een organisatie'}
          choices={choices}
          onChange={setChoice}
        />
        <Field label="Rol" name="role" error={error} hint="Bijvoorbeeld: voorzitter.">
          {(props) => (
            <input {...props} type="text" maxLength={200} value={role} onChange={(e) => setRole(e.target.value)} />
          )}
        </Field>
        <FormActions submit="Lid toevoegen" busy={busy} small />
      </form>
    </>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const localTime = (iso: string) => {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

type Attendance = NonNullable<MeetingInput['attendance']>[number]['status'];
const ATTENDANCE_CHOICES = [
  ['uitgenodigd', 'Uitgenodigd'],
  ['aanwezig', 'Aanwezig'],
  ['afwezig', 'Afwezig'],
  ['afgemeld', 'Afgemeld'],
] as const;

/**
 * Create or edit a meeting: title, day and times, place, state, agenda, decisions and documents (one per
 * line), and the attendance of the body's members in person (and of anyone already on the list).
 */
export function MeetingForm({
  body,
  meeting,
  onSaved,
  onCancel,
}: {
  body: BodyDetail;
  meeting?: MeetingDetail;
  onSaved: (saved: MeetingSummary) => void | Promise<void>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [day, setDay] = useState(meeting ? localDay(meeting.startsAt) : '');
  const [start, setStart] = useState(meeting ? localTime(meeting.startsAt) : '10:00');
  const [end, setEnd] = useState(meeting ? localTime(meeting.endsAt) : '12:00');
  const [location, setLocation] = useState(meeting?.location ?? '');
  const [state, setState] = useState<MeetingSummary['state']>(meeting?.state ?? 'geagendeerd');
  const [agenda, setAgenda] = useState(meeting?.agenda.map((a) => a.title).join('\n') ?? '');
  const [decisions, setDecisions] = useState(meeting?.decisions.map((d) => d.text).join('\n') ?? '');
  const [documents, setDocuments] = useState(
    meeting?.documents.map((d) => (d.reference ? `${d.title} | ${d.reference}` : d.title)).join('\n') ?? '',
  );
  // Who can be on the list: the members in person, and whoever already is (users of member organisations).
  const people = new Map<string, string>();
  for (const m of body.members) if (m.userId) people.set(m.userId, m.name);
  for (const a of meeting?.attendees ?? []) people.set(a.userId, a.name);
  const [attendance, setAttendance] = useState<Record<string, Attendance | ''>>(
    Object.fromEntries((meeting?.attendees ?? []).map((a) => [a.userId, a.status])),
  );
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { title, day, start, end, location, state, agenda, decisions, documents, attendance },
  });
  const bodyId = body.id;
  const headingId = meeting ? `vergadering-bewerken-${meeting.id}` : 'nieuwe-vergadering';
  const TIME = /^\d{2}:\d{2}$/;

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['title', title.trim().length >= 3 && title.trim().length <= 190, 'Een titel heeft 3 tot 190 tekens.'],
        ['startsAt', /^\d{4}-\d{2}-\d{2}$/.test(day) && TIME.test(start), 'Kies de datum en het begintijdstip.'],
        ['endsAt', TIME.test(end) && end > start, 'De vergadering eindigt na het begin.'],
        [
          'agenda',
          lines(agenda).every((l) => l.length >= 3 && l.length <= 200),
          'Elk agendapunt (één per regel) heeft 3 tot 200 tekens.',
        ],
        [
          'decisions',
          lines(decisions).every((l) => l.length >= 3),
          'Elk besluit (één per regel) heeft ten minste 3 tekens.',
        ],
      ],
      async () => {
        const input: MeetingInput & { version?: number } = {
          title: title.trim(),
          startsAt: new Date(`${day}T${start}`).toISOString(),
          endsAt: new Date(`${day}T${end}`).toISOString(),
          location: location.trim() || null,
          state,
          agenda: lines(agenda).map((t) => ({ title: t })),
          decisions: lines(decisions),
          documents: lines(documents).map((l) => {
            const [title, ...reference] = l.split('|');
            return { title: title.trim(), reference: reference.join('|').trim() };
          }),
          attendance: Object.entries(attendance).flatMap(([userId, status]) => (status ? [{ userId, status }] : [])),
        };
        const saved = meeting
          ? await governanceApi.updateMeeting(meeting.id, { ...input, version: meeting.version } as MeetingInput)
          : await governanceApi.createMeeting(bodyId, input);
        guard.saved();
        await onSaved(saved);
      },
    );

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby={headingId}>
      <h3 id={headingId}>{meeting ? `Vergadering bewerken: ${meeting.title}` : 'Nieuwe vergadering'}</h3>
      <ErrorMessage error={error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => (
          <input {...props} type="text" maxLength={190} value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      <Field label="Datum" name="startsAt" error={error} required>
        {(props) => <input {...props} type="date" value={day} onChange={(e) => setDay(e.target.value)} />}
      </Field>
      <div className="field-row">
        <Field label="Begintijd" name="startTime" error={error} required>
          {(props) => <input {...props} type="time" value={start} onChange={(e) => setStart(e.target.value)} />}
        </Field>
        <Field label="Eindtijd" name="endsAt" error={error} required>
          {(props) => <input {...props} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
        </Field>
      </div>
      <Field label="Locatie" name="location" error={error}>
        {(props) => (
          <input
            {...props}
            type="text"
            maxLength={300}
            value={location}
            onChange={(e) => setLocation(e.target.value)}
          />
        )}
      </Field>
      <SelectField
        label="Status"
        name="state"
        error={error}
        value={state}
        choices={STATE_CHOICES}
        onChange={setState}
      />
      <Field label="Agenda" name="agenda" error={error} hint="Eén agendapunt per regel.">
        {(props) => <textarea {...props} rows={4} value={agenda} onChange={(e) => setAgenda(e.target.value)} />}
      </Field>
      <Field label="Besluiten" name="decisions" error={error} hint="Eén besluit per regel.">
        {(props) => <textarea {...props} rows={3} value={decisions} onChange={(e) => setDecisions(e.target.value)} />}
      </Field>
      <Field
        label="Stukken"
        name="documents"
        error={error}
        hint="Eén stuk per regel: titel, eventueel gevolgd door | en het kenmerk of de link."
      >
        {(props) => <textarea {...props} rows={3} value={documents} onChange={(e) => setDocuments(e.target.value)} />}
      </Field>
      {people.size > 0 && (
        <fieldset className="field">
          <legend>Presentielijst</legend>
          <ErrorMessage
            error={error?.fieldMessages('attendance').length ? error.fieldMessages('attendance').join(' ') : null}
          />
          {[...people].map(([userId, name]) => (
            <SelectField
              key={userId}
              label={name}
              name={`attendance-${userId}`}
              value={attendance[userId] ?? ''}
              empty="Niet op de lijst"
              choices={ATTENDANCE_CHOICES}
              onChange={(status) => setAttendance((current) => ({ ...current, [userId]: status }))}
            />
          ))}
        </fieldset>
      )}
      <FormActions submit={meeting ? 'Vergadering opslaan' : 'Vergadering toevoegen'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
