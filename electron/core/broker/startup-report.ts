import type { BrokerSnapshot } from '../../../shared/domain/broker';
import type { BrokerService } from './broker-service';
import { listenerLabels } from './listen-failure';

/**
 * What a console user needs to hear about the built-in broker at launch: a broker.json that could
 * not be read (and where it went), and, when it is set to start with the app, where it listens or
 * why it did not start. Web mode has no page open yet to show these on.
 */
export async function brokerStartupReport(broker: BrokerService): Promise<string[]> {
  await broker.startedWithApp();
  const snapshot = broker.snapshot();
  const lines = (snapshot.notices ?? []).map((notice) => `Built-in broker: ${notice}`);
  if (!snapshot.settings.autoStart) return lines;
  if (snapshot.state === 'running') {
    const urls = snapshot.listeners.flatMap((listener) => listener.urls);
    lines.push(`The built-in broker started with the app and listens on ${urls.join(', ')}`);
  } else if (snapshot.state === 'failed') {
    lines.push(`The built-in broker is set to start with the app but did not start: ${snapshot.reason ?? 'no reason was given'}`);
  }
  return lines;
}

/** One line per listener of a running broker, for a console: "Listening (MQTT): mqtt://127.0.0.1:1883". */
export function listeningLines(snapshot: BrokerSnapshot): string[] {
  return snapshot.listeners.map((listener) => `Listening (${listenerLabels[listener.kind]}): ${listener.urls.join(', ')}`);
}
