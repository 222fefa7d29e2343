import type { Editor } from '@tiptap/react';
import { FormEvent, Fragment, ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CommentInput, CommentThread, DocumentComment } from '@koers/contracts';
import { api, ApiError } from '../../api';
import { AnchorRange, resolveCommentAnchor, setCommentAnchors } from '../../collab/comment-anchors';
import type { CollabDocument } from '../../collab/provider';
import { asApiError, ErrorMessage, validate } from '../../components/common';
import { FormActions } from '../../components/forms';
import { useFormGuard } from '../../features/forms';
import { formatDateTime } from '../../labels';
import { EMPTY_DRAFT, Member, MentionDraft, MentionField, mentionIds } from './MentionField';
import { Panel, useSignalledLoad } from './Panel';
import { useConfirm } from '../../components/dialog';

/** A comment about to be written: on the selected text (anchor) or on the whole document. */
export interface CommentStart {
  anchor: { anchorStart: string; anchorEnd: string; quote: string } | null;
  /** Changes on every start, so the form resets and takes the focus again. */
  key: number;
}

interface CommentsPanelProps {
  documentId: string;
  collab: CollabDocument;
  editor: Editor | null;
  /** May add, reply, resolve (a writer of the werkgroep, document not archived). */
  canComment: boolean;
  meId: string;
  mayDeleteAny: boolean;
  members: Member[];
  start: CommentStart | null;
  onStartDone: () => void;
  onStartComment: () => void;
  activeId: string | null;
  onActivate: (threadId: string | null) => void;
  /** A thread (or reply) to open once the threads are loaded (?reactie= in the address). */
  openId: string | null;
  open: boolean;
  onToggle: (open: boolean) => void;
}

