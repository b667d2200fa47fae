import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { EventRecord, FooterRecord, HeaderRecord, MessageRecord, PacketRecord } from '../../../shared/recording/records';
import { parseRecordLine } from '../../../shared/recording/records';
import { errorCode } from '../storage/atomic-file';
import { english, msg, type Message } from '../../../shared/i18n';
import { WordedError } from './worded-error';

export interface RecordingVisitor {
  header?(record: HeaderRecord): void;
  message?(record: MessageRecord): void;
  packet?(record: PacketRecord): void;
  event?(record: EventRecord): void;
  /** Bytes read so far and the file's size, a few times a second at most. */
  progress?(readBytes: number, totalBytes: number): void;
}

export interface ReadSummary {
  header: HeaderRecord;
  footer?: FooterRecord;
  counts: { messages: number; packets: number; events: number };
  /**
   * Set when the file does not end as a clean stop leaves it: no footer (the recording process
   * died), and whether the last line was cut mid-record. Everything before is intact.
   */
  cut?: string;
  /** The same note as a Message, for the renderer and the CLI to word. */
  cutText?: Message;
  /** Lines that were not records, with their line numbers; reading goes on past them. */
  problems: string[];
}

const PROGRESS_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * Streams a recording line by line, so a file of a million messages never sits in memory as one
 * string, and hands each record to the visitor. A damaged line is reported and skipped; a file cut
 * short by a crash reads up to its last complete line, and the cut is reported.
 */
export async function readRecording(path: string, visitor: RecordingVisitor = {}, signal?: AbortSignal): Promise<ReadSummary> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(path)).size;
  } catch (error) {
    throw new WordedError(msg('recordings.core.couldNotOpen', { path, code: errorCode(error) }));
  }
  let header: HeaderRecord | undefined;
  let footer: FooterRecord | undefined;
  const counts = { messages: 0, packets: 0, events: 0 };
  const problems: string[] = [];
  let lineNumber = 0;
  let readBytes = 0;
  let nextProgress = PROGRESS_EVERY_BYTES;
  let carry = '';

  const handle = (line: string): void => {
    lineNumber++;
    if (line === '') return;
    const record = parseRecordLine(line);
    if ('problem' in record) {
      if (lineNumber === 1) throw new WordedError(msg('recordings.core.badFirstLine', { path, problem: record.problem }));
      problems.push(`line ${lineNumber}: ${record.problem}`);
      return;
    }
    if (lineNumber === 1 && record.type !== 'header') throw new WordedError(msg('recordings.core.headerFirst', { path }));
    switch (record.type) {
      case 'header':
        header = record;
        visitor.header?.(record);
        break;
      case 'message':
        counts.messages++;
        visitor.message?.(record);
        break;
      case 'packet':
        counts.packets++;
        visitor.packet?.(record);
        break;
      case 'event':
        counts.events++;
        visitor.event?.(record);
        break;
      case 'footer':
        footer = record;
        break;
    }
  };

  // An abort (a session closed while its file is read) ends the stream; the caller asked for it, so it hears no summary.
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      readBytes += Buffer.byteLength(chunk);
      const text = carry + chunk;
      let start = 0;
      for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
        handle(text.slice(start, end));
        start = end + 1;
      }
      carry = text.slice(start);
      if (readBytes >= nextProgress) {
        visitor.progress?.(readBytes, totalBytes);
        nextProgress = readBytes + PROGRESS_EVERY_BYTES;
      }
    }
  } catch (error) {
    if (error instanceof WordedError) throw error;
    throw new WordedError(msg('recordings.core.couldNotRead', { path, code: errorCode(error) }));
  }
  visitor.progress?.(readBytes, totalBytes);

  let cutLine: { line: string; bytes: string } | undefined;
  if (carry !== '') {
    // A last line without its newline is a record the crash cut in half: everything before it is whole.
    if (lineNumber === 0) throw new WordedError(msg('recordings.core.noFirstLine', { path }));
    cutLine = { line: String(lineNumber + 1), bytes: String(Buffer.byteLength(carry)) };
  }
  if (!header) throw new WordedError(msg('recordings.core.empty', { path }));
  const cutText = !footer
    ? cutLine
      ? msg('recordings.core.cutLineNoFooter', cutLine)
      : msg('recordings.core.noFooter')
    : cutLine
      ? msg('recordings.core.cutLine', cutLine)
      : undefined;
  const cut = cutText && english(cutText.key, cutText.params);
  const summary: ReadSummary = { header, counts, problems };
  if (footer) summary.footer = footer;
  if (cut && cutText) {
    summary.cut = cut;
    summary.cutText = cutText;
  }
  return summary;
}
