import { KeyboardEvent, RefObject, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface Member {
  userId: string;
  displayName: string;
}

/** A comment being written: its text and the members picked from the @-list. */
export interface MentionDraft {
  text: string;
  picked: Member[];
}

export const EMPTY_DRAFT: MentionDraft = { text: '', picked: [] };

/** The mentioned members still named in the text (a name deleted from the text is no longer a mention). */
export function mentionIds(draft: MentionDraft): string[] {
  return [...new Set(draft.picked.filter((m) => draft.text.includes('@' + m.displayName)).map((m) => m.userId))];
}

/** The "@query" directly before the caret, if the caret is in one. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query)) return null;
  return { start: at, query };
}

interface MentionFieldProps {
  id: string;
  draft: MentionDraft;
  onChange: (draft: MentionDraft) => void;
  members: Member[];
  /** Ids of the field's hint and error texts. */
  describedBy?: string;
  invalid?: boolean;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  rows?: number;
}

/**
 * A comment text area that offers the werkgroep's members after "@" (a listbox: arrow keys, Enter or Tab
 * to pick, Esc to close). A picked member is written as "@Name" and sent as a mention by user id.
 */
export function MentionField({
  id,
  draft,
  onChange,
  members,
  describedBy,
  invalid,
  inputRef,
  rows = 3,
}: MentionFieldProps) {
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [index, setIndex] = useState(0);
  // Where the caret goes after a pick. Placed in the commit of the new text (a layout effect), before the
  // browser handles the next key: placing it later would move it behind what a fast typist already typed.
  const pendingCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const position = pendingCaret.current;
    if (position === null) return;
    pendingCaret.current = null;
    inputRef?.current?.focus();
    inputRef?.current?.setSelectionRange(position, position);
  });

  const query = mentionQuery(draft.text, caret);
  const typed = query?.query.toLowerCase() ?? null;
  // A member matches when their name, or a word in it, starts with what was typed after "@".
  const options = useMemo(
    () =>
      typed === null
        ? []
        : members
            .filter(
              (m) =>
                m.displayName.toLowerCase().startsWith(typed) ||
                m.displayName
                  .toLowerCase()
                  .split(/\s+/)
                  .some((word) => word.startsWith(typed)),
            )
            .slice(0, 8),
    [members, typed],
  );
  const open = query !== null && options.length > 0 && dismissedAt !== query.start;
  const active = open ? Math.min(index, options.length - 1) : -1;

  function pick(member: Member) {
    if (!query) return;
    const inserted = `@${member.displayName} `;
    const text = draft.text.slice(0, query.start) + inserted + draft.text.slice(caret);
    const position = query.start + inserted.length;
    onChange({ text, picked: [...draft.picked.filter((m) => m.userId !== member.userId), member] });
    setCaret(position);
    setIndex(0);
    pendingCaret.current = position;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setIndex((active + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape') {
      // Closes the list only (not a surrounding dialog or form).
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(query!.start);
    }
  }

  const track = (target: HTMLTextAreaElement) => setCaret(target.selectionStart ?? target.value.length);

  return (
    <div className="mention-field">
      <textarea
        ref={inputRef}
        id={id}
        rows={rows}
        maxLength={4000}
        value={draft.text}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          onChange({ ...draft, text: event.target.value });
          track(event.target);
          setIndex(0);
        }}
        onSelect={(event) => track(event.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => setDismissedAt(query?.start ?? null)}
        onFocus={() => setDismissedAt(null)}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Leden van de werkgroep" className="mention-options">
          {options.map((member, i) => (
            <li
              key={member.userId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'mention-option mention-option-active' : 'mention-option'}
              // mousedown: pick before the text area loses focus.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(member);
              }}
            >
              {member.displayName}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {open
          ? `${options.length} ${options.length === 1 ? 'lid' : 'leden'} gevonden; kies met pijl omlaag of omhoog en Enter.`
          : ''}
      </p>
    </div>
  );
}
