import { DragEvent, useId, useRef, useState } from 'react';
import { FILE_KINDS, FileDetail, FileMeta } from '@koers/contracts';
import { ApiError } from '../../api';
import { asApiError, ErrorMessage, Loading, ROW_ACTIONS, Table, useApi } from '../../components/common';
import { ConfirmDialog } from '../../components/dialog';
import { formatDateTime } from '../../labels';
import { useLive } from '../../live';
import { FileParent, filesApi, formatSize } from './files-api';
import './files.css';

interface FileListProps {
  parent: FileParent;
  /** May add files, new versions and archive (the server checks again). */
  mayUpload: boolean;
  title?: string;
  /** Folded away behind a "Bijlagen" disclosure, loaded when opened (an agenda item among many). */
  collapsed?: boolean;
}

/**
 * The attachments of one parent (docs/files.md): a table with download links, a preview of PDF and images,
 * each file's versions with who and when, archiving behind the confirm dialog, and an upload area taking
 * several files at once by drag and drop or the file picker, with progress per file.
 */
export function FileList(props: FileListProps) {
  const [open, setOpen] = useState(false);
  if (!props.collapsed) return <FilePanel {...props} />;
  return (
    <details className="file-details" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{props.title ?? 'Bijlagen'}</summary>
      {open && <FilePanel {...props} />}
    </details>
  );
}

interface Upload {
  key: number;
  name: string;
  fraction: number;
  state: 'bezig' | 'klaar' | 'fout';
  message?: string;
}

let uploadKey = 0;

