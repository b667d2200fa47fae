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
import { msg } from '../../../shared/i18n';
import { wordingOf } from './worded-error';

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
    if (!session) throw new AppError('not_found', msg('recordings.core.notOpen'));
    return session;
  }

  list(): RecordingSessionView[] {
    return [...this.sessions.values()].map((session) => session.sessionView());
  }

  /** Answers once the header is read; the rest of the file is read in the background. */
  async open(path: string): Promise<RecordingSessionView> {
    if (!isAbsolute(path)) throw new AppError('invalid_input', msg('recordings.core.notFullPath', { path }));
    await sniff(path);
    const sessionId = `${RECORDING_SESSION_PREFIX}${this.nextNumber++}`;
    const session = new OpenedRecording(sessionId, path, this.bus, this.historyBudget());
    this.sessions.set(sessionId, session);
    try {
      await session.start();
    } catch (error) {
      this.sessions.delete(sessionId);
      session.close();
      throw new AppError('invalid_input', wordingOf(error));
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
    if (info.isDirectory()) throw new AppError('invalid_input', msg('recordings.core.isFolder', { path }));
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT') throw new AppError('not_found', msg('recordings.core.noFile', { path }));
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('storage_error', msg('recordings.core.mayNotRead', { path, code }));
    throw new AppError('storage_error', msg('recordings.core.couldNotOpen', { path, code }));
  }
  if (size === 0) throw new AppError('invalid_input', msg('recordings.core.empty', { path }));
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
    throw new AppError('storage_error', msg('recordings.core.couldNotRead', { path, code: errorCode(error) }));
  }
  const firstLineEnds = head.indexOf(0x0a);
  if (head[0] !== 0x7b /* { */ || (firstLineEnds === -1 && size > head.length)) {
    throw new AppError('invalid_input', msg('recordings.core.noHeader', { path }));
  }
}
