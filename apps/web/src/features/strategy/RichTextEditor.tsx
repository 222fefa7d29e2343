import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import './rich-text.css';

export interface RichTextEditorProps {
  /** The field's label: the editor is a textbox named by it. */
  label: string;
  /** Sanitised HTML (or plain text) to start from. */
  value: string;
  onChange: (html: string) => void;
  /** Ids of the hint and error texts that describe the field. */
  describedBy?: string;
  invalid?: boolean;
}

/**
 * A small rich-text editor for a strategy's texts (Tiptap): paragraphs, bold, italic, bullet and numbered lists
 * and links, nothing else (the server keeps only that, libs/core rich-text.ts). Loaded only where someone edits;
 * Esc leaves the text, so the keyboard is never trapped; the toolbar is a row of toggle buttons that wraps.
 */
export default function RichTextEditor({ label, value, onChange, describedBy, invalid }: RichTextEditorProps) {
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const toolbar = useRef<HTMLDivElement>(null);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        blockquote: false,
        codeBlock: false,
        code: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { rel: null, target: null },
        },
      }),
    ],
    content: value || '',
    shouldRerenderOnTransaction: false,
    onUpdate: ({ editor: e }) => changeRef.current(e.isEmpty ? '' : e.getHTML()),
    editorProps: {
      attributes: {
        class: 'rich-text-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
      },
      handleKeyDown: (_view, event) => {
        if (event.key !== 'Escape') return false;
        toolbar.current?.querySelector<HTMLButtonElement>('button')?.focus();
        return true;
      },
    },
  });
  // A value set from outside (a restored draft, "Hun versie nemen") replaces the text.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const current = editor.isEmpty ? '' : editor.getHTML();
    if ((value || '') !== current) editor.commands.setContent(value || '', { emitUpdate: false });
  }, [editor, value]);

  if (!editor) return null;
  return (
    <div className={'rich-text-editor' + (invalid ? ' rich-text-invalid' : '')}>
      <Toolbar editor={editor} label={label} toolbarRef={toolbar} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({
  editor,
  label,
  toolbarRef,
}: {
  editor: Editor;
  label: string;
  toolbarRef: React.RefObject<HTMLDivElement | null>;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const chain = () => editor.chain().focus();
  const tools: Array<{ key: string; text: string; pressed: boolean; run: () => void; className?: string }> = [
    { key: 'bold', text: 'Vet', pressed: state.bold, run: () => chain().toggleBold().run(), className: 'tool-bold' },
    {
      key: 'italic',
      text: 'Cursief',
      pressed: state.italic,
      run: () => chain().toggleItalic().run(),
      className: 'tool-italic',
    },
    { key: 'ul', text: 'Opsomming', pressed: state.bulletList, run: () => chain().toggleBulletList().run() },
    { key: 'ol', text: 'Genummerde lijst', pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: 'link', text: state.link ? 'Link bewerken' : 'Link', pressed: state.link, run: () => setLinkOpen(true) },
  ];
  return (
    <>
      <div className="rich-text-toolbar" role="toolbar" aria-label={`Opmaak: ${label}`} ref={toolbarRef}>
        {tools.map((tool) => (
          <button
            key={tool.key}
            type="button"
            className={'tool' + (tool.className ? ` ${tool.className}` : '')}
            aria-pressed={tool.pressed}
            onClick={tool.run}
          >
            {tool.text}
            <span className="visually-hidden"> ({label})</span>
          </button>
        ))}
      </div>
      {linkOpen && <LinkFields editor={editor} onClose={() => setLinkOpen(false)} />}
    </>
  );
}

/** The address of a link: fields inside the surrounding form (no form of its own), Enter applies, Esc closes. */
function LinkFields({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const initial = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function close() {
    onClose();
    editor.commands.focus();
  }

  function apply() {
    const value = href.trim();
    if (!value) return setError('Vul een adres in, bijvoorbeeld https://www.example.nl.');
    const url = /^(https?:\/\/|mailto:)/i.test(value) ? value : `https://${value}`;
    if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(url)) return setError('Dit is geen geldig webadres.');
    if (editor.state.selection.empty && !editor.isActive('link'))
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: url } }] })
        .run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    onClose();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  return (
    <div className="link-form" onKeyDown={onKeyDown}>
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
        <button type="button" className="button button-small" onClick={apply}>
          Link toepassen
        </button>
        {initial && (
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              onClose();
            }}
          >
            Link verwijderen
          </button>
        )}
        <button type="button" className="button button-small button-secondary" onClick={close}>
          Annuleren
        </button>
      </div>
    </div>
  );
}
