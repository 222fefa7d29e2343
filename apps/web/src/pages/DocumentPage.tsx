import { FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DOCUMENT_KIND_LABELS, DocumentMeta } from '@koers/contracts';
import { api, ApiError } from '../api';
import { isSecretariat, useMe } from '../auth';
import type { CollabSnapshot } from '../collab/provider';
import { Participant, useCollabDocument, usePresence, useWarnBeforeUnload } from '../collab/useCollab';
import { asApiError, ErrorMessage, Field, Loading, PageHeading, SuccessMessage, useApi } from '../components/common';
import { FormActions } from '../components/forms';
import { formatDateTime } from '../labels';
import './document/document-panels.css';
import { NotFoundPage } from './NotFoundPage';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { FollowButton } from '../features/follow';
import { useConfirm } from '../components/dialog';
import { useGuardedForm, useVersionedSave } from '../features/forms';

/**
 * The editor and its panels (Tiptap, ProseMirror) are a chunk of their own: this page draws its heading,
 * facts and exports first, with a placeholder of the editor's height where the editor will be, so the
 * largest paint does not wait for the editor and nothing moves when it arrives. The chunk is loaded by an
 * effect rather than React.lazy: a Suspense boundary that suspends again would hide the editor and take
 * its view away while the panels still use it.
 */
const loadWorkspace = () => import('./document/DocumentWorkspace');
type Workspace = Awaited<ReturnType<typeof loadWorkspace>>['DocumentWorkspace'];

function useWorkspace(): { Workspace: Workspace | null; failed: boolean } {
  const [state, setState] = useState<{ Workspace: Workspace | null; failed: boolean }>({
    Workspace: null,
    failed: false,
  });
  useEffect(() => {
    let active = true;
    loadWorkspace().then(
      (module) => active && setState({ Workspace: module.DocumentWorkspace, failed: false }),
      () => active && setState({ Workspace: null, failed: true }),
    );
    return () => {
      active = false;
    };
  }, []);
  return state;
}

const NO_ACCESS_TITLE = 'Document niet gevonden of geen toegang';
const NO_ACCESS_MESSAGE =
  'Dit document is niet gevonden of u heeft er geen toegang toe. Alleen leden van de werkgroep en het secretariaat kunnen de documenten van een werkgroep openen.';

export function DocumentPage() {
  const { id = '' } = useParams();
  const meta = useApi(() => api.document(id), [id]);

  if (meta.error) {
    if ([400, 403, 404].includes(meta.error.status))
      return <NotFoundPage title={NO_ACCESS_TITLE} message={NO_ACCESS_MESSAGE} />;
    return <ErrorMessage error={meta.error} />;
  }
  if (!meta.data) return <Loading what="Het document" />;
  return <DocumentView meta={meta.data} onMeta={(next) => meta.setData(next)} />;
}

