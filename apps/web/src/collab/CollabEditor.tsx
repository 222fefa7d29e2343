import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Editor, EditorContent, Extension, useEditor, useEditorState } from '@tiptap/react';
import { FormEvent, KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { NARROW, useMediaQuery } from '../components/common';
import { CommentAnchors } from './comment-anchors';
import type { CollabDocument } from './provider';
import { documentSchema } from './schema';

/** The Y.XmlFragment the server's templates and export use (Tiptap's default). */
const FRAGMENT = 'default';

/** A remote caret: a coloured bar with the person's name (the server stamps name and colour). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#44546a';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  // Decoration only: screen readers should not hear names in the middle of the text.
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : 'Iemand';
  caret.append(label);
  return caret;
}

/** Keeps every remote caret's label inside the text area (see the effect in CollabEditor). */
function placeCaretLabels(root: HTMLElement) {
  const area = root.getBoundingClientRect();
  for (const label of root.querySelectorAll<HTMLElement>('.collaboration-carets__label')) {
    label.classList.remove('caret-label-left', 'caret-label-below');
    const box = label.getBoundingClientRect();
    if (box.right > area.right) label.classList.add('caret-label-left');
    if (box.top < area.top) label.classList.add('caret-label-below');
  }
}

interface CollabEditorProps {
  document: CollabDocument;
  editable: boolean;
  /** The local user's name for the awareness state; the server replaces it with the real identity. */
  userName: string;
  label: string;
  /** The editor, once created (for the comments panel: anchors, selection). */
  onReady?: (editor: Editor | null) => void;
  /** Starts a comment on the selection: a "Reageren" toolbar button and Ctrl+Alt+M. Absent: no commenting. */
  onComment?: () => void;
  /** A comment highlight in the text was clicked. */
  onCommentActivated?: (commentId: string) => void;
}

/** Tiptap bound to the document's Y.Doc and awareness, with a toolbar. */
export function CollabEditor({
  document: collabDocument,
  editable,
  userName,
  label,
  onReady,
  onComment,
  onCommentActivated,
}: CollabEditorProps) {
  const hintId = useId();
  const hint = useRef<HTMLParagraphElement>(null);
  // The editor is created once per document; callbacks are read through refs so they may change.
  const commentRef = useRef(onComment);
  commentRef.current = onComment;
  const activatedRef = useRef(onCommentActivated);
  activatedRef.current = onCommentActivated;
  const editor = useEditor(
    {
      editable,
      shouldRerenderOnTransaction: false,
      extensions: [
        ...documentSchema(),
        Collaboration.configure({ document: collabDocument.doc, field: FRAGMENT }),
        CommentAnchors.configure({ onActivate: (id) => activatedRef.current?.(id) }),
        // No keyboard trap (Tab moves between table cells and indents lists): Esc leaves the text.
        Extension.create({
          name: 'leaveWithEscape',
          addKeyboardShortcuts: () => ({
            Escape: () => {
              hint.current?.focus();
              return true;
            },
            'Mod-Alt-m': () => {
              if (!commentRef.current) return false;
              commentRef.current();
              return true;
            },
          }),
        }),
        CollaborationCaret.configure({
          provider: { awareness: collabDocument.awareness },
          user: { name: userName },
          render: renderCaret,
        }),
      ],
      editorProps: {
        attributes: {
          class: 'editor-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-describedby': hintId,
        },
      },
    },
    [collabDocument],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
    editor.view.dom.setAttribute('aria-readonly', editable ? 'false' : 'true');
  }, [editor, editable]);

  useEffect(() => {
    editor.view.dom.setAttribute('aria-label', label);
  }, [editor, label]);

  // Other people's name labels sit above their caret, starting at it: near the right or top edge of the
  // text they would be cut off (or widen the page), so they flip to the left or below there.
  useEffect(() => {
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => placeCaretLabels(editor.view.dom));
    };
    editor.on('transaction', place);
    window.addEventListener('resize', place);
    return () => {
      cancelAnimationFrame(frame);
      editor.off('transaction', place);
      window.removeEventListener('resize', place);
    };
  }, [editor]);

  useEffect(() => {
    onReady?.(editor);
    return () => onReady?.(null);
  }, [editor, onReady]);

  return (
    <div className="editor">
      {editable && <Toolbar editor={editor} onComment={onComment} />}
      <EditorContent editor={editor} />
      <p id={hintId} ref={hint} tabIndex={-1} className="hint editor-hint">
        Met Esc verlaat u de tekst; met Tab gaat u daarna verder naar de rest van de pagina.
        {onComment && ' Met Ctrl+Alt+M reageert u op de geselecteerde tekst.'}
      </p>
    </div>
  );
}

