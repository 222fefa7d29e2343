import { FormEvent, useId, useState } from 'react';
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
} from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { ApiError } from '../../api';
import { DistrictWithOrganisations, Region, RegionWords, regionApi } from './region-api';
import { useGuardedForm, useVersionedSave } from '../forms';
import { useWords } from './words';
import { useConfirm, useModalDialog } from '../../components/dialog';
import { CompositionRulesEditor } from './CompositionRulesEditor';

/** Beheer > Regio: the region's words, its districts and the list of functions. */
export function RegionAdminPage() {
  return (
    <>
      <PageHeading>Regio</PageHeading>
      <p className="lead">
        Hoe uw regio haar strategie, bestuur en bureau noemt, de districten met hun gemeenten, en de functies die mensen
        kunnen hebben.
      </p>
      <WordsForm />
      <DistrictsSection />
      <FunctionsSection />
      <DefaultCompositionSection />
    </>
  );
}

const WORD_FIELDS: Array<[keyof RegionWords, string, string]> = [
  ['regionName', 'Naam van de regio', 'Bijvoorbeeld: Noord-Nederland'],
  ['strategyName', 'Naam van de strategie', 'Bijvoorbeeld: Regionaal Beleidsplan Veiligheid'],
  ['strategyAbbreviation', 'Afkorting van de strategie', 'Bijvoorbeeld: RBP'],
  ['boardName', 'Naam van het bestuur', 'Bijvoorbeeld: Regionaal Veiligheidscollege of Bestuurscollege'],
  ['boardAbbreviation', 'Afkorting van het bestuur', 'Mag leeg blijven; dan gebruikt Koers de volledige naam.'],
  ['bureauName', 'Naam van het bureau (secretariaat)', 'Bijvoorbeeld: Bureau RVS'],
  ['themeSingular', 'Woord voor een thema van de strategie (enkelvoud)', 'prioriteit of thema'],
  ['themePlural', 'Meervoud', "prioriteiten of thema's"],
];

/** Loads the region with its version; the form opens once it is there. */
function WordsForm() {
  const region = useApi(() => regionApi.get(), []);
  return (
    <section className="section" aria-labelledby="woorden-kop">
      <h2 id="woorden-kop">Woorden van de regio</h2>
      <ErrorMessage error={region.error} />
      {region.loading && !region.data && <Loading what="Woorden van de regio" plural />}
      {region.data && <WordsEditor region={region.data} />}
    </section>
  );
}

/**
 * The region's words, saved with the version the form opened at (a change someone else made meanwhile is
 * combined or shown in the conflict dialog); while not saved, leaving is asked and the input kept as a draft.
 */
