import { english, msg, type Message, type MessageKey, type MessageParams } from '../i18n';

/**
 * Field paths name one value inside a JSON payload, the way a person writes them: `temp`,
 * `a.b[0]`, `["odd.key"].v`. The empty path is the payload itself (a bare number).
 */

export type PathSegment = string | number;

/** A path that does not parse says why: `message` in English (logs, the CLI's JSON), `text` to word in the user's language. */
export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; message: string; text: Message };

const plainKey = /^[^.[\]"\s]+$/;

export function parseFieldPath(path: string): ParsedPath {
  const segments: PathSegment[] = [];
  let index = 0;
  const fail = (key: MessageKey, params: MessageParams = {}): ParsedPath => {
    const text = msg(key, { path, ...params });
    return { ok: false, message: english(text.key, text.params), text };
  };
  while (index < path.length) {
    const char = path[index];
    if (char === '[') {
      const close = path[index + 1] === '"' ? closingOfQuoted(path, index + 1) : path.indexOf(']', index);
      if (close === -1 || path[close] !== ']') return fail('plot.fieldPath.unclosedBracket', { position: index + 1 });
      const inside = path.slice(index + 1, close);
      if (/^\d+$/.test(inside)) segments.push(Number(inside));
      else if (inside.startsWith('"')) {
        try {
          segments.push(JSON.parse(inside) as string);
        } catch {
          return fail('plot.fieldPath.badQuotedKey', { inside });
        }
      } else return fail('plot.fieldPath.badBracket', { inside });
      index = close + 1;
    } else {
      if (char === '.') {
        if (segments.length === 0) return fail('plot.fieldPath.leadingDot');
        index++;
      } else if (segments.length > 0) return fail('plot.fieldPath.expectedSeparator', { position: index + 1 });
      let end = index;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      const key = path.slice(index, end);
      if (!plainKey.test(key)) return fail(key === '' ? 'plot.fieldPath.missingKey' : 'plot.fieldPath.needsQuoting', key === '' ? { position: index + 1 } : { key });
      segments.push(key);
      index = end;
    }
  }
  return { ok: true, segments };
}

/** The index of the "]" after a JSON string that starts at `quote`, or -1. */
function closingOfQuoted(path: string, quote: number): number {
  for (let index = quote + 1; index < path.length; index++) {
    if (path[index] === '\\') index++;
    else if (path[index] === '"') return path[index + 1] === ']' ? index + 1 : -1;
  }
  return -1;
}

/** The path a person would write for these segments; the inverse of `parseFieldPath`. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (plainKey.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** The finite number at the path, or undefined when there is none (missing, a string, NaN, Infinity). */
export function numberAt(value: unknown, segments: readonly PathSegment[]): number | undefined {
  const found = valueAt(value, segments);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/** Whatever JSON value sits at the path, or undefined when the path leads nowhere. */
export function valueAt(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

export interface FieldLimits {
  maxDepth: number;
  maxArrayItems: number;
  maxFields: number;
}

export const DEFAULT_FIELD_LIMITS: FieldLimits = { maxDepth: 6, maxArrayItems: 16, maxFields: 200 };

/**
 * Adds the path and value of every finite number in a parsed payload to `found`, depth first in
 * key order, stopping at the limits so a huge document cannot flood a field picker.
 */
export function collectNumericFields(value: unknown, found: Map<string, number>, limits: FieldLimits = DEFAULT_FIELD_LIMITS): void {
  const walk = (current: unknown, segments: PathSegment[]): void => {
    if (found.size >= limits.maxFields) return;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return;
      const path = formatFieldPath(segments);
      if (!found.has(path)) found.set(path, current);
      return;
    }
    if (current === null || typeof current !== 'object' || segments.length >= limits.maxDepth) return;
    if (Array.isArray(current)) {
      const end = Math.min(current.length, limits.maxArrayItems);
      for (let index = 0; index < end; index++) walk(current[index], [...segments, index]);
    } else {
      for (const [key, item] of Object.entries(current)) walk(item, [...segments, key]);
    }
  };
  walk(value, []);
}