interface ToolButton {
  key: string;
  label: string;
  /** Extra styling of the visible label (e.g. bold for "Vet"). */
  className?: string;
  pressed?: boolean;
  disabled?: boolean;
  run: () => void;
  /** Start of a new group (a visual separator before it). */
  group?: boolean;
  /** Its keyboard shortcut (aria-keyshortcuts syntax), also shown as a tooltip. */
  shortcut?: string;
}

function Toolbar({ editor, onComment }: { editor: Editor; onComment?: () => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive('paragraph'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      taskList: e.isActive('taskList'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const chain = () => editor.chain().focus();

  const buttons: ToolButton[] = [
    { key: 'p', label: 'Gewone tekst', pressed: state.paragraph, run: () => chain().setParagraph().run() },
    { key: 'h1', label: 'Kop 1', pressed: state.h1, run: () => chain().toggleHeading({ level: 1 }).run() },
    { key: 'h2', label: 'Kop 2', pressed: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'h3', label: 'Kop 3', pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    {
      key: 'bold',
      label: 'Vet',
      className: 'tool-bold',
      pressed: state.bold,
      run: () => chain().toggleBold().run(),
      group: true,
    },
    {
      key: 'italic',
      label: 'Cursief',
      className: 'tool-italic',
      pressed: state.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: 'link',
      label: state.link ? 'Link bewerken' : 'Link invoegen',
      pressed: state.link,
      run: () => setLinkOpen(true),
    },
    {
      key: 'ul',
      label: 'Opsomming',
      pressed: state.bulletList,
      run: () => chain().toggleBulletList().run(),
      group: true,
    },
    { key: 'ol', label: 'Genummerde lijst', pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: 'tasks', label: 'Checklist', pressed: state.taskList, run: () => chain().toggleTaskList().run() },
    {
      key: 'table',
      label: 'Tabel invoegen',
      disabled: state.inTable,
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      group: true,
    },
    ...(state.inTable
      ? [
          { key: 'row', label: 'Rij toevoegen', run: () => chain().addRowAfter().run() },
          { key: 'col', label: 'Kolom toevoegen', run: () => chain().addColumnAfter().run() },
          { key: 'delrow', label: 'Rij verwijderen', run: () => chain().deleteRow().run() },
          { key: 'delcol', label: 'Kolom verwijderen', run: () => chain().deleteColumn().run() },
          { key: 'deltable', label: 'Tabel verwijderen', run: () => chain().deleteTable().run() },
        ]
      : []),
    ...(onComment
      ? [{ key: 'comment', label: 'Reageren', shortcut: 'Control+Alt+M', run: onComment, group: true }]
      : []),
    { key: 'undo', label: 'Ongedaan maken', disabled: !state.canUndo, run: () => chain().undo().run(), group: true },
    { key: 'redo', label: 'Opnieuw', disabled: !state.canRedo, run: () => chain().redo().run() },
  ];

  // On a phone the toolbar is one row: what does not fit goes behind "Meer" (a disclosure below the row).
  const narrow = useMediaQuery(NARROW);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const bar = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const widths = useRef(new Map<string, number>());
  const [inlineCount, setInlineCount] = useState(buttons.length);
  const [moreOpen, setMoreOpen] = useState(false);
  const moreId = useId();
  const layoutKey = buttons.map((b) => b.key + b.label).join('|');
  useLayoutEffect(() => {
    const element = bar.current;
    if (!narrow || !element) {
      setInlineCount(Number.POSITIVE_INFINITY);
      return;
    }
    const fit = () => {
      for (const [key, button] of refs.current)
        if (button.parentElement === element && button.offsetWidth > 0) widths.current.set(key, button.offsetWidth);
      const style = getComputedStyle(element);
      const available = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const gap = parseFloat(style.columnGap) || 4;
      const more = (moreButton.current?.offsetWidth || 80) + gap;
      // Buttons never shown in the row yet: estimated from their label.
      const width = (b: ToolButton) => (widths.current.get(b.key) ?? b.label.length * 8 + 24) + gap;
      const inOrder = [...buttons].sort((a, b) => phoneRank(a) - phoneRank(b));
      const all = inOrder.reduce((sum, b) => sum + width(b), 0);
      if (all <= available) return setInlineCount(inOrder.length);
      let used = more;
      let count = 0;
      while (count < inOrder.length && used + width(inOrder[count]) <= available) used += width(inOrder[count++]);
      setInlineCount(count);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [narrow, layoutKey]);
  // On a phone what is used most comes first in the row (and stays out of "Meer").
  const ordered = narrow ? [...buttons].sort((a, b) => phoneRank(a) - phoneRank(b)) : buttons;
  const inline = ordered.slice(0, inlineCount);
  const overflow = ordered.slice(inlineCount);

  // Roving tabindex (WAI-ARIA toolbar): one Tab stop, arrow keys move between the buttons (and "Meer").
  const [current, setCurrent] = useState('p');
  const enabled = [...inline.filter((b) => !b.disabled).map((b) => b.key), ...(overflow.length ? [MORE] : [])];
  const focusKey = enabled.includes(current) ? current : enabled[0];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && moreOpen) {
      event.stopPropagation();
      return closeMore();
    }
    const index = enabled.indexOf(focusKey);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % enabled.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + enabled.length) % enabled.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = enabled.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const key = enabled[next];
    setCurrent(key);
    (key === MORE ? moreButton.current : refs.current.get(key))?.focus();
  }

  function closeMore() {
    setMoreOpen(false);
    moreButton.current?.focus();
  }

  const render = (button: ToolButton, inRow: boolean) => (
    <button
      key={button.key}
      ref={(element) => {
        if (element) refs.current.set(button.key, element);
        else refs.current.delete(button.key);
      }}
      type="button"
      className={'tool' + (button.group ? ' tool-group-start' : '') + (button.className ? ' ' + button.className : '')}
      aria-pressed={button.pressed === undefined ? undefined : button.pressed}
      title={button.shortcut && button.shortcut.replace('Control', 'Ctrl')}
      aria-keyshortcuts={button.shortcut}
      disabled={button.disabled}
      tabIndex={inRow ? (button.key === focusKey ? 0 : -1) : undefined}
      onFocus={inRow ? () => setCurrent(button.key) : undefined}
      onClick={() => {
        if (!inRow) setMoreOpen(false);
        button.run();
      }}
    >
      {button.label}
    </button>
  );

  return (
    <>
      <div className="editor-toolbar-frame">
        <div
          ref={bar}
          className={narrow ? 'editor-toolbar editor-toolbar-one-row' : 'editor-toolbar'}
          role="toolbar"
          aria-label="Opmaak"
          onKeyDown={onKeyDown}
        >
          {inline.map((button) => render(button, true))}
          {overflow.length > 0 && (
            <button
              ref={moreButton}
              type="button"
              className="tool tool-more"
              aria-expanded={moreOpen}
              aria-controls={moreId}
              tabIndex={focusKey === MORE ? 0 : -1}
              onFocus={() => setCurrent(MORE)}
              onClick={() => setMoreOpen((open) => !open)}
            >
              Meer<span className="visually-hidden"> opmaak</span> <span aria-hidden="true">▾</span>
            </button>
          )}
        </div>
        {overflow.length > 0 && moreOpen && (
          <div
            id={moreId}
            className="tool-more-panel"
            role="group"
            aria-label="Meer opmaak"
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                closeMore();
              }
            }}
          >
            {overflow.map((button) => render(button, false))}
          </div>
        )}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </>
  );
}

