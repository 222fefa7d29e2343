import { FormEvent, useState } from 'react';
import { FocusArea, StrategyDetail, Theme } from '@koers/contracts';
import { ApiError } from '../../api';
import { asApiError, ErrorMessage, Field, SuccessMessage } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useWords } from '../region';
import { strategyApi } from './strategy-api';
import { useConfirm } from '../../components/dialog';

const byPosition = <T extends { position: number }>(items: T[]) => [...items].sort((a, b) => a.position - b.position);

/**
 * The secretariat edits the strategy's themes and their focus areas: add, rename, move up or down, remove.
 * Removing something that actions, reports or indicators refer to archives it (the server decides).
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
              <TitleForm
                label={`${words.themeNumbered(index + 1)}: titel`}
                name={`theme-${theme.id}`}
                initial={theme.title}
                description={theme.description ?? ''}
                onSave={(title, description) =>
                  act(() => strategyApi.updateTheme(theme.id, { title, description }), `“${title}” is opgeslagen.`)
                }
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
                    <TitleForm
                      label={`Onderdeel ${i + 1}`}
                      name={`focus-${area.id}`}
                      initial={area.title}
                      onSave={(title) =>
                        act(() => strategyApi.updateFocusArea(area.id, { title }), `“${title}” is opgeslagen.`)
                      }
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

function TitleForm({
  label,
  name,
  initial,
  description,
  onSave,
}: {
  label: string;
  name: string;
  initial: string;
  description?: string;
  onSave: (title: string, description?: string) => Promise<void>;
}) {
  const [title, setTitle] = useState(initial);
  const [text, setText] = useState(description ?? '');
  const { error, busy, submit } = useSubmit();
  const changed = title.trim() !== initial || (description !== undefined && text.trim() !== description);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(event, [[name, title.trim().length >= 3, 'Gebruik minstens 3 tekens.']], () =>
      onSave(title.trim(), description === undefined ? undefined : text.trim()),
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form form-inline" aria-label={label}>
      <ErrorMessage error={error} />
      <Field label={label} name={name} error={error} required>
        {(props) => <input {...props} value={title} onChange={(event) => setTitle(event.target.value)} />}
      </Field>
      {description !== undefined && (
        <Field label="Toelichting" name={`${name}-description`} error={error}>
          {(props) => <textarea {...props} rows={2} value={text} onChange={(event) => setText(event.target.value)} />}
        </Field>
      )}
      {changed && <FormActions submit="Opslaan" busy={busy} small />}
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
