import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { HistoryUpdate } from '../../../shared/domain/message';
import { isRecordingSessionId } from '../../../shared/domain/recording-session';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { FlowFeed } from '../flows/flow-feed';
import type { LifelineFeed } from '../lifeline/lifeline-feed';
import type { MessageStore } from '../messages/message-store';
import type { PacketLog } from '../packets/packet-log';
import type { TopicTreeFeed } from '../topics/topic-tree-feed';

/**
 * What the views read: a message history with its topic tree, packets, flows and lifeline. A live
 * connection is one; a recording opened from a file is another, which nothing can change.
 */
export interface Session {
  readonly id: string;
  readonly store: MessageStore;
  readonly packets: PacketLog;
  readonly topics: TopicTreeFeed;
  readonly lifeline: LifelineFeed;
  readonly flows: FlowFeed;
  history(): HistoryUpdate;
  snapshot(): ConnectionSnapshot;
}

export interface SessionSource {
  get(sessionId: string): Session;
}

/** Resolves an id the views send to the connection or the opened recording it names. */
export class SessionDirectory {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly recordings: SessionSource,
    /** Connections that are no profile of the user's: an open lesson's actors. */
    private readonly others: (id: string) => Connection | undefined = () => undefined,
  ) {}

  /** For reading: either kind. */
  get(id: string): Session {
    if (isRecordingSessionId(id)) return this.recordings.get(id);
    return this.others(id) ?? this.connections.get(id);
  }

  /** For anything that changes the session or talks to a broker: a live connection only. */
  live(id: string): Connection {
    if (isRecordingSessionId(id)) refuseRecording();
    return this.connections.get(id);
  }
}

export function refuseRecording(): never {
  throw new AppError('invalid_input', msg('connections.error.recordingReadOnly'));
}
