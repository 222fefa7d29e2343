/** Longest stored name, in characters (the extension is kept when a name is shortened). */
export const MAX_NAME_LENGTH = 200;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name that is safe to store, show and offer for download: only the last path segment (browsers on
 * old systems send a whole path), no control or bidirectional-override characters (which can make
 * "evil‮fdp.exe" look like "evil.exe.pdf"), no characters Windows refuses, no leading dots or trailing
 * dots and spaces, at most MAX_NAME_LENGTH characters with the extension kept; "bestand" when nothing is left.
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
    name =
      chars
        .slice(0, MAX_NAME_LENGTH - keep.length)
        .join('')
        .trimEnd() + keep.join('');
  }
  return name || 'bestand';
}
