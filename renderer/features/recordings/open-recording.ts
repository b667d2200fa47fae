import { api } from '../../api';
import { selectMessage, showView } from '../../store/app-store';
import { dropSession, setOpenError, setUpload, upsertSession, useRecordingSessions } from './recording-sessions-store';

/**
 * Opens a recording file as a read-only session and shows it. Answers the session's id once the
 * header is read; the messages keep filling the views while the rest of the file is read. Throws
 * with the reason when the file cannot be opened (the sidebar shows it too).
 */
export async function openRecording(path: string): Promise<string> {
  setOpenError(undefined);
  try {
    const view = await api.invoke('recording.open', { path });
    upsertSession(view);
    showView({ kind: 'workspace', connectionId: view.sessionId });
    return view.sessionId;
  } catch (error) {
    setOpenError(error);
    throw error;
  }
}

/** Shows an opened recording with one of its messages selected (ids are the message's ordinal in the file). */
export function showRecordingMessage(sessionId: string, messageId: number): void {
  selectMessage(sessionId, messageId);
  showView({ kind: 'workspace', connectionId: sessionId });
}

/**
 * Shows message `ordinal` of the recording at `path`, opening the file as a session unless it is
 * open already: how a compare line or a file list leads to the messages in the usual views.
 */
export async function showInRecording(path: string, ordinal?: number): Promise<void> {
  const { sessions, order } = useRecordingSessions.getState();
  const open = order.map((sessionId) => sessions[sessionId]).find((session) => session?.path === path && session.error === undefined);
  const sessionId = open?.sessionId ?? (await openRecording(path));
  if (ordinal === undefined) showView({ kind: 'workspace', connectionId: sessionId });
  else showRecordingMessage(sessionId, ordinal);
}

/** A file chosen or dropped: the desktop app opens it where it is; a browser sends it to the server first. */
export async function openRecordingFile(file: File): Promise<string> {
  setOpenError(undefined);
  setUpload(file.name, { fileName: file.name, sentBytes: 0, totalBytes: file.size });
  let path: string;
  try {
    path = await api.pathOfFile(file, (sentBytes, totalBytes) => setUpload(file.name, { fileName: file.name, sentBytes, totalBytes }));
  } catch (error) {
    setOpenError(error);
    throw error;
  } finally {
    setUpload(file.name, undefined);
  }
  return openRecording(path);
}

export async function closeRecording(sessionId: string): Promise<void> {
  await api.invoke('recording.close', { sessionId });
  dropSession(sessionId);
  showView({ kind: 'welcome' });
}
