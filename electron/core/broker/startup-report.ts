import { text, wordText } from '../../../shared/broker/broker-text';
import type { BrokerSnapshot } from '../../../shared/domain/broker';
import type { Translator } from '../../../shared/i18n';
import type { BrokerService } from './broker-service';
import { listenerLabels } from './listen-failure';

/**
 * What a console user needs to hear about the built-in broker at launch: a broker.json that could
 * not be read (and where it went), and, when it is set to start with the app, where it listens or
 * why it did not start. Web mode has no page open yet to show these on. Worded with `t`, the
 * language of the console (LANG), since nothing reads these lines but a person.
 */
export async function brokerStartupReport(broker: BrokerService, t: Translator): Promise<string[]> {
  await broker.startedWithApp();
  const snapshot = broker.snapshot();
  const lines = broker.noticeTexts.map((notice) => wordText(t, text('broker.startup.notice', undefined, { notice })));
  if (!snapshot.settings.autoStart) return lines;
  if (snapshot.state === 'running') {
    const urls = snapshot.listeners.flatMap((listener) => listener.urls);
    lines.push(t('broker.startup.listening', { urls: urls.join(', ') }));
  } else if (snapshot.state === 'failed') {
    // The reason as a sentence when it is one of ours, else as it came (an engine's words).
    const reason = snapshot.reasonText ?? (snapshot.reason === undefined ? text('broker.startup.noReason') : undefined);
    lines.push(wordText(t, text('broker.startup.failed', { reason: snapshot.reason ?? '' }, reason && { reason })));
  }
  return lines;
}

/** One line per listener of a running broker, for a console: "Listening (MQTT): mqtt://127.0.0.1:1883". */
export function listeningLines(snapshot: BrokerSnapshot, t: Translator): string[] {
  return snapshot.listeners.map((listener) => t('broker.startup.listener', { label: listenerLabels[listener.kind], urls: listener.urls.join(', ') }));
}
