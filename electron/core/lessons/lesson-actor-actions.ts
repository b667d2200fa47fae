import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { Profile } from '../../../shared/domain/profile';
import type { Action, LessonActor } from '../../../shared/lessons/lesson-format';
import type { TracePacket } from '../../../shared/lessons/lesson-trace';
import { msg, type Message, type Translator } from '../../../shared/i18n';
import type { Connection } from '../connections/connection';
import { cutSocket, publishOptionsOf, sendAuth, stopPinging } from './lesson-actors';

const CONNECT_WAIT_MS = 6000;
const CUT_WAIT_MS = 2000;

/** One actor of a running lesson: its connection and what the lesson knows of it. */
export interface ActorRuntime {
  actor: LessonActor;
  profile: Profile;
  connection: Connection;
  clientId: string;
  state: ConnectionSnapshot['status'];
  /** Set while a close the lesson asked for (cut, disconnect) is under way, with the words for it. */
  closing?: Message;
}

type ActorAction = Extract<Action, { actor: string }>;

export interface ActorActionOptions {
  /** Slow motion: a publish does not wait for its acknowledgement at all. */
  slow: boolean;
  waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean>;
  /** The run's trace so far, for an actor answering the requests it received. */
  trace?(): readonly TracePacket[];
}

/**
 * Does what an action asks of one actor's connection. What the broker refuses (a subscription, a
 * connection) is said in a note, not thrown: the step's checks judge what happened.
 */
/** Says a note in every language: the run keeps the English in `notes` and the rest beside it. */
export type Note = (word: (t: Translator) => string) => void;

/** An error's text in the note's language: a core error's key worded, else its own text (not ours). */
export function errorIn(t: Translator, error: unknown): string {
  const text = (error as { text?: { key: string; params?: Record<string, string | number> } } | undefined)?.text;
  const message = error instanceof Error ? error.message : String(error);
  return text ? t.msg(text, message) : message;
}

export async function actOnActor(action: ActorAction, runtime: ActorRuntime, note: Note, options: ActorActionOptions): Promise<void> {
  const { connection } = runtime;
  switch (action.do) {
    case 'connect': {
      connection.updateProfile(action.clean === undefined ? runtime.profile : { ...runtime.profile, clean: action.clean });
      runtime.closing = undefined;
      connection.connect();
      const settled = await options.waitFor(() => runtime.state.state !== 'connecting', CONNECT_WAIT_MS);
      if (runtime.state.state !== 'connected') {
        const { reason, state } = runtime.state;
        note((t) => t('lessons.note.didNotConnect', { actor: action.actor, reason: settled ? (reason ?? state) : t('lessons.note.noConnack', { seconds: String(CONNECT_WAIT_MS / 1000) }) }));
      }
      return;
    }
    case 'disconnect': {
      runtime.closing = action.reasonCode === undefined ? msg('lessons.closing.disconnected') : msg('lessons.closing.disconnectedWithCode', { code: `0x${action.reasonCode.toString(16).padStart(2, '0')}` });
      await connection.disconnect({
        ...(action.reasonCode === undefined ? {} : { reasonCode: action.reasonCode }),
        ...(action.sessionExpirySeconds === undefined ? {} : { sessionExpiryInterval: action.sessionExpirySeconds }),
      });
      return;
    }
    case 'subscribe': {
      const subscribeOptions = definedOnly({ noLocal: action.noLocal, retainAsPublished: action.retainAsPublished, retainHandling: action.retainHandling });
      const result = await connection.subscribe(action.filter, action.qos, Object.keys(subscribeOptions).length > 0 ? subscribeOptions : undefined);
      if (result.state === 'failed') note((t) => t('lessons.note.subscribeRefused', { actor: action.actor, filter: action.filter, reason: result.reason ?? t('lessons.note.noReason') }));
      return;
    }
    case 'unsubscribe':
      await connection.unsubscribe(action.filter);
      return;
    case 'publish': {
      const payload = action.payloadBytes === undefined ? new TextEncoder().encode(action.payload) : new Uint8Array(action.payloadBytes).fill(0x78);
      // Not awaited to the end: a QoS 1 or 2 publish whose acknowledgement a fault drops would hold
      // the lesson. The step's checks, or a wait-until, read what happened from the trace.
      const published = connection.publish(action.topic, payload, action.qos, action.retain, publishOptionsOf(action.properties, action.topicAlias));
      published.catch((error: unknown) => note((t) => t('lessons.note.publishFailed', { actor: action.actor, topic: action.topic, error: errorIn(t, error) })));
      await Promise.race([published.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(resolve, options.slow ? 0 : 50))]);
      return;
    }
    case 'respond': {
      const request = lastRequestTo(action.actor, options.trace?.() ?? [], action.request);
      if (!request) {
        note((t) => t('lessons.note.noRequest', { actor: action.actor, request: action.request === undefined ? '' : ` "${action.request}"` }));
        return;
      }
      const correlationData = request.properties?.correlationData;
      const published = connection.publish(request.responseTopic, new TextEncoder().encode(action.payload), action.qos, false, publishOptionsOf(typeof correlationData === 'string' ? { correlationData } : undefined, undefined));
      published.catch((error: unknown) => note((t) => t('lessons.note.answerFailed', { actor: action.actor, topic: request.responseTopic, error: errorIn(t, error) })));
      await Promise.race([published.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(resolve, options.slow ? 0 : 50))]);
      return;
    }
    case 'cut': {
      const client = connection.liveClient('cutSocket');
      runtime.closing = msg('lessons.closing.cut');
      cutSocket(client);
      await options.waitFor(() => runtime.state.state !== 'connected', CUT_WAIT_MS);
      return;
    }
    case 'send-auth':
      sendAuth(connection.liveClient('sendAuth'), action.method);
      await options.waitFor(() => runtime.state.state !== 'connected', CUT_WAIT_MS);
      return;
    case 'stop-pinging':
      stopPinging(connection.liveClient('stopPinging'));
      return;
  }
}

function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The newest PUBLISH the actor received that names a Response Topic (and has this payload, if given): the request it answers. */
export function lastRequestTo(actor: string, packets: readonly TracePacket[], payload?: string): (TracePacket & { responseTopic: string }) | undefined {
  for (let index = packets.length - 1; index >= 0; index--) {
    const packet = packets[index];
    const responseTopic = packet?.properties?.responseTopic;
    if (packet && packet.tap === 'actors' && packet.type === 'PUBLISH' && packet.to === actor && typeof responseTopic === 'string' && (payload === undefined || packet.payload === payload)) return { ...packet, responseTopic };
  }
  return undefined;
}
