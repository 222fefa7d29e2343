import { FormEvent, useState } from 'react';
import { BODY_KIND_LABELS, BODY_KINDS, BodyKind } from '@koers/contracts';
import { api } from '../../api';
import { ErrorMessage, Field, useApi } from '../../components/common';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { changedFields, useGuardedForm, useVersionedSave } from '../forms';
import {
  AttendanceStatus,
  BodyDetail,
  BodyInput,
  governanceApi,
  GuestInput,
  MeetingDetail,
  MeetingSummary,
} from './governance-api';

const KIND_CHOICES = BODY_KINDS.map((k) => [k, BODY_KIND_LABELS[k]] as const);
const STATE_CHOICES = [
  ['concept', 'Concept'],
  ['geagendeerd', 'Geagendeerd'],
  ['afgerond', 'Afgerond'],
] as const;

const number = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const validCount = (text: string) => text.trim() === '' || (/^\d+$/.test(text.trim()) && +text >= 1 && +text <= 52);

/** A body's editable fields, by the API's names (the versioned save compares these). */
type BodyFields = Required<BodyInput>;

const bodyFieldsOf = (b: BodyDetail): BodyFields => ({
  kind: b.kind,
  name: b.name,
  description: b.description,
  districtId: b.districtId,
  meetingsPerYearMin: b.meetingsPerYearMin,
  meetingsPerYearMax: b.meetingsPerYearMax,
});

const BODY_LABELS: Record<string, string> = {
  kind: 'Soort',
  name: 'Naam',
  description: 'Omschrijving',
  districtId: 'District',
  meetingsPerYearMin: 'Vergadert minstens',
  meetingsPerYearMax: 'Vergadert hoogstens',
};

/**
 * Create or edit a body (secretariat): kind, name, district (a DVC needs one), rhythm, description. An edit
 * sends only what changed, with the version it started from; when someone else saved in between, changes to
 * other fields are combined and fields both changed are shown side by side (features/forms).
 */
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
  // The version the form started from: a save is based on it, so nobody's change is overwritten unseen.
  const [base] = useState(body);
  const versioned = useVersionedSave<BodyDetail, BodyFields>({
    fieldsOf: bodyFieldsOf,
    labels: (key) => BODY_LABELS[key] ?? key,
    format: (key, value) =>
      value === null || value === undefined || value === ''
        ? ''
        : key === 'kind'
          ? BODY_KIND_LABELS[value as BodyKind]
          : key === 'districtId'
            ? (districts.data?.find((d) => d.id === value)?.name ?? String(value))
            : String(value),
    save: (changes, version) => governanceApi.updateBody(base!.id, changes, version),
    reload: () => governanceApi.body(base!.id),
    onSaved: (saved) => {
      guard.saved();
      void onSaved(saved);
    },
  });

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
        const input: BodyFields = {
          kind,
          name: name.trim(),
          description: description.trim(),
          districtId: districtId || null,
          meetingsPerYearMin: number(min),
          meetingsPerYearMax: number(max),
        };
        if (base) {
          if (!Object.keys(changedFields(bodyFieldsOf(base), input)).length) {
            guard.saved();
            await onSaved(base);
          } else await versioned.submit(base, input);
          return;
        }
        const saved = await governanceApi.createBody(input);
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
      {versioned.dialog}
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

const ATTENDANCE_CHOICES = [
  ['uitgenodigd', 'Uitgenodigd'],
  ['aanwezig', 'Aanwezig'],
  ['afwezig', 'Afwezig'],
  ['afgemeld', 'Afgemeld'],
] as const;

/** A guest as the form holds it: a Koers user (`userId`) or a person named here. */
interface GuestRow {
  key: string;
  userId: string | null;
  name: string;
  organisation: string;
  role: string;
  status: AttendanceStatus;
}

