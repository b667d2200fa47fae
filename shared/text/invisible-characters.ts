/**
 * Characters that change how text looks without looking like anything themselves. Shown raw, a U+202E
 * (right-to-left override) in a topic displays the rest of it reversed, a zero-width space makes two
 * different topics look alike, and a NUL vanishes. MQTT allows all of them in topics and names.
 */

/** C0 controls other than tab, newline and carriage return, and DEL. */
const C0_EXCEPT_LINE_BREAKS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F';
const TAB_AND_LINE_BREAKS = '\\u0009\\u000A\\u000D';
/**
 * C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width space, LRM and RLM,
 * line and paragraph separators, the bidi embeddings, overrides and isolates, word joiner and invisible
 * operators, deprecated format characters, byte order mark and interlinear annotation marks.
 * Zero-width joiner and non-joiner (U+200C, U+200D) stay: emoji sequences and several scripts need them
 * to render, and they cannot reorder text.
 */
const FORMAT_CHARACTERS = '\\u0080-\\u009F\\u00AD\\u061C\\u180E\\u200B\\u200E\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB';

const invisibleInText = new RegExp(`[${C0_EXCEPT_LINE_BREAKS}${FORMAT_CHARACTERS}]`, 'g');
const invisibleInName = new RegExp(`[${C0_EXCEPT_LINE_BREAKS}${TAB_AND_LINE_BREAKS}${FORMAT_CHARACTERS}]`, 'g');

export interface ShownText {
  text: string;
  /** How many characters were replaced. */
  count: number;
}

/**
 * Replaces invisible characters with visible stand-ins: C0 controls and DEL with their Unicode Control
 * Pictures (NUL as \u2400, DEL as \u2421), everything else with its code point, e.g. \u27E8U+202E\u27E9.
 * `multiline` keeps tab, newline and carriage return, which are ordinary in a payload's text; in a
 * topic or a name, which is one line, they are shown too.
 */
export function showInvisibleCharacters(text: string, options: { multiline?: boolean } = {}): ShownText {
  let count = 0;
  const shown = text.replace(options.multiline ? invisibleInText : invisibleInName, (char) => {
    count++;
    const code = char.charCodeAt(0);
    if (code === 0x7f) return '\u2421';
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return `\u27E8U+${code.toString(16).toUpperCase().padStart(4, '0')}\u27E9`;
  });
  return { text: shown, count };
}

/** A topic or name as it is to be displayed: one line, every invisible character visible. */
export function visibleName(text: string): string {
  return showInvisibleCharacters(text).text;
}
