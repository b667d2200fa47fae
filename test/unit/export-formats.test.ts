import { describe, expect, it } from 'vitest';
import { csvRecord, parseCsv } from '../../shared/export/csv';
import type { ExportedMessage } from '../../shared/export/exported-message';
import { formatJsonLines, parseJsonLines } from '../../shared/export/jsonl';
import { formatMessageCsv, messageCsvHeader, parseMessageCsv } from '../../shared/export/message-csv';
import { formatSeriesCsv } from '../../shared/export/series-csv';

const text = new TextEncoder();

const payloads: Record<string, Uint8Array> = {
  empty: new Uint8Array(0),
  binary: Uint8Array.from({ length: 256 }, (_, index) => index),
  invalidUtf8: new Uint8Array([0xff, 0xfe, 0x41, 0xe2, 0x82]),
  quotesAndCommas: text.encode('say "hi", then, "bye"'),
  multiline: text.encode('line one\r\nline two\nline three\r'),
  unicode: text.encode('Grüße 🌡️ 温度 \u2028'),
  bom: new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]),
  json: text.encode('{"temp":21.5,"tags":["a,b","c\\"d"]}'),
  spaces: text.encode('  padded  '),
};

function messages(): ExportedMessage[] {
  return Object.values(payloads).map((payload, index) => {
    const message: ExportedMessage = {
      id: index + 1,
      timeMs: 1_763_000_000_000 + index * 1001,
      direction: index % 3 === 0 ? 'out' : 'in',
      topic: index === 4 ? 'odd, "topic"\nname' : `lab/${index}`,
      qos: (index % 3) as 0 | 1 | 2,
      retain: index % 2 === 0,
      dup: index === 5,
      payload,
    };
    if (message.qos > 0) message.packetId = 100 + index;
    if (index === 2) message.properties = { contentType: 'text/plain', correlationData: 'cafe', userProperties: { origin: 'a,"b"' } };
    return message;
  });
}

