import { create } from 'zustand';
import type { RecordingSessionView } from '../../../shared/domain/recording-session';
import { api } from '../../api';

/** A file on its way to the web server, before it can be opened (web mode only). */
export interface Upload {
  fileName: string;
  sentBytes: number;
  totalBytes: number;
}

interface RecordingSessionsState {
  sessions: Record<string, RecordingSessionView>;
  order: string[];
  uploads: Upload[];
  /** Why the last file could not be opened, until the next one is. */
  /** The failure itself, worded at render time (describeError) so a language switch rewords it. */
  openError: unknown;
}

/** The opened recordings, apart from the app store: the recordings feature owns this state. */
export const useRecordingSessions = create<RecordingSessionsState>()(() => ({ sessions: {}, order: [], uploads: [], openError: undefined }));

export function upsertSession(view: RecordingSessionView): void {
  useRecordingSessions.setState((state) => ({
    sessions: { ...state.sessions, [view.sessionId]: view },
    order: state.order.includes(view.sessionId) ? state.order : [...state.order, view.sessionId],
  }));
}

export function dropSession(sessionId: string): void {
  useRecordingSessions.setState((state) => {
    const { [sessionId]: _closed, ...sessions } = state.sessions;
    return { sessions, order: state.order.filter((id) => id !== sessionId) };
  });
}

export function setOpenError(openError: unknown): void {
  useRecordingSessions.setState({ openError });
}

export function setUpload(fileName: string, upload: Upload | undefined): void {
  useRecordingSessions.setState((state) => ({ uploads: [...state.uploads.filter((entry) => entry.fileName !== fileName), ...(upload ? [upload] : [])] }));
}

let feedUsers = 0;
let stopFeed: (() => void) | undefined;

/** Keeps the list in step with the core: the events, and the whole list again whenever the link (re)opens. */
export function startRecordingSessionsFeed(): () => void {
  feedUsers++;
  if (!stopFeed) {
    const offUpdated = api.on('recording.session.updated', upsertSession);
    const offClosed = api.on('recording.session.closed', ({ sessionId }) => dropSession(sessionId));
    const offLink = api.onLinkChange((link) => {
      if (link.state !== 'open') return;
      void api.invoke('recording.sessions', {}).then(({ sessions }) => {
        useRecordingSessions.setState({ sessions: Object.fromEntries(sessions.map((view) => [view.sessionId, view])), order: sessions.map((view) => view.sessionId) });
      });
    });
    stopFeed = () => {
      offUpdated();
      offClosed();
      offLink();
    };
  }
  return () => {
    feedUsers--;
    if (feedUsers === 0) {
      stopFeed?.();
      stopFeed = undefined;
    }
  };
}