function DocumentView({ meta, onMeta }: { meta: DocumentMeta; onMeta: (meta: DocumentMeta) => void }) {
  const me = useMe();
  const { document, snapshot } = useCollabDocument(meta.id);
  const presence = usePresence(document, me.user.displayName);
  useWarnBeforeUnload(snapshot.unacknowledged);
  // The editor's chunk loads while the provider loads and syncs (after the heading is drawn).
  const { Workspace, failed: workspaceFailed } = useWorkspace();

  const archived = meta.archivedAt !== null;
  const role = me.memberships.find((m) => m.workgroupId === meta.workgroupId)?.role ?? null;
  // Metadata changes (rename, archive) follow the REST permission: writers and the secretariat.
  const mayManage = isSecretariat(me) || (role !== null && role !== 'waarnemer');
  const closed = ['revoked', 'not_found', 'forbidden', 'unauthenticated'].includes(snapshot.status);
  const editable = snapshot.loaded && !snapshot.readOnly && !archived && !closed;

  const workgroup = useApi(() => api.workgroup(meta.workgroupId), [meta.workgroupId]);
  const members = useMemo(
    () => (workgroup.data?.members ?? []).map((m) => ({ userId: m.userId, displayName: m.displayName })),
    [workgroup.data],
  );

  if (snapshot.status === 'not_found' || snapshot.status === 'forbidden')
    return <NotFoundPage title={NO_ACCESS_TITLE} message={NO_ACCESS_MESSAGE} />;

  return (
    <>
      <Breadcrumbs
        trail={[
          { label: workgroup.data?.name ?? 'Werkgroep', to: `/werkgroepen/${meta.workgroupId}` },
          { label: 'Documenten', to: `/werkgroepen/${meta.workgroupId}/documenten` },
          { label: meta.title },
        ]}
      />
      <PageHeading title={meta.title}>{meta.title}</PageHeading>
      <div className="page-tools">
        <FollowButton type="documents" id={meta.id} name={meta.title} />
      </div>
      <dl className="facts">
        <div>
          <dt>Soort</dt>
          <dd>{DOCUMENT_KIND_LABELS[meta.kind] ?? meta.kind}</dd>
        </div>
        <div>
          <dt>Laatst gewijzigd</dt>
          <dd>{formatDateTime(meta.updatedAt)}</dd>
        </div>
        {archived && (
          <div>
            <dt>Gearchiveerd</dt>
            <dd>{formatDateTime(meta.archivedAt)}</dd>
          </div>
        )}
      </dl>

      {snapshot.status === 'revoked' && (
        <div className="alert alert-error" role="alert">
          <strong>Geen toegang meer.</strong> {snapshot.message} Bewerken is niet meer mogelijk.
        </div>
      )}
      {snapshot.status === 'unauthenticated' && (
        <div className="alert alert-error" role="alert">
          {snapshot.message} <Link to="/inloggen">Opnieuw inloggen</Link>
        </div>
      )}
      {snapshot.status !== 'revoked' && snapshot.message && snapshot.status !== 'unauthenticated' && (
        <div className="alert alert-info" role="status">
          {snapshot.message}
        </div>
      )}

      <div className="editor-bar">
        <SaveIndicator snapshot={snapshot} />
        {(snapshot.readOnly || archived) && snapshot.status !== 'revoked' && (
          <p className="read-only-notice">
            <strong>Alleen lezen</strong>
            {archived ? ': dit document is gearchiveerd.' : ': u kunt dit document volgen maar niet bewerken.'}
          </p>
        )}
        <Presence
          participants={snapshot.status === 'online' ? presence : presence.filter((p) => p.self)}
          selfName={me.user.displayName}
        />
      </div>

      {document && snapshot.loaded && snapshot.status !== 'revoked' ? (
        Workspace ? (
          <Workspace
            documentId={meta.id}
            title={meta.title}
            document={document}
            editable={editable}
            me={{ id: me.user.id, displayName: me.user.displayName }}
            mayDeleteAnyComment={isSecretariat(me)}
            members={members}
          />
        ) : workspaceFailed ? (
          <p className="alert alert-error" role="alert">
            De editor kon niet worden geladen. Controleer uw verbinding en laad de pagina opnieuw.
          </p>
        ) : (
          <EditorPlaceholder />
        )
      ) : snapshot.status === 'offline' ? (
        <p className="alert alert-info">
          Het document kan niet worden geladen: er is geen verbinding en deze browser heeft nog geen kopie. Koers
          probeert opnieuw te verbinden…
        </p>
      ) : snapshot.status !== 'revoked' ? (
        <EditorPlaceholder />
      ) : null}

      <section aria-labelledby="exporteren" className="section">
        <h2 id="exporteren">Exporteren</h2>
        <ul className="export-links">
          <li>
            <a href={api.exportUrl(meta.id, 'docx')} download>
              Download als Word (DOCX)
            </a>
          </li>
          <li>
            <a href={api.exportUrl(meta.id, 'odt')} download>
              Download als OpenDocument (ODT)
            </a>
          </li>
          <li>
            <a href={api.exportUrl(meta.id, 'html')} download>
              Download als HTML
            </a>
          </li>
          <li>
            <a href={api.exportUrl(meta.id, 'md')} download>
              Download als Markdown
            </a>
          </li>
          <li>
            <a href={api.exportUrl(meta.id, 'text')} download>
              Download als tekst
            </a>
          </li>
        </ul>
        <p className="hint">De export bevat alle opgeslagen wijzigingen, zonder opmerkingen.</p>
      </section>

      {mayManage && !closed && (
        <DocumentSettings meta={meta} onMeta={onMeta} onArchivedChanged={() => document?.rejoin()} />
      )}
    </>
  );
}

/** As tall as the editor that replaces it, so the page does not jump when the text arrives. */
function EditorPlaceholder() {
  return (
    <div className="editor editor-placeholder">
      <Loading what="De inhoud" />
    </div>
  );
}

