/**
 * Pretty-prints JSON text by re-indenting its tokens instead of JSON.parse + JSON.stringify, so the
 * view shows exactly what was sent: 12345678901234567890 keeps every digit (a double would print
 * 12345678901234567000), 1.0 stays 1.0, and escapes such as \u00e9 stay as written.
 */

const INDENT = '  ';

/**
 * The text laid out as JSON.stringify(value, null, 2) lays it out, with every token verbatim.
 * The caller has already checked that the text is JSON (JSON.parse accepts it); this only moves whitespace.
 */
export function prettyJson(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let index = 0;
  const length = text.length;
  const newline = () => '\n' + INDENT.repeat(depth);

  while (index < length) {
    const char = text[index] as string;
    switch (char) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        index++;
        break;
      case '"': {
        const end = stringEnd(text, index);
        out.push(text.slice(index, end));
        index = end;
        break;
      }
      case '{':
      case '[': {
        const close = char === '{' ? '}' : ']';
        const next = nextToken(text, index + 1);
        if (text[next] === close) {
          // Empty containers stay on one line, as JSON.stringify writes them.
          out.push(char + close);
          index = next + 1;
        } else {
          depth++;
          out.push(char + newline());
          index++;
        }
        break;
      }
      case '}':
      case ']':
        depth--;
        out.push(newline() + char);
        index++;
        break;
      case ',':
        out.push(',' + newline());
        index++;
        break;
      case ':':
        out.push(': ');
        index++;
        break;
      default: {
        // A number, true, false or null: everything up to the next structural character or space.
        let end = index + 1;
        while (end < length && !endsLiteral(text.charCodeAt(end))) end++;
        out.push(text.slice(index, end));
        index = end;
      }
    }
  }
  return out.join('');
}

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index++;
  }
  return text.length;
}

function nextToken(text: string, from: number): number {
  let index = from;
  while (index < text.length && isJsonSpace(text.charCodeAt(index))) index++;
  return index;
}

// Character codes rather than regular expressions: this runs for every character of a 10 MB payload.
function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Whitespace or a structural character: where a number, true, false or null ends. */
function endsLiteral(code: number): boolean {
  return isJsonSpace(code) || code === 0x2c || code === 0x3a || code === 0x5d || code === 0x7d || code === 0x5b || code === 0x7b || code === 0x22;
}
