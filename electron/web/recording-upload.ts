import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkCaller } from './web-transport';
import type { UpgradeGuard } from './web-transport';

/** Where the browser sends a recording to open: a browser cannot say where a chosen file lives. */
export const recordingUploadPath = '/upload/recording';
/** The header carrying the per-launch token; a header, so it stays out of logs of URLs. */
export const uploadTokenHeader = 'x-mqtt-lab-token';
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

/**
 * Takes a recording file from the page and streams it to disk in `folder`, under a fresh name, so
 * a file of any size passes through a fixed amount of memory. Answers `{ path }` to open, or
 * `{ error }`. The same checks as the socket: our own origin and host, and the token.
 */
export async function receiveRecordingUpload(request: IncomingMessage, response: ServerResponse, guard: UpgradeGuard, folder: string, headers: Record<string, string>): Promise<void> {
  const answer = (status: number, body: { path: string } | { error: string }) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const token = request.headers[uploadTokenHeader];
  const verdict = checkCaller(request, guard, typeof token === 'string' ? token : '');
  if (!verdict.ok) {
    request.resume();
    answer(verdict.status, { error: `Refused: ${verdict.reason}.` });
    return;
  }
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > MAX_UPLOAD_BYTES) {
    request.resume();
    answer(413, { error: 'The file is larger than 8 GB.' });
    return;
  }
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  // A folder of its own for each upload: the file keeps its name (shown as the session's name), and
  // two uploads of the same name never meet.
  const own = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`);
  const path = join(own, safeName(url.searchParams.get('name') ?? ''));
  try {
    await mkdir(own, { recursive: true, mode: 0o700 });
    await pipeline(request, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(own, { recursive: true, force: true });
    if (!response.headersSent) answer(500, { error: `The file could not be saved to ${folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}).` });
    return;
  }
  answer(200, { path });
}

/** The original name's readable part, and nothing that could leave the folder. */
function safeName(original: string): string {
  return original.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '').slice(-120) || 'recording.mqttrec.jsonl';
}
