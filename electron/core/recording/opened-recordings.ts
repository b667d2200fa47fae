import { open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { RECORDING_SESSION_PREFIX } from '../../../shared/domain/recording-session';
import type { RecordingSessionView } from '../../../shared/domain/recording-session';
import { AppError } from '../app-error';
import type { EventBus } from '../event-bus';
import type { MessageBudget } from '../messages/message-store';
import type { SessionSource } from '../sessions/session';
import { errorCode } from '../storage/atomic-file';
import { OpenedRecording } from './opened-recording';

/** A header line longer than this is not one the recorder wrote: such a file is not read to its end to find out. */
const SNIFF_BYTES = 1024 * 1024;

/** The recordings opened as read-only sessions, by session id. */
export class OpenedRecordings implements SessionSource {
  private readonly sessions = new Map<string, OpenedRecording>();
  private nextNumber = 1;

  constructor(
    private readonly bus: EventBus,
    private readonly historyBudget: () => MessageBudget,
  ) {}

  get(sessionId: string): OpenedRecording {
    const session = this.sessions.get(sessionId);
    if (!session) throw new AppError('not_found', 'That recording is no longer open. Open the file again.');
    return session;
  }

  list(): RecordingSessionView[] {
    return [...this.sessions.values()].map((session) => session.sessionView());
  }

  /** Answers once the header is read; the rest of the file is read in the background. */
  async open(path: string): Promise<RecordingSessionView> {
    if (!isAbsolute(path)) throw new AppError('invalid_input', `path: ${path} is not a full path; give one such as /home/me/run-1.mqttrec.jsonl.`);
    await sniff(path);
    const sessionId = `${RECORDING_SESSION_PREFIX}${this.nextNumber++}`;
    const session = new OpenedRecording(sessionId, path, this.bus, this.historyBudget());
    this.sessions.set(sessionId, session);
    try {
      await session.start();
    } catch (error) {
      this.sessions.delete(sessionId);
      session.close();
      throw new AppError('invalid_input', (error as Error).message);
    }
    return session.sessionView();
  }

  close(sessionId?: string): void {
    const closing = sessionId === undefined ? [...this.sessions.keys()] : [sessionId];
    for (const id of closing) {
      const session = this.sessions.get(id);
      if (!session) continue;
      this.sessions.delete(id);
      session.close();
      this.bus.emit('recording.session.closed', { sessionId: id });
    }
  }
}

/** Refuses what is plainly not a recording before a session is made for it, with the reason. */
async function sniff(path: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new AppError('invalid_input', `${path} is a folder, not a recording file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT') throw new AppError('not_found', `There is no file at ${path}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('storage_error', `MQTT Lab may not read ${path} (${code}).`);
    throw new AppError('storage_error', `${path} could not be opened (${code}).`);
  }
  if (size === 0) throw new AppError('invalid_input', `${path} is empty: it is not an MQTT Lab recording.`);
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new AppError('storage_error', `${path} could not be read (${errorCode(error)}).`);
  }
  const firstLineEnds = head.indexOf(0x0a);
  if (head[0] !== 0x7b /* { */ || (firstLineEnds === -1 && size > head.length)) {
    throw new AppError('invalid_input', `${path} is not an MQTT Lab recording: it does not start with a recording header.`);
  }
}
