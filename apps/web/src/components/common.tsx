import { DependencyList, ReactNode, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../api';

/** Loads data for a page; `reload` fetches again after a change. */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const result = await run();
      if (mine === generation.current) {
        setData(result);
        setError(null);
      }
    } catch (err) {
      if (mine === generation.current) setError(asApiError(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, setData };
}

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'UNKNOWN', 'Er ging iets mis. Probeer het opnieuw.');
}

/** Sets the document title, and moves focus to the page heading after client-side navigation. */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    if (text) document.title = `${text} – Koers`;
  }, [text]);
  useEffect(() => {
    // Only after an in-app navigation (not on the first page load) so screen readers hear the new page.
    if (document.body.dataset.navigated === 'true') ref.current?.focus();
    document.body.dataset.navigated = 'true';
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function ErrorMessage({ error, title }: { error: ApiError | string | null | undefined; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="alert alert-error" role="alert" ref={ref}>
      {title && <strong>{title} </strong>}
      {message}
    </div>
  );
}

export function SuccessMessage({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" className={message ? 'alert alert-success' : 'visually-hidden'}>
      {message}
    </div>
  );
}

/** "De actie wordt geladen…", "Acties worden geladen…": `plural` when `what` is a plural subject. */
export function Loading({ what, plural }: { what?: string; plural?: boolean }) {
  return (
    <p role="status" className="loading">
      {what ?? 'Gegevens'} {plural || !what ? 'worden' : 'wordt'} geladen…
    </p>
  );
}

interface FieldProps {
  label: string;
  error?: ApiError | null;
  /** API field name for the validation messages. */
  name: string;
  hint?: string;
  required?: boolean;
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
    required?: boolean;
    name: string;
  }) => ReactNode;
}

/** A labelled form field with hint and the API's validation messages, wired with aria attributes. */
export function Field({ label, error, name, hint, required, children }: FieldProps) {
  const id = useId();
  const messages = error?.fieldMessages(name) ?? [];
  const describedBy =
    [hint ? id + '-hint' : '', messages.length ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={'field' + (messages.length ? ' field-invalid' : '')}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> (verplicht)</span>}
      </label>
      {hint && (
        <p id={id + '-hint'} className="hint">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p id={id + '-error'} className="field-error">
          {messages.join(' ')}
        </p>
      )}
      {children({
        id,
        'aria-describedby': describedBy,
        'aria-invalid': messages.length ? true : undefined,
        required,
        name,
      })}
    </div>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  name,
}: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  name: string;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A horizontally scrollable table wrapper that keyboard users can scroll too. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A check in the browser: [API field name, is it valid, message]. */
export type Check = [field: string, valid: boolean, message: string];

/** The header of a column of row buttons (Bewerken, Verwijderen): named for screen readers only. */
export const ROW_ACTIONS = <span className="visually-hidden">Acties</span>;

/**
 * A data table in a TableScroll: a caption for screen readers and a row of column headers (a `false`
 * column is left out); the rows (`<tr>`) go in as children. With `cards`, on a phone (below 48rem) each row
 * becomes a card and each cell shows its column's name before it (styles.css, `.table-cards`), so nothing
 * needs sideways scrolling; the names are copied from the header onto the cells as `data-label`.
 */
export function Table({
  label,
  caption,
  columns,
  className,
  cards,
  children,
}: {
  label: string;
  caption: ReactNode;
  columns: Array<ReactNode | false>;
  className?: string;
  cards?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLTableElement>(null);
  // After every render: rows come and go (paging, live updates). Cheap: a few hundred cells at most.
  useLayoutEffect(() => {
    const table = ref.current;
    if (!cards || !table) return;
    const names = [...table.tHead!.rows[0].cells].map((cell) => cell.textContent?.trim() ?? '');
    for (const row of table.tBodies[0].rows)
      [...row.cells].forEach((cell, index) => {
        if (names[index] && cell.dataset.label !== names[index]) cell.dataset.label = names[index];
      });
  });
  const classes = [className, cards && 'table-cards'].filter(Boolean).join(' ') || undefined;
  return (
    <TableScroll label={label}>
      <table className={classes} ref={ref}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map(
              (column, index) =>
                column !== false && (
                  <th key={index} scope="col">
                    {column}
                  </th>
                ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/**
 * Checks in the browser before sending, so the user gets Dutch messages at once.
 * Returns null when all pass.
 */
export function validate(checks: Check[]): ApiError | null {
  const fields = checks.filter(([, valid]) => !valid).map(([field, , message]) => ({ field, messages: [message] }));
  return fields.length ? new ApiError(400, 'VALIDATION_FAILED', 'Controleer de gemarkeerde velden.', fields) : null;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** After a failed submit: put the keyboard focus on the first field marked invalid. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  window.setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}

/** Focuses (and scrolls to) the element once it appears, e.g. a form opened by a button further down. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'center' });
    ref.current?.focus();
  }, []);
  return ref;
}

/** The phone layout's breakpoint (styles.css uses the same 48rem). */
export const NARROW = '(max-width: 48rem)';

/** Whether a CSS media query matches, following changes (rotating a phone). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