/** Tells the truth: "Opgeslagen" only when every local change is acknowledged by the server. */
function SaveIndicator({ snapshot }: { snapshot: CollabSnapshot }) {
  let text: string;
  let tone: string;
  if (snapshot.status === 'revoked') {
    text = 'Geen toegang meer';
    tone = 'error';
  } else if (snapshot.status === 'offline' || snapshot.status === 'unauthenticated') {
    text = 'Offline: wijzigingen worden bewaard';
    tone = 'offline';
  } else if (snapshot.unacknowledged) {
    text = 'Opslaan…';
    tone = 'saving';
  } else if (snapshot.status === 'online') {
    text = 'Opgeslagen';
    tone = 'saved';
  } else {
    text = 'Verbinden…';
    tone = 'saving';
  }
  return (
    <p className={`save-indicator save-${tone}`} role="status" aria-live="polite" data-testid="save-indicator">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

/** The people in the document; oneself from the start, so the list does not grow when the text opens. */
function Presence({ participants, selfName }: { participants: Participant[]; selfName: string }) {
  const shown = participants.length > 0 ? participants : [{ clientId: -1, name: selfName, color: null, self: true }];
  return (
    <section className="presence" aria-labelledby="wie-is-er-nu">
      <h2 id="wie-is-er-nu">Wie is er nu</h2>
      <ul>
        {shown.map((p) => (
          <li key={p.clientId}>
            <span
              className="presence-dot"
              aria-hidden="true"
              style={p.color ? { backgroundColor: p.color } : undefined}
            />
            {p.name}
            {p.self && <span className="muted"> (u)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DocumentSettings({
  meta,
  onMeta,
  onArchivedChanged,
}: {
  meta: DocumentMeta;
  onMeta: (meta: DocumentMeta) => void;
  onArchivedChanged: () => void;
}) {
  const [title, setTitle] = useState(meta.title);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useConfirm();
  const guard = useGuardedForm({ values: { title } });
  // The title someone else gave (archive, restore, a rename elsewhere) shows unless this person is typing one.
  useEffect(() => {
    if (guard.dirty) return;
    setTitle(meta.title);
    guard.saved({ title: meta.title });
  }, [meta.title]); // eslint-disable-line react-hooks/exhaustive-deps
  // A rename is based on the version this page shows: a rename made meanwhile is shown beside this one.
  const versioned = useVersionedSave<DocumentMeta, { title: string }>({
    fieldsOf: (d) => ({ title: d.title }),
    labels: () => 'Titel',
    save: (changes, version) => api.updateDocument(meta.id, changes, version),
    reload: () => api.document(meta.id),
    onSaved: (saved) => {
      setTitle(saved.title);
      guard.saved({ title: saved.title });
      onMeta(saved);
      setMessage('De titel is gewijzigd.');
    },
  });
  const archived = meta.archivedAt !== null;

  async function rename(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    if (!title.trim()) {
      setError(
        new ApiError(400, 'VALIDATION_FAILED', 'Controleer de gemarkeerde velden.', [
          { field: 'title', messages: ['Geef het document een titel.'] },
        ]),
      );
      return;
    }
    setBusy(true);
    try {
      await versioned.submit(meta, { title: title.trim() });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchive() {
    setError(null);
    setMessage(null);
    if (
      !archived &&
      !(await confirm({
        title: `“${meta.title}” archiveren?`,
        message: 'Het document wordt dan alleen-lezen voor iedereen.',
        confirmLabel: 'Archiveren',
      }))
    )
      return;
    setBusy(true);
    try {
      const next = await api.updateDocument(meta.id, { archived: !archived });
      onMeta(next);
      onArchivedChanged();
      setMessage(archived ? 'Het document is teruggezet uit het archief.' : 'Het document is gearchiveerd.');
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="documentbeheer" className="section">
      <h2 id="documentbeheer">Titel en archief</h2>
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />
      <form onSubmit={rename} noValidate className="card form form-row">
        <Field label="Titel" name="title" error={error} required>
          {(props) => (
            <input
              {...props}
              type="text"
              maxLength={200}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
          )}
        </Field>
        <FormActions submit="Titel wijzigen" busy={busy || title.trim() === meta.title} />
        {versioned.dialog}
      </form>
      <p>
        <button type="button" className="button button-secondary" disabled={busy} onClick={toggleArchive}>
          {archived ? 'Terugzetten uit archief' : 'Archiveren'}
        </button>
      </p>
    </section>
  );
}
