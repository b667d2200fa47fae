import { describe, expect, it } from 'vitest';
import { showInvisibleCharacters, visibleName } from '../../shared/text/invisible-characters';

describe('showInvisibleCharacters', () => {
  it('shows a right-to-left override by its code point, so the text after it is not displayed reversed', () => {
    expect(visibleName('lab/\u202Etxt.exe')).toBe('lab/\u27E8U+202E\u27E9txt.exe');
  });

  it('shows every bidi embedding, override, isolate and mark', () => {
    const bidi = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const char of bidi) {
      const code = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(showInvisibleCharacters(`a${char}b`)).toEqual({ text: `a\u27E8U+${code}\u27E9b`, count: 1 });
    }
  });

  it('shows zero-width and format characters that make different topics look alike', () => {
    expect(visibleName('a\u200Bb\u2060c\uFEFFd\u00ADe\u2028f')).toBe('a\u27E8U+200B\u27E9b\u27E8U+2060\u27E9c\u27E8U+FEFF\u27E9d\u27E8U+00AD\u27E9e\u27E8U+2028\u27E9f');
  });

  it('shows C0 controls and DEL as control pictures, and C1 controls by code point', () => {
    expect(showInvisibleCharacters('\u0000\u001B\u007F\u0085')).toEqual({ text: '\u2400\u241B\u2421\u27E8U+0085\u27E9', count: 4 });
  });

  it('shows tab and line breaks in a one-line name, keeps them in multiline text', () => {
    expect(visibleName('a\tb\nc\rd')).toBe('a\u2409b\u240Ac\u240Dd');
    expect(showInvisibleCharacters('a\tb\nc\rd', { multiline: true })).toEqual({ text: 'a\tb\nc\rd', count: 0 });
  });

  it('leaves ordinary text, right-to-left scripts and emoji joined by ZWJ as they are', () => {
    for (const text of ['sensors/kitchen/t1', 'חיישן/מטבח', 'مستشعر', '👩\u200D💻', 'ä ö ü €', '']) {
      expect(showInvisibleCharacters(text)).toEqual({ text, count: 0 });
    }
  });
});