/** A meeting's editable fields, by the API's names (the versioned save compares these). */
type MeetingFields = {
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  state: MeetingSummary['state'];
  agenda: Array<{ title: string; description: string }>;
  decisions: string[];
  documents: Array<{ title: string; reference: string }>;
  attendance: Array<{ userId: string; status: AttendanceStatus }>;
  guests: Array<Required<GuestInput>>;
};

const byUser = <T extends { userId: string }>(list: T[]) => [...list].sort((a, b) => a.userId.localeCompare(b.userId));
const guestOf = (g: Omit<GuestRow, 'key'>): Required<GuestInput> => ({
  userId: g.userId,
  name: g.name,
  organisation: g.organisation,
  role: g.role,
  status: g.status,
});

const meetingFieldsOf = (m: MeetingDetail): MeetingFields => ({
  title: m.title,
  startsAt: new Date(m.startsAt).toISOString(),
  endsAt: new Date(m.endsAt).toISOString(),
  location: m.location,
  state: m.state,
  agenda: m.agenda.map((a) => ({ title: a.title, description: a.description })),
  decisions: m.decisions.map((d) => d.text),
  documents: m.documents.map((d) => ({ title: d.title, reference: d.reference })),
  attendance: byUser(m.attendees.map((a) => ({ userId: a.userId, status: a.status }))),
  guests: (m.guests ?? []).map(guestOf),
});

const MEETING_LABELS: Record<string, string> = {
  title: 'Titel',
  startsAt: 'Begin',
  endsAt: 'Einde',
  location: 'Locatie',
  state: 'Status',
  agenda: 'Agenda',
  decisions: 'Besluiten',
  documents: 'Stukken',
  attendance: 'Presentielijst (leden)',
  guests: 'Gasten',
};

const guestLabel = (g: { name: string; organisation: string; role: string }) =>
  [g.name, [g.role, g.organisation].filter(Boolean).join(', ')].filter(Boolean).join(' – ');

/**
 * Create or edit a meeting: title, day and times, place, state, agenda, decisions and documents (one per
 * line), the attendance of the body's members in person (and of anyone already on the list), and guests who
 * are not members: a Koers user, or a person named with organisation and function. An edit sends only what
 * changed against the version it started from; a save by someone else in between is combined or shown side
 * by side (features/forms).
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
  // Who can be on the list: the members in person, and whoever already is (users of member organisations,
  // and former members: the list of a past meeting keeps them).
  const people = new Map<string, string>();
  for (const m of body.members) if (m.userId) people.set(m.userId, m.name);
  for (const a of meeting?.attendees ?? []) people.set(a.userId, a.name);
  const [attendance, setAttendance] = useState<Record<string, AttendanceStatus | ''>>(
    Object.fromEntries((meeting?.attendees ?? []).map((a) => [a.userId, a.status])),
  );
  const [guests, setGuests] = useState<GuestRow[]>(
    (meeting?.guests ?? []).map((g) => ({ ...guestOf(g), key: g.id, userId: g.userId })),
  );
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { title, day, start, end, location, state, agenda, decisions, documents, attendance, guests },
  });
  const [base] = useState(meeting);
  const versioned = useVersionedSave<MeetingDetail, MeetingFields>({
    fieldsOf: meetingFieldsOf,
    labels: (key) => MEETING_LABELS[key] ?? key,
    format: describeMeetingValue,
    save: (changes, version) => governanceApi.updateMeeting(base!.id, changes, version),
    reload: () => governanceApi.meeting(base!.id),
    onSaved: (saved) => {
      guard.saved();
      void onSaved(saved);
    },
  });
  const bodyId = body.id;
  const headingId = meeting ? `vergadering-bewerken-${meeting.id}` : 'nieuwe-vergadering';
  const TIME = /^\d{2}:\d{2}$/;

  /** The form's input as the API's fields; an agenda item keeps its description while its title stays. */
  function fieldsOfForm(): MeetingFields {
    const described = new Map((base?.agenda ?? []).map((a) => [a.title, a.description]));
    return {
      title: title.trim(),
      startsAt: new Date(`${day}T${start}`).toISOString(),
      endsAt: new Date(`${day}T${end}`).toISOString(),
      location: location.trim() || null,
      state,
      agenda: lines(agenda).map((t) => ({ title: t, description: described.get(t) ?? '' })),
      decisions: lines(decisions),
      documents: lines(documents).map((l) => {
        const [documentTitle, ...reference] = l.split('|');
        return { title: documentTitle.trim(), reference: reference.join('|').trim() };
      }),
      attendance: byUser(
        Object.entries(attendance).flatMap(([userId, status]) => (status ? [{ userId, status }] : [])),
      ),
      guests: guests.map(guestOf),
    };
  }

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
        const fields = fieldsOfForm();
        if (base) {
          if (!Object.keys(changedFields(meetingFieldsOf(base), fields)).length) {
            guard.saved();
            await onSaved(base);
          } else await versioned.submit(base, fields);
          return;
        }
        const saved = await governanceApi.createMeeting(bodyId, fields);
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
          <legend>Presentielijst (leden)</legend>
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
      <GuestsEditor body={body} guests={guests} onChange={setGuests} taken={new Set(people.keys())} error={error} />
      <FormActions submit={meeting ? 'Vergadering opslaan' : 'Vergadering toevoegen'} busy={busy} onCancel={onCancel} />
      {versioned.dialog}
    </form>
  );
}

