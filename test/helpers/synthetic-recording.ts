import { RecordingWriter } from '../../electron/core/recording/recording-writer';
import { noSecrets, viewOfProfile } from '../../shared/domain/profile';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/records';
import { profileFor } from './profiles';

/**
 * A recording as the recorder writes it, without a broker: `messages` QoS 0 messages received on
 * 1,000 topics (bench/N/value, 100-byte JSON payloads, 20 per ms), each preceded by its PUBLISH packet.
 */
export function writeSyntheticRecording(path: string, messages: number): void {
  const writer = RecordingWriter.create(path, (message) => {
    throw new Error(message);
  });
  const profile = viewOfProfile({ ...profileFor(1883, { name: 'synthetic' }), secrets: { ...noSecrets }, subscriptions: [] });
  writer.append({ type: 'header', format: RECORDING_FORMAT, version: RECORDING_VERSION, appVersion: 'synthetic', startedAt: new Date(0).toISOString(), startWallMs: 0, startMonotonicMs: 0, connections: [{ connectionId: profile.id, profile, subscriptions: ['bench/#'] }] });
  const payload = Buffer.from(`{"value":${'1'.repeat(88)}}`).toString('base64');
  for (let index = 0; index < messages; index++) {
    const topic = `bench/${index % 1000}/value`;
    const time = index * 0.05;
    writer.append({ type: 'packet', c: profile.id, seq: index + 1, t: time, m: time, dir: 'received', cmd: 'publish', qos: 0, dup: false, retain: false, topic });
    writer.append({ type: 'message', c: profile.id, id: index + 1, t: time, m: time, dir: 'in', topic, qos: 0, retain: false, dup: false, payload });
  }
  writer.close({ type: 'footer', endedAt: new Date(0).toISOString(), counts: { messages, packets: messages, events: 0 } });
}
