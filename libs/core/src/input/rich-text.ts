import sanitizeHtml from 'sanitize-html';

/**
 * Rich text for what a strategy says (its vision, trends, principles and criteria, and the descriptions of its
 * themes and focus areas): a small, safe subset of HTML, as the web client's Tiptap editor writes it: paragraphs,
 * line breaks, bold, italic, bullet and numbered lists, and links to http(s) or mailto addresses. Everything else
 * (scripts, event handlers, styles, `javascript:` links, images) is taken out on the way in, by sanitize-html, so
 * what is stored is safe to show and to export.
 */
const RICH_TEXT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: { b: 'strong', i: 'em', h1: 'p', h2: 'p', h3: 'p', h4: 'p', div: 'p' },
  // The contents of these are never text a person wrote; of any other refused tag the text is kept.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object'],
  disallowedTagsMode: 'discard',
};

/** How a plain-text value (no tags) becomes rich text: a list with one point per line, or paragraphs. */
export type PlainTextShape = 'points' | 'paragraphs';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as rich text: every non-empty line a list item (`points`) or a paragraph. */
export function plainTextToRichText(text: string, shape: PlainTextShape = 'paragraphs'): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(escapeText);
  if (!lines.length) return '';
  return shape === 'points'
    ? `<ul>${lines.map((line) => `<li><p>${line}</p></li>`).join('')}</ul>`
    : lines.map((line) => `<p>${line}</p>`).join('');
}

/** Whether a value already is HTML (it has a tag), rather than plain text. */
export const looksLikeHtml = (value: string) => /<\/?[a-z][^>]*>/i.test(value);

/**
 * The stored form of a rich-text field: sanitised HTML, or '' when nothing readable remains (an editor's empty
 * `<p></p>`). Plain text without tags (older clients, the API by hand) is taken as `shape` says.
 */
export function sanitizeRichText(input: string, shape: PlainTextShape = 'paragraphs'): string {
  const value = input.trim();
  if (!value) return '';
  const html = looksLikeHtml(value) ? value : plainTextToRichText(value, shape);
  const clean = sanitizeHtml(html, RICH_TEXT_OPTIONS).trim();
  return richTextIsEmpty(clean) ? '' : clean;
}

/** True when the HTML holds no visible text. */
export function richTextIsEmpty(html: string): boolean {
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;|&#160;/g, ' ')
      .trim() === ''
  );
}
