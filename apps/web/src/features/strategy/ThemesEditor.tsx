import { FormEvent, useEffect, useState } from 'react';
import { FocusArea, StrategyDetail, Theme } from '@koers/contracts';
import { api, ApiError } from '../../api';
import { asApiError, ErrorMessage, Field, SuccessMessage } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useWords } from '../region';
import { strategyApi } from './strategy-api';
import { useConfirm } from '../../components/dialog';
import { useVersionedSave } from '../forms';
import { richTextPlain, RichTextField } from './RichText';

const byPosition = <T extends { position: number }>(items: T[]) => [...items].sort((a, b) => a.position - b.position);

/**
 * The secretariat edits the strategy's themes and their focus areas: add, rename, describe (rich text), move
 * up or down, remove. Renames and descriptions are saved with their version (a conflict dialog when someone else
 * saved meanwhile). Removing something that actions, reports or indicators refer to archives it (the server decides).
 */
export function ThemesEditor({ strategy, onChanged }: { strategy: StrategyDetail; onChanged: () => Promise<void> }) {
  const words = useWords();
  const confirm = useConfirm();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const themes = byPosition(strategy.themes.filter((t) => !t.archivedAt));

  async function act(run: () => Promise<unknown>, done: string) {
    setError(null);
    setMessage(null);
    try {
      await run();
      await onChanged();
      setMessage(done);
    } catch (err) {
      setError(asApiError(err));
    }
  }

  /** Swaps positions with the neighbour: two small changes instead of renumbering everything. */
  function move<T extends { id: string; position: number }>(
    list: T[],
    index: number,
    delta: -1 | 1,
    update: (id: string, position: number) => Promise<unknown>,
    name: string,
  ) {
    const other = list[index + delta];
    const item = list[index];
    return act(async () => {
      await update(item.id, other.position);
      await update(other.id, item.position);
    }, `${name} is verplaatst.`);
  }

  async function remove(kind: 'theme' | 'focus', item: Theme | FocusArea) {
    if (!(await confirm({ title: `“${item.title}” verwijderen?`, confirmLabel: 'Verwijderen', danger: true }))) return;
    await act(
      () => (kind === 'theme' ? strategyApi.deleteTheme(item.id) : strategyApi.deleteFocusArea(item.id)),
      `“${item.title}” is verwijderd, of gearchiveerd als er nog acties, rapportages of indicatoren naar verwijzen.`,
    );
  }

  return (
    <section className="section" aria-labelledby="themas-bewerken">
      <h2 id="themas-bewerken">{words.Themes} bewerken</h2>
      <SuccessMessage message={message} />
      <ErrorMessage error={error} />
      <ol className="priorities">
        {themes.map((theme, index) => {
          const focusAreas = byPosition(theme.focusAreas.filter((f) => !f.archivedAt));
          return (
            <li key={theme.id} className="card priority">
              <ItemForm
                label={`${words.themeNumbered(index + 1)}: titel`}
                name={`theme-${theme.id}`}
                item={theme}
                descriptionOpen
                save={(changes, version) => strategyApi.updateTheme(theme.id, changes, version)}
                reload={async () => (await api.strategy(strategy.id)).themes.find((t) => t.id === theme.id)!}
                onSaved={(title) => act(async () => undefined, `“${title}” is opgeslagen.`)}
              />
              <ItemButtons
                title={theme.title}
                isFirst={index === 0}
                isLast={index === themes.length - 1}
                onMove={(delta) =>
                  move(themes, index, delta, (id, position) => strategyApi.updateTheme(id, { position }), theme.title)
                }
                onRemove={() => remove('theme', theme)}
              />
              <h3>Onderdelen</h3>
              <ol className="focus-areas">
                {focusAreas.map((area, i) => (
                  <li key={area.id}>
                    <ItemForm
                      label={`Onderdeel ${i + 1}`}
                      name={`focus-${area.id}`}
                      item={area}
                      save={(changes, version) => strategyApi.updateFocusArea(area.id, changes, version)}
                      reload={async () =>
                        (await api.strategy(strategy.id)).themes
                          .flatMap((t) => t.focusAreas)
                          .find((f) => f.id === area.id)!
                      }
                      onSaved={(title) => act(async () => undefined, `“${title}” is opgeslagen.`)}
                    />
                    <ItemButtons
                      title={area.title}
                      isFirst={i === 0}
                      isLast={i === focusAreas.length - 1}
                      onMove={(delta) =>
                        move(
                          focusAreas,
                          i,
                          delta,
                          (id, position) => strategyApi.updateFocusArea(id, { position }),
                          area.title,
                        )
                      }
                      onRemove={() => remove('focus', area)}
                    />
                  </li>
                ))}
              </ol>
              <AddForm
                label={`Nieuw onderdeel bij ${theme.title}`}
                name={`new-focus-${theme.id}`}
                submit="Onderdeel toevoegen"
                onAdd={(title) =>
                  act(() => strategyApi.createFocusArea(theme.id, title), `Onderdeel “${title}” is toegevoegd.`)
                }
              />
            </li>
          );
        })}
      </ol>
      <AddForm
        label={`Titel van de toe te voegen ${words.themeSingular}`}
        name="new-theme"
        submit={`${words.Theme} toevoegen`}
        onAdd={(title) => act(() => strategyApi.createTheme(strategy.id, { title }), `“${title}” is toegevoegd.`)}
      />
    </section>
  );
}

