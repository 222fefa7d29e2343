import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  StrategyDetail,
  WORKGROUP_KIND_LABELS,
  WORKGROUP_KINDS,
  WorkgroupDetail,
  WorkgroupKind,
  WorkgroupSummary,
} from '@koers/contracts';
import { api, ApiError } from '../../api';
import {
  asApiError,
  Check,
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
import { FormActions, useSubmit } from '../../components/forms';
import { useGuardedForm, useVersionedSave } from '../../features/forms';
import { useConfirm } from '../../components/dialog';
import { useWords } from '../../features/region';

async function loadStrategiesWithThemes(): Promise<StrategyDetail[]> {
  const strategies = await api.strategies();
  return Promise.all(strategies.map((s) => api.strategy(s.id)));
}

export function WorkgroupsAdminPage() {
  const words = useWords();
  const workgroups = useApi(() => api.workgroups(), []);
  const strategies = useApi(loadStrategiesWithThemes, []);
  const [editing, setEditing] = useState<WorkgroupSummary | 'new' | null>(null);
  const confirm = useConfirm();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove(group: WorkgroupSummary) {
    if (
      !(await confirm({
        title: `Werkgroep “${group.name}” verwijderen?`,
        message: 'De leden verliezen hun toegang.',
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    setError(null);
    setMessage(null);
    try {
      await api.deleteWorkgroup(group.id);
      setMessage(`Werkgroep ${group.name} is verwijderd.`);
      await workgroups.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <>
      <PageHeading>Werkgroepen en leden</PageHeading>
      <p>
        Werkgroepen, stuurgroepen, taskforces en overleggen: bij een {words.themeSingular} van de strategie (dan
        rapporteren ze als {words.themeSingular}), of zonder. Er kunnen meerdere groepen bij één {words.themeSingular}{' '}
        horen. Leden beheert u op de pagina van de groep.
      </p>
      <SuccessMessage message={message} />
      <ErrorMessage error={error || workgroups.error || strategies.error} />
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setEditing('new')} aria-expanded={editing === 'new'}>
          Nieuwe werkgroep
        </button>
      </div>
      {editing && (
        <WorkgroupFormLoader
          key={editing === 'new' ? 'new' : editing.id}
          workgroupId={editing === 'new' ? undefined : editing.id}
          strategies={strategies.data ?? []}
          onCancel={() => setEditing(null)}
          onSaved={async (name, created) => {
            setEditing(null);
            setMessage(created ? `Werkgroep ${name} is aangemaakt.` : `Werkgroep ${name} is opgeslagen.`);
            await workgroups.reload();
          }}
        />
      )}
      {workgroups.loading && !workgroups.data && <Loading what="Werkgroepen" plural />}
      {workgroups.data && (
        <Table
          label="Werkgroepen"
          caption="Werkgroepen"
          columns={['Werkgroep', 'Soort', words.Theme, 'Leden', ROW_ACTIONS]}
          cards
        >
          {workgroups.data.map((group) => (
            <tr key={group.id}>
              <th scope="row">
                <Link to={`/werkgroepen/${group.id}`}>{group.name}</Link>
              </th>
              <td>{WORKGROUP_KIND_LABELS[group.kind] ?? group.kind}</td>
              <td>{group.themeTitle ?? '—'}</td>
              <td>{group.memberCount}</td>
              <td className="actions">
                <Link className="button button-small button-secondary" to={`/werkgroepen/${group.id}#leden`}>
                  Leden beheren<span className="visually-hidden"> van {group.name}</span>
                </Link>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() => setEditing(group)}
                >
                  Bewerken<span className="visually-hidden"> {group.name}</span>
                </button>
                <button type="button" className="button button-small button-danger" onClick={() => remove(group)}>
                  Verwijderen<span className="visually-hidden"> {group.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

/** What the edit form starts from: the werkgroep as stored, with the version a save is based on. */
type EditedWorkgroup = Pick<WorkgroupDetail, 'id' | 'kind' | 'name' | 'description' | 'version'> & {
  themeId?: string | null;
};

interface WorkgroupFormProps {
  workgroup?: EditedWorkgroup;
  strategies: StrategyDetail[];
  onSaved: (name: string, created: boolean) => void | Promise<void>;
  onCancel: () => void;
}

type WorkgroupFieldValues = { name: string; kind: WorkgroupKind; description: string };

const workgroupFields = (workgroup: EditedWorkgroup): WorkgroupFieldValues => ({
  name: workgroup.name,
  kind: workgroup.kind,
  description: workgroup.description ?? '',
});

const WORKGROUP_FIELD_LABELS: Record<string, string> = { name: 'Naam', kind: 'Soort', description: 'Omschrijving' };

/** A new werkgroep, or an existing one read as stored (the list carries no version) before its form opens. */
function WorkgroupFormLoader({
  workgroupId,
  ...props
}: Omit<WorkgroupFormProps, 'workgroup'> & { workgroupId?: string }) {
  const detail = useApi(() => (workgroupId ? api.workgroup(workgroupId) : Promise.resolve(null)), [workgroupId]);
  if (!workgroupId) return <WorkgroupForm {...props} />;
  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <Loading what="De werkgroep" />;
  return <WorkgroupForm {...props} workgroup={detail.data} />;
}

function WorkgroupForm({ workgroup, strategies, onSaved, onCancel }: WorkgroupFormProps) {
  const words = useWords();
  const [themeId, setThemeId] = useState(workgroup?.themeId ?? '');
  const [kind, setKind] = useState<WorkgroupKind>(workgroup?.kind ?? 'werkgroep');
  const [name, setName] = useState(workgroup?.name ?? '');
  const [description, setDescription] = useState(workgroup?.description ?? '');
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { themeId, name, description },
    draftKey: `werkgroep.${workgroup?.id ?? 'nieuw'}`,
    restore: (kept) => {
      setThemeId(kept.themeId);
      setName(kept.name);
      setDescription(kept.description);
    },
  });

  const versioned = useVersionedSave<EditedWorkgroup, WorkgroupFieldValues>({
    fieldsOf: workgroupFields,
    labels: (key) => WORKGROUP_FIELD_LABELS[key] ?? key,
    format: (key, value) =>
      key === 'kind' ? (WORKGROUP_KIND_LABELS[value as WorkgroupKind] ?? String(value)) : String(value ?? ''),
    fromCurrent: (current) => current as EditedWorkgroup,
    save: (changes, version) => api.updateWorkgroup(workgroup!.id, changes, version),
    reload: () => api.workgroup(workgroup!.id),
    onSaved: (saved) => {
      guard.saved();
      void onSaved(saved.name, false);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const checks: Check[] = [['name', name.trim().length >= 3, 'Vul een naam in van minstens 3 tekens.']];
    return submit(event, checks, async () => {
      // An edit sends only what changed, based on the version the form opened with: a change someone else
      // made meanwhile is combined, or shown beside this one in the conflict dialog.
      if (workgroup) return void (await versioned.submit(workgroup, { name: name.trim(), kind, description }));
      else
        await api.createWorkgroup({
          themeId: themeId || null,
          kind,
          name: name.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
        });
      guard.saved();
      await onSaved(name.trim(), !workgroup);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="werkgroep-form-kop">
      <h2 id="werkgroep-form-kop" ref={headingRef} tabIndex={-1}>
        {workgroup ? `${workgroup.name} bewerken` : 'Nieuwe werkgroep'}
      </h2>
      {guard.notice}
      <ErrorMessage error={error} title="Opslaan is niet gelukt." />
      <Field label="Soort" name="kind" error={error} required>
        {(props) => (
          <select {...props} value={kind} onChange={(event) => setKind(event.target.value as WorkgroupKind)}>
            {WORKGROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {WORKGROUP_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!workgroup && (
        <Field
          label={words.Theme}
          name="themeId"
          error={error}
          hint={`Alleen een groep bij een ${words.themeSingular} rapporteert aan het ${words.board}.`}
        >
          {(props) => (
            <select {...props} value={themeId} onChange={(event) => setThemeId(event.target.value)}>
              <option value="">Geen {words.themeSingular}</option>
              {strategies.map((s) => (
                <optgroup key={s.id} label={s.title}>
                  {[...s.themes]
                    .sort((a, b) => a.position - b.position)
                    .map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.position}. {t.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Naam" name="name" error={error} required>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <Field label="Omschrijving" name="description" error={error}>
        {(props) => (
          <textarea {...props} rows={4} value={description} onChange={(event) => setDescription(event.target.value)} />
        )}
      </Field>
      <FormActions
        submit={workgroup ? 'Opslaan' : 'Werkgroep aanmaken'}
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
      {versioned.dialog}
    </form>
  );
}
