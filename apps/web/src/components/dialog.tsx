import { FormEvent, ReactNode, SyntheticEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api';
import { ErrorMessage, Field, validate } from './common';

/**
 * Props for a native <dialog> shown as a modal while it is mounted (the browser keeps the focus inside);
 * Esc calls `onCancel` instead of closing it behind React's back.
 */
export function useModalDialog(onCancel: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);
  return {
    ref,
    onCancel: (event: SyntheticEvent<HTMLDialogElement>) => {
      event.preventDefault();
      onCancel();
    },
  };
}

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /**
   * Ask for a required comment (e.g. why a report goes back), at least `minLength` characters (3 unless
   * given); it is passed to onConfirm.
   */
  comment?: { label: string; hint: string; message: string; minLength?: number };
  busy?: boolean;
  error?: ApiError | null;
  onCancel: () => void;
  onConfirm: (comment: string) => void;
}

/** A modal confirmation (Esc cancels), optionally with a required comment. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  comment,
  busy,
  error,
  onCancel,
  onConfirm,
}: ConfirmDialogProps) {
  const modal = useModalDialog(onCancel);
  const headingId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (comment) {
      const invalid = validate([['comment', text.trim().length >= (comment.minLength ?? 3), comment.message]]);
      setProblem(invalid);
      if (invalid) return;
    }
    onConfirm(text.trim());
  }

  const shown = problem ?? error ?? null;
  return (
    <dialog {...modal} className="dialog" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate className="form">
        <h2 id={headingId}>{title}</h2>
        {children}
        <ErrorMessage error={shown} />
        {comment && (
          <Field label={comment.label} name="comment" error={shown} required hint={comment.hint}>
            {(props) => (
              <textarea {...props} rows={4} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
            )}
          </Field>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy} autoFocus={!comment}>
            {confirmLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Annuleren
          </button>
        </div>
      </form>
    </dialog>
  );
}