type Editable = { id: string; title: string; description: string | null; version: number };
type EditableFields = { title: string; description: string };

const editableFields = (item: Editable): EditableFields => ({
  title: item.title,
  description: item.description ?? '',
});

/**
 * The title and (rich-text) description of a theme or focus area, edited in place. A save sends only what
 * changed with the version the form started from: a change someone else saved meanwhile is combined, or shown
 * beside this one in the conflict dialog (useVersionedSave), never overwritten unseen.
 */
function ItemForm({
  label,
  name,
  item,
  descriptionOpen = false,
  save,
  reload,
  onSaved,
}: {
  label: string;
  name: string;
  item: Editable;
  /** The description editor shows at once (themes), or behind a button (focus areas). */
  descriptionOpen?: boolean;
  save: (changes: Partial<EditableFields>, version: number) => Promise<Editable>;
  reload: () => Promise<Editable>;
  onSaved: (title: string) => Promise<void>;
}) {
  // The version and texts this form is based on: the item as loaded, then as saved.
  const [base, setBase] = useState<Editable>(item);
  const [title, setTitle] = useState(item.title);
  const [text, setText] = useState(item.description ?? '');
  const [showDescription, setShowDescription] = useState(descriptionOpen || Boolean(item.description));
  const { error, busy, submit } = useSubmit();
  const dirty = title.trim() !== base.title || text !== (base.description ?? '');
  // A newer version from elsewhere (a reload after another change) is taken while nothing is being edited.
  useEffect(() => {
    if (item.version !== base.version && !dirty) {
      setBase(item);
      setTitle(item.title);
      setText(item.description ?? '');
    }
  }, [item]); // eslint-disable-line react-hooks/exhaustive-deps
  const versioned = useVersionedSave<Editable, EditableFields>({
    fieldsOf: editableFields,
    labels: (key) => (key === 'title' ? label : `Toelichting bij ${base.title}`),
    format: (key, value) => (key === 'description' ? richTextPlain(String(value ?? '')) : String(value ?? '')),
    save,
    reload,
    onSaved: (saved) => {
      setBase(saved);
      setTitle(saved.title);
      setText(saved.description ?? '');
      void onSaved(saved.title);
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [[name, title.trim().length >= 3, 'Gebruik minstens 3 tekens.']], async () => {
      await versioned.submit(base, { title: title.trim(), description: text });
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form form-inline" aria-label={label}>
      <ErrorMessage error={error} />
      <Field label={label} name={name} error={error} required>
        {(props) => <input {...props} value={title} onChange={(event) => setTitle(event.target.value)} />}
      </Field>
      {showDescription ? (
        <RichTextField
          label={`Toelichting bij ${base.title}`}
          name="description"
          value={text}
          onChange={setText}
          error={error}
        />
      ) : (
        <button type="button" className="button button-small button-secondary" onClick={() => setShowDescription(true)}>
          Toelichting toevoegen<span className="visually-hidden"> bij {base.title}</span>
        </button>
      )}
      {dirty && <FormActions submit="Opslaan" busy={busy} small />}
      {versioned.dialog}
    </form>
  );
}

function AddForm({
  label,
  name,
  submit: submitLabel,
  onAdd,
}: {
  label: string;
  name: string;
  submit: string;
  onAdd: (title: string) => Promise<void>;
}) {
  const [title, setTitle] = useState('');
  const { error, busy, submit } = useSubmit();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [[name, title.trim().length >= 3, 'Gebruik minstens 3 tekens.']], async () => {
      await onAdd(title.trim());
      setTitle('');
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form form-inline" aria-label={label}>
      <ErrorMessage error={error} />
      <Field label={label} name={name} error={error}>
        {(props) => <input {...props} value={title} onChange={(event) => setTitle(event.target.value)} />}
      </Field>
      <FormActions submit={submitLabel} busy={busy} small />
    </form>
  );
}

interface ItemButtonsProps {
  title: string;
  isFirst: boolean;
  isLast: boolean;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** Omhoog, Omlaag and Verwijderen for one theme or focus area, each named for screen readers. */
function ItemButtons({ title, isFirst, isLast, onMove, onRemove }: ItemButtonsProps) {
  const name = <span className="visually-hidden"> {title}</span>;
  return (
    <div className="form-actions">
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={isFirst}
        onClick={() => onMove(-1)}
      >
        Omhoog{name}
      </button>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={isLast}
        onClick={() => onMove(1)}
      >
        Omlaag{name}
      </button>
      <button type="button" className="button button-small button-danger" onClick={onRemove}>
        Verwijderen{name}
      </button>
    </div>
  );
}
