import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { RecordingRecord } from '../../../shared/recording/records';
import { errorCode } from '../storage/atomic-file';
import { english, msg, type Message } from '../../../shared/i18n';
import { WordedError } from './worded-error';

/** Well under the "at least every second": a crash loses at most this much. */
export const FLUSH_INTERVAL_MS = 250;
/** A burst writes as soon as this much waits, so memory stays bounded whatever the rate. */
const FLUSH_BYTES = 4 * 1024 * 1024;

/** Told once when writing fails: the English sentence (logs, the CLI's JSON) and the same as a Message. */
export type WriteFailure = (message: string, text: Message) => void;

/**
 * Appends records to a recording file as JSON Lines. Records are collected and written together
 * every FLUSH_INTERVAL_MS (or sooner when a lot waits), so the per-message cost is a string
 * concatenation, and what a crash can lose is bounded by the interval. A write error stops the
 * writer at once and is reported; what was written before stays a readable file.
 */
export class RecordingWriter {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private failed: string | undefined;
  bytesWritten = 0;

  private constructor(
    readonly path: string,
    fd: number,
    private readonly onFailure: WriteFailure,
  ) {
    this.fd = fd;
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref?.();
  }

  /** Creates the file; refuses to replace one that exists, so no earlier recording is lost. */
  static create(path: string, onFailure: WriteFailure): RecordingWriter {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      throw new WordedError(describeOpenError(path, error));
    }
    return new RecordingWriter(path, fd, onFailure);
  }

  get failure(): string | undefined {
    return this.failed;
  }

  append(record: RecordingRecord): void {
    if (this.fd === undefined) return;
    const line = `${JSON.stringify(record)}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Hands what waits to the operating system, which keeps it even if this process is killed. */
  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    let offset = 0;
    try {
      while (offset < chunk.length) offset += writeSync(this.fd, chunk, offset, chunk.length - offset);
      this.bytesWritten += chunk.length;
    } catch (error) {
      this.dropPartialLine(chunk, offset);
      this.fail(msg(errorCode(error) === 'ENOSPC' ? 'recordings.core.writeFailedFull' : 'recordings.core.writeFailed', { path: this.path, code: errorCode(error) }));
    }
  }

  /** Writes the last record (the footer), syncs and closes. */
  close(last?: RecordingRecord): void {
    if (last) this.append(last);
    this.flush();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return;
    try {
      fsyncSync(fd);
    } catch {
      // The data is with the operating system already; only its durability on power loss is at stake.
    }
    closeSync(fd);
  }

  /**
   * A full disk can take part of a chunk: cut the file back to the last whole line written, so it
   * ends as a crash would leave it at worst, with every line in it whole.
   */
  private dropPartialLine(chunk: Buffer, written: number): void {
    const whole = written === 0 ? 0 : chunk.lastIndexOf(0x0a, written - 1) + 1;
    this.bytesWritten += whole;
    if (whole === written || this.fd === undefined) return;
    try {
      ftruncateSync(this.fd, this.bytesWritten);
    } catch {
      // The reader still copes: it reports a cut last line and reads everything before it.
    }
  }

  private fail(text: Message): void {
    const message = english(text.key, text.params);
    this.failed = message;
    this.pending = [];
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already failing; the message above says what matters.
      }
    }
    this.onFailure(message, text);
  }
}

function describeOpenError(path: string, error: unknown): Message {
  const code = errorCode(error);
  if (code === 'EEXIST') return msg('recordings.core.exists', { path });
  if (code === 'ENOENT') return msg('recordings.core.noFolder', { path });
  if (code === 'EACCES' || code === 'EPERM') return msg('recordings.core.mayNotWrite', { path, code });
  return msg('recordings.core.couldNotCreate', { path, code });
}