/** How a meeting field reads in the conflict dialog. */
function describeMeetingValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (key === 'startsAt' || key === 'endsAt')
    return new Date(String(value)).toLocaleString('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
  if (key === 'state') return STATE_CHOICES.find(([k]) => k === value)?.[1] ?? String(value);
  if (!Array.isArray(value)) return String(value);
  const items = value as Array<Record<string, unknown> | string>;
  return items
    .map((item) => {
      if (typeof item === 'string') return item;
      if (key === 'attendance') return `${String(item.userId).slice(0, 8)}: ${String(item.status)}`;
      if (key === 'guests') return `${guestLabel(item as never)} (${String(item.status)})`;
      return [item.title, item.reference].filter(Boolean).join(' | ');
    })
    .join('; ');
}

let guestKeys = 0;

/**
 * The guests of a meeting, shown apart from the members: each with their status and a button to take them
 * off; below it a small part of the form to add one, a Koers user (who is not a member) or a person by name.
 * No nested form: "Gast toevoegen" is a plain button, and Enter in these fields adds the guest.
 */
function GuestsEditor({
  body,
  guests,
  onChange,
  taken,
  error,
}: {
  body: BodyDetail;
  guests: GuestRow[];
  onChange: (guests: GuestRow[]) => void;
  /** Users already on the members' list. */
  taken: Set<string>;
  error: ReturnType<typeof useSubmit>['error'];
}) {
  const [kind, setKind] = useState<'naam' | 'gebruiker'>('naam');
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const users = useApi(() => (kind === 'gebruiker' ? api.users() : Promise.resolve(null)), [kind]);
  const organisations = useApi(() => (kind === 'gebruiker' ? api.organisations() : Promise.resolve(null)), [kind]);
  const memberOrganisations = new Set(body.members.flatMap((m) => (m.organisationId ? [m.organisationId] : [])));
  const memberPeople = new Set(body.members.flatMap((m) => (m.userId ? [m.userId] : [])));
  const listed = new Set(guests.flatMap((g) => (g.userId ? [g.userId] : [])));
  const organisationName = (id: string) => organisations.data?.find((o) => o.id === id)?.name ?? '';
  const choices = (users.data ?? [])
    .filter(
      (u) =>
        u.active &&
        !memberPeople.has(u.id) &&
        !memberOrganisations.has(u.organisationId) &&
        !taken.has(u.id) &&
        !listed.has(u.id),
    )
    .map((u) => [u.id, `${u.displayName} (${organisationName(u.organisationId)})`] as const);

  function add() {
    if (kind === 'gebruiker') {
      const user = users.data?.find((u) => u.id === userId);
      if (!user) return setProblem('Kies een gebruiker.');
      onChange([
        ...guests,
        {
          key: `nieuw-${++guestKeys}`,
          userId: user.id,
          name: user.displayName,
          organisation: organisationName(user.organisationId),
          role: role.trim() || (user.jobTitle ?? ''),
          status: 'aanwezig',
        },
      ]);
      setUserId('');
    } else {
      if (name.trim().length < 2) return setProblem('Geef de naam van de gast (2 tot 200 tekens).');
      onChange([
        ...guests,
        {
          key: `nieuw-${++guestKeys}`,
          userId: null,
          name: name.trim(),
          organisation: organisation.trim(),
          role: role.trim(),
          status: 'aanwezig',
        },
      ]);
      setName('');
      setOrganisation('');
    }
    setRole('');
    setProblem(null);
  }

  const serverMessages = (index: number) =>
    [
      ...(error?.fieldMessages(`guests.${index}`) ?? []),
      ...(error?.fieldMessages(`guests.${index}.userId`) ?? []),
      ...(error?.fieldMessages(`guests.${index}.name`) ?? []),
    ].join(' ');

  return (
    <fieldset className="field guests">
      <legend>Gasten (geen lid van het orgaan)</legend>
      {guests.length === 0 ? (
        <p className="muted small">Geen gasten.</p>
      ) : (
        <ul className="plain-list">
          {guests.map((g, index) => (
            <li key={g.key} className="guest-row">
              <SelectField
                label={`${guestLabel(g)}${g.userId ? ' (Koers-gebruiker)' : ''}`}
                name={`guests.${index}.status`}
                value={g.status}
                choices={ATTENDANCE_CHOICES}
                onChange={(status) => onChange(guests.map((x, i) => (i === index ? { ...x, status } : x)))}
              />
              {serverMessages(index) && <p className="field-error">{serverMessages(index)}</p>}
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => onChange(guests.filter((_, i) => i !== index))}
              >
                Verwijderen<span className="visually-hidden"> als gast: {g.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div
        className="guest-add"
        onKeyDown={(event) => {
          // Enter in these fields adds the guest instead of saving the whole meeting.
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
            event.preventDefault();
            add();
          }
        }}
      >
        <SelectField
          label="Soort gast"
          name="guestKind"
          value={kind}
          choices={[
            ['naam', 'Iemand zonder Koers-account'],
            ['gebruiker', 'Een Koers-gebruiker'],
          ]}
          onChange={(value) => {
            setKind(value);
            setProblem(null);
          }}
        />
        {kind === 'gebruiker' ? (
          <SelectField
            label="Gebruiker"
            name="guestUserId"
            value={userId}
            empty={users.loading ? 'Gebruikers worden geladen…' : 'Kies een gebruiker'}
            choices={choices}
            onChange={setUserId}
          />
        ) : (
          <>
            <Field label="Naam van de gast" name="guestName">
              {(props) => (
                <input {...props} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
              )}
            </Field>
            <Field label="Organisatie" name="guestOrganisation">
              {(props) => (
                <input
                  {...props}
                  type="text"
                  maxLength={200}
                  value={organisation}
                  onChange={(e) => setOrganisation(e.target.value)}
                />
              )}
            </Field>
          </>
        )}
        <Field label="Functie" name="guestRole" hint="Of waarom de gast er was.">
          {(props) => (
            <input {...props} type="text" maxLength={200} value={role} onChange={(e) => setRole(e.target.value)} />
          )}
        </Field>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="button" className="button button-small button-secondary" onClick={add}>
          Gast toevoegen
        </button>
      </div>
    </fieldset>
  );
}