describe('the export formats', () => {
  it('JSON Lines re-imports every payload byte-exact with all metadata', () => {
    const original = messages();
    const exported = formatJsonLines(original);
    expect(exported.split('\n')).toHaveLength(original.length + 1);
    expect(parseJsonLines(exported)).toEqual(original);
  });

  it('JSON Lines carries text only for valid UTF-8, keeping a byte order mark', () => {
    const lines = formatJsonLines(messages()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const byName = Object.fromEntries(Object.keys(payloads).map((name, index) => [name, lines[index]]));
    expect(byName.binary?.text).toBeUndefined();
    expect(byName.invalidUtf8?.text).toBeUndefined();
    expect(byName.empty).toMatchObject({ text: '', payloadBase64: '', size: 0 });
    expect(byName.bom?.text).toBe('\uFEFFhi');
    expect(byName.multiline?.text).toBe('line one\r\nline two\nline three\r');
    expect(byName.quotesAndCommas?.time).toBe(new Date(1_763_000_000_000 + 3 * 1001).toISOString());
  });

  it('CSV re-imports every payload byte-exact with all metadata, as one text or in pages', () => {
    const original = messages();
    const whole = messageCsvHeader() + formatMessageCsv(original);
    expect(parseMessageCsv(whole)).toEqual(original);
    const paged = messageCsvHeader() + formatMessageCsv(original.slice(0, 4)) + formatMessageCsv(original.slice(4));
    expect(paged).toBe(whole);
  });

  it('CSV quotes per RFC 4180 and leaves the text column empty for binary', () => {
    const csv = messageCsvHeader() + formatMessageCsv(messages());
    const records = parseCsv(csv);
    const header = records[0] ?? [];
    const textColumn = header.indexOf('text');
    expect(records[Object.keys(payloads).indexOf('binary') + 1]?.[textColumn]).toBe('');
    expect(records[Object.keys(payloads).indexOf('quotesAndCommas') + 1]?.[textColumn]).toBe('say "hi", then, "bye"');
    expect(csv).toContain('"say ""hi"", then, ""bye"""');
    expect(csvRecord(['plain', 'a,b', 'q"', 'x\ny', ''])).toBe('plain,"a,b","q""",' + '"x\ny",\r\n');
  });

  it('parses LF line ends, a missing final line end and empty trailing fields', () => {
    expect(parseCsv('a,b\nc,"d\r\ne"')).toEqual([['a', 'b'], ['c', 'd\r\ne']]);
    expect(parseCsv('a,\r\n,""\r\n')).toEqual([['a', ''], ['', '']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses damaged files with the place and the reason', () => {
    expect(() => parseCsv('a,"b\n')).toThrow('Line 1: a quoted field is not closed.');
    expect(() => parseCsv('a\nb"c')).toThrow('Line 2: a quote inside an unquoted field');
    expect(() => parseCsv('"a"b')).toThrow('unexpected text after a closing quote');
    expect(() => parseMessageCsv('id,topic\r\n1,a\r\n')).toThrow('lacks the columns timeMs, direction, qos, retain, dup, payloadBase64');
    const good = messageCsvHeader() + formatMessageCsv(messages().slice(0, 1));
    expect(() => parseMessageCsv(good.replace(',out,', ',sideways,'))).toThrow('Message 1 (record 2 of the file): direction must be in or out');
    expect(() => parseJsonLines('{"id":1}\nnot json')).toThrow('Line 1: timeMs');
    const line = formatJsonLines(messages().slice(1, 2));
    expect(() => parseJsonLines(`\n${line.replace('"payloadBase64":"', '"payloadBase64":"*')}`)).toThrow('Line 2: payloadBase64 is not valid base64.');
    expect(() => parseJsonLines(line.replace('"size":256', '"size":3'))).toThrow('size says 3 bytes but the payload has 256');
  });
});

describe('the plot CSV', () => {
  it('has one record per point of every series, oldest first, in parts that join to valid CSV', () => {
    const parts = formatSeriesCsv(
      [
        { topic: 'lab/a', field: 'temp', ids: [1, 4], times: [1000, 4000], values: [20.5, 1e21] },
        { topic: 'lab/+', field: '["odd,key"]', ids: [2, 3, 5], times: [2000, 3000, 4000], values: [-1, 0, 7] },
      ],
      2,
    );
    expect(parts).toHaveLength(4);
    const records = parseCsv(parts.join(''));
    expect(records).toEqual([
      ['time', 'timeMs', 'topic', 'field', 'value', 'messageId'],
      [new Date(1000).toISOString(), '1000', 'lab/a', 'temp', '20.5', '1'],
      [new Date(2000).toISOString(), '2000', 'lab/+', '["odd,key"]', '-1', '2'],
      [new Date(3000).toISOString(), '3000', 'lab/+', '["odd,key"]', '0', '3'],
      [new Date(4000).toISOString(), '4000', 'lab/a', 'temp', '1e+21', '4'],
      [new Date(4000).toISOString(), '4000', 'lab/+', '["odd,key"]', '7', '5'],
    ]);
  });
});

describe('export times', () => {
  it('formats ISO times exactly as Date does, across seconds, epochs and extreme years', async () => {
    const { isoTime } = await import('../../shared/export/exported-message');
    for (const ms of [0, 999, 1000, 1_763_000_000_123, 1_763_000_000_999, 1_763_000_001_000, 1_763_000_000_123.9, 253_402_300_799_999, 253_402_300_800_000, -1]) {
      expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('JSON Lines records', () => {
  it('are exactly what JSON.stringify gives for the record', () => {
    for (const message of messages()) {
      const [line] = formatJsonLines([message]).split('\n');
      const parsed = JSON.parse(line ?? '') as Record<string, unknown>;
      expect(line).toBe(JSON.stringify(parsed));
      expect(Object.keys(parsed).slice(0, 8)).toEqual(['id', 'time', 'timeMs', 'direction', 'topic', 'qos', 'retain', 'dup']);
    }
  });
});
