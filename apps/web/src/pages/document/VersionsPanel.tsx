import { EditorContent, useEditor } from '@tiptap/react';
import { FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { DocumentVersion, VersionKind } from '@koers/contracts';
import { api, ApiError } from '../../api';
import type { CollabDocument } from '../../collab/provider';
import { documentSchema } from '../../collab/schema';
import { asApiError, ErrorMessage, Field, SuccessMessage, validate } from '../../components/common';
import { formatDateTime } from '../../labels';
import { useModalDialog, useConfirm } from '../../components/dialog';
import { useFormGuard } from '../../features/forms';
import { Panel, useSignalledLoad } from './Panel';

const KIND_LABELS: Record<VersionKind, string> = {
  handmatig: 'Opgeslagen versie',
  automatisch: 'Automatische versie',
  herstel: 'Voor herstel',
};

/** How a version is called in the list and in messages. */
const versionLabel = (v: DocumentVersion) => v.name ?? KIND_LABELS[v.kind];

interface VersionsPanelProps {
  documentId: string;
  collab: CollabDocument;
  /** May save and restore versions (a writer, document not archived). */
  canWrite: boolean;
  open: boolean;
  onToggle: (open: boolean) => void;
}

/**
 * Version history: named versions, automatic ones (when everyone left after changes) and the "voor herstel"
 * copy a restore keeps, each with who changed what; view one read-only, restore one as a new change.
 * Live: reloads when the server signals `versions`.
 */
export function VersionsPanel({ documentId, collab, canWrite, open, onToggle }: VersionsPanelProps) {
  const [versions, setVersions] = useState<DocumentVersion[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [viewing, setViewing] = useState<DocumentVersion | null>(null);
  const [busy, setBusy] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const confirm = useConfirm();

  const load = useCallback(async () => {
    try {
      setVersions(await api.versions(documentId));
    } catch (err) {
      setError(asApiError(err));
    }
  }, [documentId]);
  useSignalledLoad(collab, 'versions', load);

  async function restore(version: DocumentVersion) {
    const label = versionLabel(version);
    if (
      !(await confirm({
        title: `Versie “${label}” van ${formatDateTime(version.createdAt)} herstellen?`,
        message: 'De huidige tekst wordt eerst als versie bewaard; iedereen ziet meteen de herstelde tekst.',
        confirmLabel: 'Herstellen',
      }))
    )
      return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setVersions(await api.restoreVersion(documentId, version.id));
      if (viewing) closeView();
      setMessage(`Versie "${label}" is hersteld. De tekst van daarvoor staat als "Voor herstel" in de lijst.`);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  function view(version: DocumentVersion, trigger: HTMLElement) {
    returnFocus.current = trigger;
    setViewing(version);
  }

  function closeView() {
    setViewing(null);
    requestAnimationFrame(() => returnFocus.current?.focus());
  }

  return (
    <Panel
      id="versies"
      title="Versiegeschiedenis"
      summary={versions ? `${versions.length}` : undefined}
      open={open}
      onToggle={onToggle}
    >
      {canWrite && (
        <SaveVersionForm
          documentId={documentId}
          onSaved={(v) => (
            setVersions((list) => [v, ...(list ?? []).filter((x) => x.id !== v.id)]),
            setMessage(`Versie "${versionLabel(v)}" is opgeslagen.`)
          )}
        />
      )}
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />
      {!versions && !error && <p className="muted">Versies laden…</p>}
      {versions && versions.length === 0 && (
        <p className="muted">
          Nog geen versies. Koers bewaart automatisch een versie als iedereen het document na wijzigingen heeft
          verlaten.
        </p>
      )}
      {versions && versions.length > 0 && (
        <ol className="versions">
          {versions.map((version) => (
            <li key={version.id} className="version">
              <h3 className="version-name">{versionLabel(version)}</h3>
              <p className="version-meta">
                {version.name && <span className="badge">{KIND_LABELS[version.kind]}</span>}{' '}
                {formatDateTime(version.createdAt)}
                {version.createdByName ? `, door ${version.createdByName}` : ''}
              </p>
              <p className="version-contributors">
                {version.contributors.length
                  ? // Who, not how many updates: an update is a few keystrokes, so counting them says nothing.
                    `Gewijzigd door: ${listInDutch(version.contributors.map((c) => c.displayName))}`
                  : 'Geen wijzigingen sinds de vorige versie.'}
              </p>
              <div className="version-actions">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={(event) => view(version, event.currentTarget)}
                >
                  Bekijken
                  <span className="visually-hidden">
                    : {versionLabel(version)}, {formatDateTime(version.createdAt)}
                  </span>
                </button>
                {canWrite && (
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    disabled={busy}
                    onClick={() => void restore(version)}
                  >
                    Herstellen
                    <span className="visually-hidden">
                      : {versionLabel(version)}, {formatDateTime(version.createdAt)}
                    </span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {viewing && (
        <VersionDialog
          documentId={documentId}
          version={viewing}
          canWrite={canWrite}
          busy={busy}
          onRestore={() => void restore(viewing)}
          onClose={closeView}
        />
      )}
    </Panel>
  );
}

function SaveVersionForm({ documentId, onSaved }: { documentId: string; onSaved: (version: DocumentVersion) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useFormGuard({ dirty: name.trim() !== '' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validate([['name', name.trim().length > 0, 'Geef de versie een naam.']]);
    if (problem) {
      setError(problem);
      (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.createVersion(documentId, name.trim()));
      setName('');
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="version-form" onSubmit={submit} noValidate>
      {error && !error.fieldMessages('name').length && <ErrorMessage error={error} />}
      <Field label="Naam van de versie" name="name" error={error} hint="Bijvoorbeeld: Concept voor de werksessie">
        {(props) => (
          <input
            {...props}
            type="text"
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button-small" disabled={busy}>
        Versie opslaan
      </button>
    </form>
  );
}

/** An old version, read-only, rendered with the editor's own schema, in a modal dialog. */
function VersionDialog({
  documentId,
  version,
  canWrite,
  busy,
  onRestore,
  onClose,
}: {
  documentId: string;
  version: DocumentVersion;
  canWrite: boolean;
  busy: boolean;
  onRestore: () => void;
  onClose: () => void;
}) {
  const modal = useModalDialog(onClose);
  const headingId = useId();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const editor = useEditor({
    editable: false,
    extensions: documentSchema(),
    content: '',
    editorProps: {
      attributes: {
        class: 'editor-content version-content',
        role: 'document',
        'aria-label': `Inhoud van de versie ${versionLabel(version)}`,
      },
    },
  });

  useEffect(() => modal.ref.current?.querySelector<HTMLElement>('h2')?.focus(), [modal.ref]);

  useEffect(() => {
    let current = true;
    api.versionHtml(documentId, version.id).then(
      (text) => current && setHtml(text),
      (err) => current && setError(asApiError(err)),
    );
    return () => {
      current = false;
    };
  }, [documentId, version.id]);

  useEffect(() => {
    if (html !== null && !editor.isDestroyed) editor.commands.setContent(html, { emitUpdate: false });
  }, [editor, html]);

  return (
    <dialog {...modal} className="dialog version-dialog" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {versionLabel(version)}
      </h2>
      <p className="muted">
        {formatDateTime(version.createdAt)}
        {version.createdByName ? `, door ${version.createdByName}` : ''}. Alleen lezen.
      </p>
      <ErrorMessage error={error} />
      {html === null && !error && <p className="muted">Versie laden…</p>}
      <div className="version-view" hidden={html === null}>
        <EditorContent editor={editor} />
      </div>
      <div className="form-actions">
        {canWrite && (
          <button type="button" className="button" disabled={busy || html === null} onClick={onRestore}>
            Deze versie herstellen
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onClose}>
          Sluiten
        </button>
      </div>
    </dialog>
  );
}

/** "A", "A en B", "A, B en C". */
function listInDutch(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}
