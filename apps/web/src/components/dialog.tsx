import {
  createContext,
  FormEvent,
  ReactNode,
  SyntheticEvent,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
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
  /** The confirm button in red (deleting). */
  danger?: boolean;
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
  danger,
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
          <button
            type="submit"
            className={danger ? 'button button-danger' : 'button'}
            disabled={busy}
            autoFocus={!comment && !danger}
          >
            {confirmLabel}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={onCancel}
            // What cannot be undone is not one Enter away.
            autoFocus={!comment && danger}
          >
            Annuleren
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** What the app's own confirmation asks (instead of the browser's `window.confirm`). */
export interface ConfirmRequest {
  title: string;
  /** The consequence, in a sentence or two. */
  message?: ReactNode;
  confirmLabel: string;
  /** A red confirm button for what cannot be undone (deleting). */
  danger?: boolean;
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

/**
 * Gives the pages below it `useConfirm()`: an accessible modal question (focus moves into it, Esc cancels,
 * focus returns to where it was) that resolves to true or false, so a deletion reads
 * `if (!(await confirm({ ... }))) return;` just like `window.confirm` did.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<(ConfirmRequest & { resolve: (ok: boolean) => void }) | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const confirm = useCallback<Confirm>(
    (request) =>
      new Promise<boolean>((resolve) => {
        returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setOpen({ ...request, resolve });
      }),
    [],
  );
  function finish(ok: boolean) {
    open?.resolve(ok);
    setOpen(null);
    const back = returnFocus.current;
    // After the dialog is gone; a control that disappeared meanwhile (a deleted row) cannot take it.
    window.setTimeout(() => {
      if (back?.isConnected) back.focus();
    });
  }
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {open && (
        <ConfirmDialog
          title={open.title}
          confirmLabel={open.confirmLabel}
          danger={open.danger}
          onCancel={() => finish(false)}
          onConfirm={() => finish(true)}
        >
          {open.message && <p>{open.message}</p>}
        </ConfirmDialog>
      )}
    </ConfirmContext.Provider>
  );
}

/** The app's confirmation (see ConfirmProvider, which the logged-in frame puts around every page). */
export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm() needs a <ConfirmProvider> above it');
  return confirm;
}
