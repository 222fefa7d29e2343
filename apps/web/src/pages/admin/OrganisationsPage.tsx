import { FormEvent, useMemo, useState } from 'react';
import { District, Organisation, ORGANISATION_TYPE_LABELS, OrganisationType } from '@koers/contracts';
import { api, ApiError } from '../../api';
import {
  asApiError,
  ErrorMessage,
  Field,
  Loading,
  PageHeading,
  ROW_ACTIONS,
  SuccessMessage,
  Table,
  useApi,
  useFocusOnMount,
} from '../../components/common';
import { FormActions, Options, SelectField, useSubmit } from '../../components/forms';
import { useGuardedForm, useVersionedSave } from '../../features/forms';
import { options } from '../../labels';
import { useConfirm } from '../../components/dialog';
import { SsoPanel } from '../../features/sso';

export function OrganisationsPage() {
  const [type, setType] = useState<string>('');
  const organisations = useApi(() => api.organisations(type || undefined), [type]);
  const districts = useApi(() => api.districts(), []);
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const [ssoFor, setSsoFor] = useState<Organisation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const districtName = useMemo(() => new Map((districts.data ?? []).map((d) => [d.id, d.name])), [districts.data]);
  const confirm = useConfirm();
  const sorted = useMemo(
    () => [...(organisations.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    [organisations.data],
  );

  async function remove(organisation: Organisation) {
    if (
      !(await confirm({
        title: `Organisatie “${organisation.name}” verwijderen?`,
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    setError(null);
    setMessage(null);
    try {
      await api.deleteOrganisation(organisation.id);
      setMessage(`Organisatie ${organisation.name} is verwijderd.`);
      await organisations.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <>
      <PageHeading>Organisaties</PageHeading>
      <SuccessMessage message={message} />
      <ErrorMessage error={error || organisations.error || districts.error} />
      <div className="toolbar">
        <label htmlFor="filter-type">Type</label>
        <select id="filter-type" value={type} onChange={(event) => setType(event.target.value)}>
          <Options choices={options(ORGANISATION_TYPE_LABELS)} empty="Alle typen" />
        </select>
        <button type="button" className="button" onClick={() => setEditing('new')} aria-expanded={editing === 'new'}>
          Nieuwe organisatie
        </button>
      </div>
      {editing && (
        <OrganisationForm
          key={editing === 'new' ? 'new' : editing.id}
          organisation={editing === 'new' ? undefined : editing}
          districts={districts.data ?? []}
          onCancel={() => setEditing(null)}
          onSaved={async (saved, created) => {
            setEditing(null);
            setMessage(
              created ? `Organisatie ${saved.name} is aangemaakt.` : `Organisatie ${saved.name} is opgeslagen.`,
            );
            await organisations.reload();
          }}
        />
      )}
      {ssoFor && <SsoPanel key={ssoFor.id} organisation={ssoFor} onClose={() => setSsoFor(null)} />}
      {organisations.loading && !organisations.data && <Loading what="Organisaties" plural />}
      {organisations.data && (
        <>
          <p role="status">{sorted.length} organisaties</p>
          <Table label="Organisaties" caption="Organisaties" columns={['Naam', 'Type', 'District', ROW_ACTIONS]}>
            {sorted.map((organisation) => (
              <tr key={organisation.id}>
                <th scope="row">{organisation.name}</th>
                <td>{ORGANISATION_TYPE_LABELS[organisation.type] ?? organisation.type}</td>
                <td>{organisation.districtId ? (districtName.get(organisation.districtId) ?? '—') : '—'}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    onClick={() => setEditing(organisation)}
                  >
                    Bewerken<span className="visually-hidden"> {organisation.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    onClick={() => setSsoFor(organisation)}
                    aria-expanded={ssoFor?.id === organisation.id}
                  >
                    Inloggen via organisatie<span className="visually-hidden"> {organisation.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => remove(organisation)}
                  >
                    Verwijderen<span className="visually-hidden"> {organisation.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

interface OrganisationFormProps {
  organisation?: Organisation;
  districts: District[];
  onSaved: (organisation: Organisation, created: boolean) => void | Promise<void>;
  onCancel: () => void;
}

function OrganisationForm({ organisation, districts, onSaved, onCancel }: OrganisationFormProps) {
  const [name, setName] = useState(organisation?.name ?? '');
  const [type, setType] = useState<OrganisationType>(organisation?.type ?? 'gemeente');
  const [districtId, setDistrictId] = useState(organisation?.districtId ?? '');
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: { name, type, districtId } });
  // An edit sends only what changed, with the version it was opened at; someone else's save meanwhile is
  // combined, or shown beside this one in the conflict dialog.
  const versioned = useVersionedSave<Organisation, { name: string; type: OrganisationType; districtId: string | null }>(
    {
      fieldsOf: (o) => ({ name: o.name, type: o.type, districtId: o.districtId ?? null }),
      labels: (key) => ({ name: 'Naam', type: 'Type', districtId: 'District' })[key] ?? key,
      format: (key, value) =>
        key === 'type'
          ? (ORGANISATION_TYPE_LABELS[value as OrganisationType] ?? String(value))
          : key === 'districtId'
            ? (districts.find((d) => d.id === value)?.name ?? '')
            : String(value ?? ''),
      save: (changes, version) => api.updateOrganisation(organisation!.id, changes, version),
      reload: async () => (await api.organisations()).find((o) => o.id === organisation!.id) ?? organisation!,
      onSaved: (saved) => {
        guard.saved();
        void onSaved(saved, false);
      },
    },
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [['name', name.trim().length >= 2, 'Vul een naam in van minstens 2 tekens.']], async () => {
      const input = { name: name.trim(), type, districtId: districtId || null };
      if (organisation) return void (await versioned.submit(organisation, input));
      const saved = await api.createOrganisation(input);
      guard.saved();
      await onSaved(saved, true);
    });
  }

  const heading = organisation ? `${organisation.name} bewerken` : 'Nieuwe organisatie';
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="organisatie-form-kop">
      <h2 id="organisatie-form-kop" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <ErrorMessage error={error} title="Opslaan is niet gelukt." />
      <Field label="Naam" name="name" error={error} required>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <SelectField
        label="Type"
        name="type"
        error={error}
        required
        value={type}
        onChange={setType}
        choices={options(ORGANISATION_TYPE_LABELS)}
      />
      <SelectField
        label="District"
        name="districtId"
        error={error}
        hint="Voor gemeenten: het politiedistrict waar de gemeente onder valt."
        value={districtId}
        onChange={setDistrictId}
        choices={districts.map((d) => [d.id, d.name])}
        empty="Geen district"
      />
      <FormActions submit="Opslaan" busy={busy} onCancel={onCancel} />
      {versioned.dialog}
    </form>
  );
}
