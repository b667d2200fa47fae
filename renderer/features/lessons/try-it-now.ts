/**
 * "Try it now": the built-in broker started (on its port, or the next free one), a connection to it,
 * connected, subscribed to `#`, and a first message published, in one click.
 */
import type { BrokerSnapshot } from '../../../shared/domain/broker';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import { msg, type Message } from '../../../shared/i18n';
import { api } from '../../api';
import { WordedError } from './worded-error';
import { setBroker, showView, upsertConnection, useAppStore } from '../../store/app-store';

/** How many ports after the saved one are tried when it is taken. */
const PORT_TRIES = 10;
const CONNECT_TIMEOUT_MS = 10_000;
export const TRY_IT_NOW_TOPIC = 'mqtt-lab/hello';
export const TRY_IT_NOW_PAYLOAD = 'Hello from MQTT Lab: this message went through the built-in broker and came back on #.';

async function startBroker(): Promise<{ broker: BrokerSnapshot; movedFrom?: number }> {
  let broker = await api.invoke('broker.get', {});
  if (broker.state === 'running') return { broker };
  const firstPort = broker.settings.tcpPort;
  for (let attempt = 0; attempt < PORT_TRIES; attempt += 1) {
    broker = await api.invoke('broker.start', {});
    setBroker(broker);
    if (broker.state === 'running') return attempt === 0 ? { broker } : { broker, movedFrom: firstPort };
    // Most often the port is taken (another broker on 1883): the next one is tried, and kept.
    const { settings } = broker;
    const { users: _users, tlsKeySet: _tlsKeySet, ...fields } = settings;
    await api.invoke('broker.saveSettings', { settings: { ...fields, tcpPort: settings.tcpPort + 1, users: settings.users.map((user) => ({ username: user.username })) } });
  }
  throw new WordedError(msg(broker.reason ? 'lessons.tryItNow.brokerFailed' : 'lessons.tryItNow.brokerFailedNoReason', { first: String(firstPort), last: String(firstPort + PORT_TRIES - 1), reason: broker.reason ?? '' }));
}

function waitConnected(connectionId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (snapshot: ConnectionSnapshot | undefined) => {
      if (snapshot?.status.state === 'connected') return true;
      if (snapshot?.status.state === 'failed') throw new WordedError(msg(snapshot.status.reason ? 'lessons.tryItNow.connectionFailed' : 'lessons.tryItNow.connectionFailedNoReason', { reason: snapshot.status.reason ?? '' }));
      return false;
    };
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new WordedError(msg('lessons.tryItNow.timeout')));
    }, CONNECT_TIMEOUT_MS);
    const onChange = () => {
      try {
        if (!check(useAppStore.getState().connections[connectionId])) return;
        resolve();
      } catch (failure) {
        reject(failure);
      }
      clearTimeout(timer);
      stop();
    };
    stop = useAppStore.subscribe(onChange);
    onChange();
  });
}

/** Returns a note for the user when the port had to change, worded where it is shown. */
export async function tryItNow(): Promise<Message | undefined> {
  const { broker, movedFrom } = await startBroker();
  const snapshot = await api.invoke('broker.connectProfile', {});
  upsertConnection(snapshot);
  upsertConnection(await api.invoke('connection.connect', { connectionId: snapshot.connectionId }));
  await waitConnected(snapshot.connectionId);
  await api.invoke('subscription.add', { connectionId: snapshot.connectionId, filter: '#', qos: 0 });
  await api.invoke('message.publish', { connectionId: snapshot.connectionId, topic: TRY_IT_NOW_TOPIC, qos: 0, retain: false, payload: TRY_IT_NOW_PAYLOAD, encoding: 'utf8' });
  showView({ kind: 'workspace', connectionId: snapshot.connectionId });
  return movedFrom === undefined ? undefined : msg('lessons.tryItNow.portMoved', { from: String(movedFrom), port: String(broker.listeners[0]?.port ?? 'unknown') });
}