function FilePanel({ parent, mayUpload, title = 'Bijlagen', collapsed }: FileListProps) {
  const headingId = useId();
  const inputId = useId();
  const files = useApi(() => filesApi.list(parent), [parent.type, parent.id]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<FileMeta | null>(null);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const [archiving, setArchiving] = useState<FileMeta | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const versionInput = useRef<HTMLInputElement>(null);
  const versionTarget = useRef<FileMeta | null>(null);
  // Others' uploads, new versions and archiving show up without a reload (the server sends them only to
  // whoever may read this parent).
  const ours = (event: { parentType: string; parentId: string }) =>
    event.parentType === parent.type && event.parentId === parent.id;
  useLive(
    {
      'file.stored': (file) => ours(file) && void files.reload(),
      'file.archived': (event) => ours(event) && void files.reload(),
    },
    undefined,
    { parentType: parent.type, parentId: parent.id },
  );

  // Who may not read this parent's working material sees nothing of this section.
  if (files.error && files.error.status === 403) return null;

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  async function uploadAll(list: FileList | File[], target?: FileMeta) {
    const chosen = Array.from(list);
    if (chosen.length === 0) return;
    setError(null);
    let maxBytes = Infinity;
    try {
      maxBytes = (await filesApi.limits()).maxBytes;
    } catch {
      // The server checks the size anyway.
    }
    await Promise.all(
      chosen.map(async (file) => {
        const key = ++uploadKey;
        setUploads((current) => [...current, { key, name: file.name, fraction: 0, state: 'bezig' }]);
        if (file.size > maxBytes) {
          const message = `Te groot: ${formatSize(file.size)}, de grens is ${formatSize(maxBytes)}.`;
          update(key, { state: 'fout', message });
          setAnnouncement(`${file.name} is niet geüpload. ${message}`);
          return;
        }
        try {
          const onProgress = (fraction: number) => update(key, { fraction });
          if (target) await filesApi.uploadVersion(target.id, file, onProgress);
          else await filesApi.upload(parent, file, onProgress);
          update(key, { state: 'klaar', fraction: 1 });
          setAnnouncement(target ? `Nieuwe versie van ${target.name} is opgeslagen.` : `${file.name} is geüpload.`);
          await files.reload();
        } catch (err) {
          const message = asApiError(err).message;
          update(key, { state: 'fout', message });
          setAnnouncement(`${file.name} is niet geüpload. ${message}`);
        }
      }),
    );
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void uploadAll(event.dataTransfer.files);
  }

  async function archive(file: FileMeta) {
    try {
      await filesApi.archive(file.id);
      setArchiving(null);
      if (preview?.id === file.id) setPreview(null);
      setAnnouncement(`${file.name} is gearchiveerd.`);
      await files.reload();
    } catch (err) {
      setError(asApiError(err));
      setArchiving(null);
    }
  }

  const list = files.data ?? [];
  const Heading = collapsed ? 'h4' : 'h3';
  return (
    <section aria-labelledby={headingId} className="section file-list">
      <Heading id={headingId} className={collapsed ? 'visually-hidden' : undefined}>
        {title}
      </Heading>
      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      <ErrorMessage error={files.error ?? error} />
      {files.loading && !files.data ? (
        <Loading what="De bijlagen" />
      ) : list.length === 0 ? (
        <p className="muted">Nog geen bijlagen.</p>
      ) : (
        <Table label={title} caption={title} columns={['Naam', 'Soort', 'Grootte', 'Gewijzigd', ROW_ACTIONS]}>
          {list.map((file) => (
            <tr key={file.id}>
              <th scope="row">
                <a href={filesApi.contentUrl(file.id)} download={file.name}>
                  {file.name}
                </a>
                {file.versionCount > 1 && <span className="muted small"> (versie {file.versionCount})</span>}
              </th>
              <td>{FILE_KINDS[file.kind]}</td>
              <td className="nowrap">{formatSize(file.sizeBytes)}</td>
              <td className="nowrap">{formatDateTime(file.updatedAt)}</td>
              <td>
                <div className="button-group">
                  {file.previewable && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-expanded={preview?.id === file.id}
                      onClick={() => setPreview(preview?.id === file.id ? null : file)}
                    >
                      Bekijken<span className="visually-hidden">: {file.name}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-expanded={versionsOf === file.id}
                    onClick={() => setVersionsOf(versionsOf === file.id ? null : file.id)}
                  >
                    Versies<span className="visually-hidden">: {file.name}</span>
                  </button>
                  {mayUpload && (
                    <>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => {
                          versionTarget.current = file;
                          versionInput.current?.click();
                        }}
                      >
                        Nieuwe versie<span className="visually-hidden">: {file.name}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-danger button-small"
                        onClick={() => setArchiving(file)}
                      >
                        Archiveren<span className="visually-hidden">: {file.name}</span>
                      </button>
                    </>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {versionsOf && <Versions fileId={versionsOf} />}
      {preview && (
        <figure className="file-preview">
          {preview.kind === 'pdf' ? (
            <iframe src={filesApi.contentUrl(preview.id, { inline: true })} title={`Voorbeeld: ${preview.name}`} />
          ) : (
            <img src={filesApi.contentUrl(preview.id, { inline: true })} alt={`Voorbeeld van ${preview.name}`} />
          )}
          <figcaption className="small">{preview.name}</figcaption>
        </figure>
      )}
      {mayUpload && (
        <>
          <input
            ref={versionInput}
            type="file"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => {
              const target = versionTarget.current;
              if (target && event.target.files) void uploadAll(Array.from(event.target.files).slice(0, 1), target);
              event.target.value = '';
            }}
          />
          <div
            className={`file-drop${dragging ? ' is-dragging' : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <label htmlFor={inputId}>Bestanden toevoegen (sleep ze hierheen of kies ze)</label>
            <input
              id={inputId}
              type="file"
              multiple
              onChange={(event) => {
                if (event.target.files) void uploadAll(Array.from(event.target.files));
                event.target.value = '';
              }}
            />
            <p className="small muted">
              PDF, Word, Excel, PowerPoint, OpenDocument, afbeeldingen, CSV en tekst. Het soort bestand wordt aan de
              inhoud herkend.
            </p>
          </div>
        </>
      )}
      {uploads.length > 0 && (
        <ul className="file-uploads" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} className={u.state === 'fout' ? 'file-upload-error' : undefined}>
              <span>{u.name}: </span>
              {u.state === 'bezig' && (
                <>
                  <progress value={Math.round(u.fraction * 100)} max={100} aria-label={`Voortgang ${u.name}`} />{' '}
                  {Math.round(u.fraction * 100)}%
                </>
              )}
              {u.state === 'klaar' && <span>geüpload</span>}
              {u.state === 'fout' && <span>{u.message}</span>}
            </li>
          ))}
        </ul>
      )}
      {archiving && (
        <ConfirmDialog
          title="Bijlage archiveren?"
          confirmLabel="Archiveren"
          onCancel={() => setArchiving(null)}
          onConfirm={() => void archive(archiving)}
        >
          <p>
            “{archiving.name}” verdwijnt uit de lijst. De versies blijven bewaard en het archiveren wordt vastgelegd in
            het auditlog.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** A file's versions, newest first, with who and when. */
function Versions({ fileId }: { fileId: string }) {
  const detail = useApi<FileDetail>(() => filesApi.get(fileId), [fileId]);
  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <Loading what="De versies" />;
  return (
    <div className="card">
      <h4>Versies van {detail.data.name}</h4>
      <ol className="history" reversed>
        {detail.data.versions.map((v) => (
          <li key={v.number}>
            <a href={filesApi.contentUrl(fileId, { version: v.number })} download={v.name}>
              Versie {v.number}: {v.name}
            </a>{' '}
            <span className="small">
              ({formatSize(v.sizeBytes)}) – {formatDateTime(v.createdAt)} door {v.createdBy?.displayName ?? 'onbekend'}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
