import { createElement, Fragment, lazy, ReactNode, Suspense, useId, useMemo } from 'react';
import type { ApiError } from '../../api';

const RichTextEditor = lazy(() => import('./RichTextEditor'));

/** The tags a rich text may hold (the server keeps only these: libs/core rich-text.ts). */
const ALLOWED = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a']);
const SAFE_HREF = /^(https?:|mailto:)/i;

/**
 * Shows a rich text without ever handing HTML to the browser: the stored HTML is parsed (inert, by DOMParser)
 * and only allowed elements become React elements; text is text, a link only keeps an http(s) or mailto
 * address. So even a script in the stored value is shown as nothing at all, never run. Plain text (no tags)
 * is shown as paragraphs, or as a list when `points`.
 */
export function RichText({ html, points, className }: { html: string | null; points?: boolean; className?: string }) {
  const content = useMemo(() => render(html ?? '', points), [html, points]);
  if (!content) return null;
  return <div className={'rich-text' + (className ? ` ${className}` : '')}>{content}</div>;
}

function render(html: string, points?: boolean): ReactNode {
  if (!html.trim()) return null;
  if (!/<\/?[a-z][^>]*>/i.test(html)) {
    const lines = html
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return points ? (
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    ) : (
      lines.map((line, i) => <p key={i}>{line}</p>)
    );
  }
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  return nodes(body.childNodes);
}

function nodes(list: NodeListOf<ChildNode>): ReactNode[] {
  return Array.from(list).map((node, key) => {
    if (node.nodeType === Node.TEXT_NODE) return <Fragment key={key}>{node.textContent}</Fragment>;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    const children = nodes(element.childNodes);
    if (!ALLOWED.has(tag)) return <Fragment key={key}>{children}</Fragment>;
    if (tag === 'br') return <br key={key} />;
    if (tag === 'a') {
      const href = element.getAttribute('href') ?? '';
      return SAFE_HREF.test(href) ? (
        <a key={key} href={href} rel="noopener noreferrer">
          {children}
        </a>
      ) : (
        <Fragment key={key}>{children}</Fragment>
      );
    }
    return createElement(tag, { key }, ...children);
  });
}

/** The text of a rich text, e.g. for the conflict dialog. */
export function richTextPlain(html: string): string {
  if (!/<\/?[a-z][^>]*>/i.test(html)) return html;
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  body.querySelectorAll('p, li, br').forEach((el) => el.append('\n'));
  return (body.textContent ?? '').replace(/\n{2,}/g, '\n').trim();
}

/** A form field holding rich text: a label, an optional hint and error, and the (lazily loaded) editor. */
export function RichTextField({
  label,
  name,
  value,
  onChange,
  hint,
  error,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (html: string) => void;
  hint?: string;
  error?: ApiError | null;
}) {
  const id = useId();
  const messages = error?.fieldMessages(name) ?? [];
  const describedBy =
    [hint ? id + '-hint' : '', messages.length ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={'field' + (messages.length ? ' field-invalid' : '')}>
      <span className="field-label" id={id + '-label'}>
        {label}
      </span>
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
      <Suspense fallback={<p className="muted">De tekstverwerker wordt geladen…</p>}>
        <RichTextEditor
          label={label}
          value={value}
          onChange={onChange}
          describedBy={describedBy}
          invalid={messages.length > 0}
        />
      </Suspense>
    </div>
  );
}
