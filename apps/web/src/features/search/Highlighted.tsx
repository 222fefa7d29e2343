import type { HighlightedText } from '@koers/contracts';

/** Text with its matching ranges in <mark>: rendered as React text nodes, so nothing in it can be HTML. */
export function Highlighted({ value }: { value: HighlightedText }) {
  const parts: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [start, end] of value.marks) {
    if (start < at || end > value.text.length || end <= start) continue;
    if (start > at) parts.push({ text: value.text.slice(at, start), mark: false });
    parts.push({ text: value.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), mark: false });
  return (
    <>{parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>
  );
}