function WordsEditor({ region }: { region: Region }) {
  const words = useWords();
  const [base, setBase] = useState<Region>(region);
  const [values, setValues] = useState<WordValues>(() => pickWords(region));
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm<WordValues>({
    values,
    draftKey: 'regio.woorden',
    version: base.version,
    restore: (kept, origin) => {
      setValues(pickWords(kept));
      if (origin) setBase((current) => ({ ...current, ...pickWords(origin.base), version: origin.version }));
    },
  });
  const versioned = useVersionedSave<Region, WordValues>({
    fieldsOf: pickWords,
    labels: (key) => WORD_FIELDS.find(([field]) => field === key)?.[1] ?? key,
    save: (changes, version) => regionApi.update(changes, version),
    reload: () => regionApi.get(),
    onSaved: (saved) => {
      const shown = pickWords(saved);
      setBase(saved);
      setValues(shown);
      guard.saved(shown);
      setMessage('De woorden van de regio zijn opgeslagen.');
      void words.reload();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    const checks = WORD_FIELDS.filter(([key]) => key !== 'boardAbbreviation').map(
      ([key, label]) =>
        [key, values[key].trim().length > 0, `Vul in: ${label.toLowerCase()}.`] as [string, boolean, string],
    );
    return submit(event, checks, async () => {
      const trimmed = Object.fromEntries(WORD_FIELDS.map(([key]) => [key, values[key].trim()])) as RegionWords &
        Record<string, unknown>;
      await versioned.submit(base, trimmed);
    });
  }

  return (
    <>
      <SuccessMessage message={message} />
      <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="woorden-kop">
        {guard.notice}
        <ErrorMessage error={error} title="Opslaan is niet gelukt." />
        {WORD_FIELDS.map(([key, label, hint]) => (
          <Field key={key} label={label} name={key} error={error} hint={hint} required={key !== 'boardAbbreviation'}>
            {(props) => (
              <input
                {...props}
                value={values[key]}
                onChange={(event) => setValues((v) => ({ ...v, [key]: event.target.value }))}
              />
            )}
          </Field>
        ))}
        <FormActions submit="Woorden opslaan" busy={busy} />
        {versioned.dialog}
      </form>
    </>
  );
}

/** The words as plain form values (a type alias, so the form hooks can compare them field by field). */
type WordValues = { [K in keyof RegionWords]: string };

function pickWords(source: RegionWords): WordValues {
  return Object.fromEntries(WORD_FIELDS.map(([key]) => [key, source[key] ?? ''])) as WordValues;
}

function DistrictsSection() {
  const districts = useApi(() => regionApi.districts(), []);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [rowError, setRowError] = useState<ApiError | null>(null);
  const [renaming, setRenaming] = useState<DistrictWithOrganisations | null>(null);
  const confirm = useConfirm();
  const { error, busy, submit } = useSubmit();

  function onCreate(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    return submit(event, [['name', name.trim().length >= 2, 'Vul een naam in van minstens 2 tekens.']], async () => {
      const created = await regionApi.createDistrict(name.trim());
      setName('');
      setMessage(`${created.name} is toegevoegd.`);
      await districts.reload();
    });
  }

  async function renamed(district: DistrictWithOrganisations, name: string) {
    setRenaming(null);
    setRowError(null);
    setMessage(`${district.name} heet nu ${name}.`);
    await districts.reload();
  }

  async function remove(district: DistrictWithOrganisations) {
    if (!(await confirm({ title: `${district.name} verwijderen?`, confirmLabel: 'Verwijderen', danger: true }))) return;
    await act(() => regionApi.deleteDistrict(district.id), `${district.name} is verwijderd.`);
  }

  async function act(run: () => Promise<unknown>, done: string) {
    setRowError(null);
    setMessage(null);
    try {
      await run();
      setMessage(done);
      await districts.reload();
    } catch (err) {
      setRowError(asApiError(err));
    }
  }

  return (
    <section className="section" aria-labelledby="districten-kop">
      <h2 id="districten-kop">Districten</h2>
      <p>
        Gemeenten plaatst u in een district bij Organisaties. Een zetel &ldquo;één per district&rdquo; in de
        samenstelling van een werkgroep telt deze districten.
      </p>
      <SuccessMessage message={message} />
      <ErrorMessage error={rowError || districts.error} />
      {districts.loading && !districts.data && <Loading what="Districten" plural />}
      {districts.data && districts.data.length === 0 && <p>Er zijn nog geen districten.</p>}
      {districts.data && districts.data.length > 0 && (
        <Table label="Districten" caption="Districten" columns={['District', 'Organisaties', ROW_ACTIONS]}>
          {districts.data.map((district) => (
            <tr key={district.id}>
              <th scope="row">{district.name}</th>
              <td>{district.organisations.map((o) => o.name).join(', ') || '—'}</td>
              <td className="actions">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() => setRenaming(district)}
                >
                  Hernoemen<span className="visually-hidden"> {district.name}</span>
                </button>
                <button type="button" className="button button-small button-danger" onClick={() => remove(district)}>
                  Verwijderen<span className="visually-hidden"> {district.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {renaming && (
        <RenameDistrictDialog
          district={renaming}
          onCancel={() => setRenaming(null)}
          onRenamed={(name) => renamed(renaming, name)}
        />
      )}
      <form onSubmit={onCreate} noValidate className="card form" aria-label="Nieuw district">
        <ErrorMessage error={error} title="Toevoegen is niet gelukt." />
        <Field label="Nieuw district" name="name" error={error} required hint="Bijvoorbeeld: District Groningen">
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <FormActions submit="District toevoegen" busy={busy} />
      </form>
    </section>
  );
}

/**
 * A modal form (Esc cancels, the focus stays inside) instead of the browser's window.prompt. The rename is
 * based on the version the list showed: when someone else renamed the district meanwhile, the conflict dialog
 * shows both names.
 */
function RenameDistrictDialog({
  district,
  onCancel,
  onRenamed,
}: {
  district: DistrictWithOrganisations;
  onCancel: () => void;
  onRenamed: (name: string) => void | Promise<void>;
}) {
  const headingId = useId();
  const [name, setName] = useState(district.name);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: { name } });
  const versioned = useVersionedSave<DistrictWithOrganisations, { name: string }>({
    fieldsOf: (d) => ({ name: d.name }),
    labels: () => 'Naam van het district',
    save: async (changes, version) => {
      const saved = await regionApi.renameDistrict(district.id, changes.name ?? district.name, version);
      return { ...district, ...saved };
    },
    reload: async () => {
      const found = (await regionApi.districts()).find((d) => d.id === district.id);
      if (!found) throw new ApiError(404, 'NOT_FOUND', 'Dit district bestaat niet meer.');
      return found;
    },
    onSaved: (saved) => {
      guard.saved({ name: saved.name });
      void onRenamed(saved.name);
    },
  });
  const cancel = () => {
    guard.discard();
    onCancel();
  };
  const modal = useModalDialog(cancel);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const next = name.trim();
    return submit(event, [['name', next.length >= 2, 'Vul een naam in van minstens 2 tekens.']], async () => {
      if (next === district.name) return void (await onRenamed(next));
      await versioned.submit(district, { name: next });
    });
  }

  return (
    <dialog {...modal} className="dialog" aria-labelledby={headingId}>
      <form onSubmit={onSubmit} noValidate className="form">
        <h2 id={headingId}>{district.name} hernoemen</h2>
        <ErrorMessage error={error} title="Hernoemen is niet gelukt." />
        <Field label="Nieuwe naam" name="name" error={error} required>
          {(props) => <input {...props} value={name} autoFocus onChange={(event) => setName(event.target.value)} />}
        </Field>
        <FormActions submit="Naam opslaan" busy={busy} onCancel={cancel} />
      </form>
      {versioned.dialog}
    </dialog>
  );
}

function FunctionsSection() {
  const functions = useApi(() => regionApi.functions(), []);
  const [label, setLabel] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();

  function onCreate(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    return submit(
      event,
      [['label', label.trim().length >= 2, 'Vul een functie in van minstens 2 tekens.']],
      async () => {
        const created = await regionApi.createFunction(label.trim());
        setLabel('');
        setMessage(`De functie ${created.label} is toegevoegd.`);
        await functions.reload();
      },
    );
  }

  return (
    <section className="section" aria-labelledby="functies-kop">
      <h2 id="functies-kop">Functies</h2>
      <SuccessMessage message={message} />
      <ErrorMessage error={functions.error} />
      {functions.data && (
        <ul className="inline-list" aria-label="Functies">
          {functions.data.map((f) => (
            <li key={f.code}>{f.label}</li>
          ))}
        </ul>
      )}
      <form onSubmit={onCreate} noValidate className="card form" aria-label="Nieuwe functie">
        <ErrorMessage error={error} title="Toevoegen is niet gelukt." />
        <Field
          label="Nieuwe functie"
          name="label"
          error={error}
          required
          hint="Bijvoorbeeld: Gebiedsofficier van justitie"
        >
          {(props) => <input {...props} value={label} onChange={(event) => setLabel(event.target.value)} />}
        </Field>
        <FormActions submit="Functie toevoegen" busy={busy} />
      </form>
    </section>
  );
}

/** The seats a new werkgroep starts from; each werkgroep's own seats are edited on its page. */
function DefaultCompositionSection() {
  const rules = useApi(() => regionApi.defaultCompositionRules(), []);
  return (
    <section className="section" aria-labelledby="standaardeisen-kop">
      <h2 id="standaardeisen-kop">Standaardeisen voor nieuwe werkgroepen</h2>
      <p>
        Een nieuwe werkgroep begint met deze zetels. Bestaande werkgroepen houden hun eigen eisen; die past u aan op de
        pagina van de werkgroep.
      </p>
      <ErrorMessage error={rules.error} />
      {rules.data && (
        <CompositionRulesEditor
          title="Standaardeisen"
          rules={rules.data}
          draftKey="regio.standaardeisen"
          save={(seats, version) => regionApi.setDefaultCompositionRules(seats, version)}
          reload={() => regionApi.defaultCompositionRules()}
        />
      )}
    </section>
  );
}
