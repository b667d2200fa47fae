/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF, a field quoted when it holds a comma,
 * a quote, CR or LF, with quotes inside doubled. The parser also takes LF-only record ends, which
 * editors often write.
 */

const needsQuotes = /[",\r\n]/;

export function csvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Every record of a CSV text as its fields; the final record end is optional. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let line = 1;
  let index = 0;
  const countLines = (from: number, to: number) => {
    for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) line++;
  };
  while (index < text.length) {
    // Here a field starts.
    let field: string;
    if (text[index] === '"') {
      const startLine = line;
      field = '';
      let from = index + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) throw new Error(`Line ${startLine}: a quoted field is not closed.`);
        field += text.slice(from, quote);
        countLines(from, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          from = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      const after = text[index];
      if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
        throw new Error(`Line ${line}: unexpected text after a closing quote.`);
      }
    } else {
      let end = index;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      field = text.slice(index, end);
      if (field.includes('"')) throw new Error(`Line ${line}: a quote inside an unquoted field; the field must be quoted and the quote doubled.`);
      index = end;
    }
    fields.push(field);
    // Here a field has ended: a comma starts the next one, a line end (or the end of text) ends the record.
    const separator = text[index];
    if (separator === ',') {
      index++;
      if (index === text.length) fields.push('');
      continue;
    }
    if (separator === '\r' && text[index + 1] === '\n') index++;
    index++;
    records.push(fields);
    fields = [];
    line++;
  }
  return records;
}