const MORE = 'more';
/** The buttons a phone shows first, in this order; the others follow in their usual order. */
const PHONE_FIRST = ['bold', 'italic', 'ul', 'comment', 'undo'];
const phoneRank = (button: ToolButton) => {
  const rank = PHONE_FIRST.indexOf(button.key);
  return rank < 0 ? PHONE_FIRST.length : rank;
};

function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const initial = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function apply(event: FormEvent) {
    event.preventDefault();
    const value = href.trim();
    if (!value) {
      setError('Vul een adres in, bijvoorbeeld https://www.example.nl.');
      return;
    }
    const url = /^(https?:\/\/|mailto:)/i.test(value) ? value : `https://${value}`;
    if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(url)) {
      setError('Dit is geen geldig webadres.');
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: url } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  return (
    <form
      className="link-form"
      onSubmit={apply}
      noValidate
      onKeyDown={(event) => event.key === 'Escape' && (onClose(), editor.commands.focus())}
    >
      <div className={'field' + (error ? ' field-invalid' : '')}>
        <label htmlFor={id}>Adres (URL) van de link</label>
        {error && (
          <p id={id + '-error'} className="field-error">
            {error}
          </p>
        )}
        <input
          ref={input}
          id={id}
          type="url"
          inputMode="url"
          value={href}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? id + '-error' : undefined}
          onChange={(event) => setHref(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-small">
          Link toepassen
        </button>
        {initial && (
          <button type="button" className="button button-small button-secondary" onClick={remove}>
            Link verwijderen
          </button>
        )}
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => {
            onClose();
            editor.commands.focus();
          }}
        >
          Annuleren
        </button>
      </div>
    </form>
  );
}