/**
 * Comment threads beside the editor: new comments on the selection, replies with @mentions, resolve and
 * reopen. Live: reloads when the server signals `comments`. The highlights in the text follow the threads.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { documentId, collab, editor, canComment, start, activeId, onActivate, openId } = props;
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [ranges, setRanges] = useState<Map<string, AnchorRange | null>>(new Map());
  const openedRef = useRef<string | null>(null);

  const load = useCallback(async () => {
    try {
      setThreads(await api.comments(documentId));
      setLoadError(null);
    } catch (err) {
      setLoadError(asApiError(err));
    }
  }, [documentId]);
  useSignalledLoad(collab, 'comments', load);

  // Highlights: open threads (and the active one) with an anchor.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !threads) return;
    const shown = threads.filter((t) => t.anchorStart && t.anchorEnd && (!t.resolvedAt || t.id === activeId));
    setCommentAnchors(
      editor,
      shown.map((t) => ({ id: t.id, anchorStart: t.anchorStart!, anchorEnd: t.anchorEnd! })),
      activeId,
    );
  }, [editor, threads, activeId]);

  // Where each thread's text is now (null: deleted), kept current while the text changes.
  useEffect(() => {
    if (!editor || !threads) return;
    let frame = 0;
    const compute = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      const next = new Map<string, AnchorRange | null>();
      for (const t of threads)
        if (t.anchorStart && t.anchorEnd)
          next.set(
            t.id,
            resolveCommentAnchor(editor, { id: t.id, anchorStart: t.anchorStart, anchorEnd: t.anchorEnd }),
          );
      setRanges((current) => (sameRanges(current, next) ? current : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(compute);
    };
    compute();
    editor.on('update', schedule);
    return () => {
      editor.off('update', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, threads]);

  // After a new comment is posted (or the form is left), the form goes away: the focus moves to the new
  // thread, or back to "Reageren", instead of falling to the page body.
  const focusAfter = useRef<string | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = focusAfter.current;
    if (!target || props.start) return;
    focusAfter.current = null;
    requestAnimationFrame(() =>
      (target === START ? startButton.current : document.getElementById(threadDomId(target)))?.focus(),
    );
  });

  // Open the thread named in the address once it is there.
  useEffect(() => {
    if (!openId || !threads || openedRef.current === openId) return;
    const thread = threads.find((t) => t.id === openId || t.replies.some((r) => r.id === openId));
    if (!thread) return;
    openedRef.current = openId;
    props.onToggle(true);
    onActivate(thread.id);
    requestAnimationFrame(() => document.getElementById(threadDomId(thread.id))?.focus());
  }, [openId, threads]); // eslint-disable-line react-hooks/exhaustive-deps

  // A highlight clicked in the text: show its thread.
  useEffect(() => {
    if (activeId) document.getElementById(threadDomId(activeId))?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const { open: openThreads, resolved } = useMemo(() => {
    const all = threads ?? [];
    const position = (t: CommentThread) => ranges.get(t.id)?.from ?? Number.MAX_SAFE_INTEGER;
    return {
      open: all.filter((t) => !t.resolvedAt).sort((a, b) => position(a) - position(b)),
      resolved: all.filter((t) => t.resolvedAt),
    };
  }, [threads, ranges]);

  function goToText(thread: CommentThread) {
    onActivate(thread.id);
    const range = ranges.get(thread.id);
    if (!editor || !range) return;
    editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  }

  const count = threads ? `${openThreads.length} open` : undefined;

  return (
    <Panel id="reacties" title="Reacties" summary={count} open={props.open} onToggle={props.onToggle}>
      {canComment ? (
        start ? (
          <NewCommentForm
            key={start.key}
            documentId={documentId}
            start={start}
            members={props.members}
            onDone={() => {
              focusAfter.current ??= START;
              props.onStartDone();
            }}
            onSaved={(next) => {
              const known = new Set((threads ?? []).map((t) => t.id));
              focusAfter.current = next.find((t) => !known.has(t.id))?.id ?? START;
              setThreads(next);
            }}
          />
        ) : (
          <p className="panel-intro">
            <button ref={startButton} type="button" className="button button-small" onClick={props.onStartComment}>
              Reageren
            </button>{' '}
            <span className="hint">Selecteer eerst tekst om daarop te reageren (of Ctrl+Alt+M in de tekst).</span>
          </p>
        )
      ) : (
        <p className="hint">U kunt de reacties lezen, maar niet reageren.</p>
      )}
      <ErrorMessage error={loadError} />
      {!threads && !loadError && <p className="muted">Reacties laden…</p>}
      {threads && (
        <>
          <h3 className="panel-subheading">Open ({openThreads.length})</h3>
          {openThreads.length === 0 ? (
            <p className="muted">Geen open reacties.</p>
          ) : (
            <ol className="threads">
              {openThreads.map((thread) => (
                <ThreadItem
                  key={thread.id}
                  thread={thread}
                  range={ranges.get(thread.id)}
                  {...props}
                  onGoToText={() => goToText(thread)}
                  onSaved={setThreads}
                />
              ))}
            </ol>
          )}
          <h3 className="panel-subheading">Afgehandeld ({resolved.length})</h3>
          {resolved.length === 0 ? (
            <p className="muted">Nog geen afgehandelde reacties.</p>
          ) : (
            <ol className="threads threads-resolved">
              {resolved.map((thread) => (
                <ThreadItem
                  key={thread.id}
                  thread={thread}
                  range={ranges.get(thread.id)}
                  {...props}
                  onGoToText={() => goToText(thread)}
                  onSaved={setThreads}
                />
              ))}
            </ol>
          )}
        </>
      )}
    </Panel>
  );
}

const threadDomId = (id: string) => `reactie-${id}`;
const START = 'start';

function sameRanges(a: Map<string, AnchorRange | null>, b: Map<string, AnchorRange | null>) {
  if (a.size !== b.size) return false;
  for (const [id, range] of b) {
    const other = a.get(id);
    if (
      other === undefined ||
      (other === null) !== (range === null) ||
      (other && range && (other.from !== range.from || other.to !== range.to))
    )
      return false;
  }
  return true;
}

function NewCommentForm({
  documentId,
  start,
  members,
  onDone,
  onSaved,
}: {
  documentId: string;
  start: CommentStart;
  members: Member[];
  onDone: () => void;
  onSaved: (threads: CommentThread[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<MentionDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Typed but not placed: leaving the page asks first (the layout's guard).
  const guard = useFormGuard({ dirty: draft.text.trim() !== '' });
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    input.current?.scrollIntoView?.({ block: 'nearest' });
    input.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validate([['body', draft.text.trim().length > 0, 'Schrijf eerst uw reactie.']]);
    if (problem) {
      setError(problem);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: CommentInput = { body: draft.text.trim(), mentions: mentionIds(draft) };
      if (start.anchor) Object.assign(body, start.anchor);
      onSaved(await api.createComment(documentId, body));
      guard.saved();
      onDone();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const messages = error?.fieldMessages('body') ?? [];
  const mentionMessages = error?.fieldMessages('mentions') ?? [];
  return (
    <form
      className="comment-form card"
      onSubmit={submit}
      noValidate
      aria-labelledby={id + '-title'}
      onKeyDown={(event) => event.key === 'Escape' && onDone()}
    >
      <h3 id={id + '-title'} className="panel-subheading">
        Nieuwe reactie
      </h3>
      {start.anchor ? (
        <p className="thread-quote-text">
          Op: <q>{start.anchor.quote}</q>
        </p>
      ) : (
        <p className="hint">Er is geen tekst geselecteerd: dit wordt een reactie op het hele document.</p>
      )}
      {error && !messages.length && !mentionMessages.length && <ErrorMessage error={error} />}
      <div className={'field' + (messages.length || mentionMessages.length ? ' field-invalid' : '')}>
        <label htmlFor={id}>Uw reactie</label>
        <p id={id + '-hint'} className="hint">
          Typ @ om een lid van de werkgroep te noemen; die krijgt een melding.
        </p>
        {(messages.length > 0 || mentionMessages.length > 0) && (
          <p id={id + '-error'} className="field-error">
            {[...messages, ...mentionMessages].join(' ')}
          </p>
        )}
        <MentionField
          id={id}
          inputRef={input}
          draft={draft}
          onChange={setDraft}
          members={members}
          describedBy={id + '-hint' + (messages.length || mentionMessages.length ? ` ${id}-error` : '')}
          invalid={messages.length > 0 || mentionMessages.length > 0}
        />
      </div>
      <FormActions submit="Reactie plaatsen" busy={busy} onCancel={onDone} small />
    </form>
  );
}

interface ThreadItemProps extends CommentsPanelProps {
  thread: CommentThread;
  range: AnchorRange | null | undefined;
  onGoToText: () => void;
  onSaved: (threads: CommentThread[]) => void;
}

function ThreadItem({
  thread,
  range,
  canComment,
  activeId,
  onActivate,
  onGoToText,
  onSaved,
  members,
  meId,
  mayDeleteAny,
}: ThreadItemProps) {
  const [replying, setReplying] = useState(false);
  const confirm = useConfirm();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const active = thread.id === activeId;
  const resolved = thread.resolvedAt !== null;
  const author = thread.authorName ?? 'Onbekend';

  async function run(action: () => Promise<CommentThread[]>) {
    setBusy(true);
    setError(null);
    try {
      onSaved(await action());
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (
      !(await confirm({
        title: 'Deze reactie verwijderen?',
        message: 'De antwoorden erop verdwijnen ook.',
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    void run(() => api.deleteComment(thread.id));
  }

  return (
    <li className={'thread' + (active ? ' thread-active' : '')} onClick={() => !active && onActivate(thread.id)}>
      <article
        id={threadDomId(thread.id)}
        tabIndex={-1}
        aria-label={`Reactie van ${author}`}
        aria-current={active ? 'true' : undefined}
      >
        {thread.anchorStart ? (
          range ? (
            <button
              type="button"
              className="thread-quote"
              onClick={(event) => {
                event.stopPropagation();
                onGoToText();
              }}
            >
              <span className="visually-hidden">Ga naar de tekst: </span>
              <q>{thread.quote}</q>
            </button>
          ) : (
            <p className="thread-quote thread-quote-deleted">
              <q>{thread.quote}</q> <em>(de tekst is verwijderd)</em>
            </p>
          )
        ) : (
          <p className="hint">Reactie op het hele document</p>
        )}
        <CommentBody comment={thread} members={members} />
        {thread.replies.length > 0 && (
          <ol className="replies" aria-label="Antwoorden">
            {thread.replies.map((reply) => (
              <li key={reply.id}>
                <CommentBody comment={reply} members={members} />
              </li>
            ))}
          </ol>
        )}
        {resolved && <p className="thread-resolved-note">Afgehandeld op {formatDateTime(thread.resolvedAt)}</p>}
        <ErrorMessage error={error} />
        {canComment && (
          <div className="thread-actions">
            {!resolved && !replying && (
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => (onActivate(thread.id), setReplying(true))}
              >
                Antwoorden<span className="visually-hidden"> op de reactie van {author}</span>
              </button>
            )}
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={busy}
              onClick={() => void run(() => api.setCommentResolved(thread.id, !resolved))}
            >
              {resolved ? 'Heropenen' : 'Afhandelen'}
              <span className="visually-hidden"> (reactie van {author})</span>
            </button>
            {(thread.authorId === meId || mayDeleteAny) && (
              <button type="button" className="button button-small button-secondary" disabled={busy} onClick={remove}>
                Verwijderen<span className="visually-hidden"> (reactie van {author})</span>
              </button>
            )}
          </div>
        )}
        {replying && !resolved && (
          <ReplyForm
            thread={thread}
            members={members}
            onDone={() => {
              setReplying(false);
              // The form goes away: keep the focus in this thread, not on the page body.
              requestAnimationFrame(() => document.getElementById(threadDomId(thread.id))?.focus());
            }}
            onSaved={onSaved}
          />
        )}
      </article>
    </li>
  );
}

function ReplyForm({
  thread,
  members,
  onDone,
  onSaved,
}: {
  thread: CommentThread;
  members: Member[];
  onDone: () => void;
  onSaved: (threads: CommentThread[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<MentionDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Typed but not placed: leaving the page asks first (the layout's guard).
  const guard = useFormGuard({ dirty: draft.text.trim() !== '' });
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.text.trim()) {
      setError(validate([['body', false, 'Schrijf eerst uw antwoord.']]));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.replyToComment(thread.id, { body: draft.text.trim(), mentions: mentionIds(draft) }));
      guard.saved();
      onDone();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const messages = [...(error?.fieldMessages('body') ?? []), ...(error?.fieldMessages('mentions') ?? [])];
  return (
    <form
      className="reply-form"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => event.key === 'Escape' && onDone()}
      onClick={(event) => event.stopPropagation()}
    >
      {error && !messages.length && <ErrorMessage error={error} />}
      <div className={'field' + (messages.length ? ' field-invalid' : '')}>
        <label htmlFor={id}>Uw antwoord</label>
        {messages.length > 0 && (
          <p id={id + '-error'} className="field-error">
            {messages.join(' ')}
          </p>
        )}
        <MentionField
          id={id}
          inputRef={input}
          draft={draft}
          onChange={setDraft}
          members={members}
          rows={2}
          describedBy={messages.length ? id + '-error' : undefined}
          invalid={messages.length > 0}
        />
      </div>
      <FormActions submit="Antwoord plaatsen" busy={busy} onCancel={onDone} small />
    </form>
  );
}

/** Author, time and text; "@Name" of a mentioned member is emphasised. */
function CommentBody({ comment, members }: { comment: DocumentComment; members: Member[] }) {
  const names = comment.mentions
    .map((id) => members.find((m) => m.userId === id)?.displayName)
    .filter((n): n is string => Boolean(n));
  return (
    <div className="comment">
      <p className="comment-meta">
        <strong>{comment.authorName ?? 'Onbekend'}</strong>{' '}
        <span className="muted">{formatDateTime(comment.createdAt)}</span>
        {comment.editedAt && <span className="muted"> (bewerkt)</span>}
      </p>
      <p className="comment-body">{withMentions(comment.body, names)}</p>
    </div>
  );
}

function withMentions(body: string, names: string[]): ReactNode {
  if (!names.length) return body;
  const escaped = names.sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = body.split(new RegExp(`(@(?:${escaped.join('|')}))`, 'g'));
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      <strong key={i} className="mention">
        {part}
      </strong>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}
