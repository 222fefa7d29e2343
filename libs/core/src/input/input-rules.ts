import { FieldError } from '../errors/domain-error';

/** How deep a request's JSON may nest; our deepest DTO needs 3 levels, so 32 is generous and still bounded. */
export const MAX_INPUT_DEPTH = 32;

/** A NUL or a UTF-16 surrogate without its partner: PostgreSQL cannot store either in text or jsonb. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'Bevat een teken dat niet is toegestaan (een NUL-teken of een ongeldig teken).';
export const TOO_DEEP_MESSAGE = `Is te diep genest (hoogstens ${MAX_INPUT_DEPTH} niveaus).`;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * The input rule every request passes before its DTO is validated: no string (value or key) with a NUL or a
 * lone surrogate, and no nesting deeper than MAX_INPUT_DEPTH. Iterative, so a hostile depth cannot overflow
 * the stack. Returns the problems by field path ("items.2.title"), the first few only.
 */
export function inputProblems(value: unknown, root: string): FieldError[] {
  const problems: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && problems.length < 10) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) problems.push({ field: path, messages: [UNSTORABLE_TEXT_MESSAGE] });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: path, messages: [TOO_DEEP_MESSAGE] });
      continue;
    }
    for (const [key, inner] of Object.entries(current)) {
      const field = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) {
        problems.push({ field: path || '(veldnaam)', messages: [UNSTORABLE_TEXT_MESSAGE] });
        continue;
      }
      stack.push({ value: inner, path: field, depth: depth + 1 });
    }
  }
  return problems;
}

/** For writes that must succeed whatever text reaches them (the audit log): unstorable characters become U+FFFD. */
export function toStorableText(value: string): string {
  return isStorableText(value)
    ? value
    : value
        .replace(/\0/g, '\uFFFD')
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
