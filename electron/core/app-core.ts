import { base64ToBytes } from '../../shared/payload/preview';
import { englishNested, nested } from '../../shared/i18n/nested';
import type { Profile } from '../../shared/domain/profile';
import { noSecrets } from '../../shared/domain/profile';
import { Router } from '../ipc/router';
import { AppError } from './app-error';
import { registerBrokerHandlers } from './broker/broker-handlers';
import { BrokerService } from './broker/broker-service';
import { ConnectionRegistry } from './connections/connection-registry';
import { EventBus } from './event-bus';
import { registerFlowHandlers } from './flows/flow-handlers';
import { registerExchangeHandlers } from './exchange/exchange-handlers';
import { ExchangeService } from './exchange/exchange-service';
import { registerMessageHandlers } from './messages/message-handlers';
import { registerPacketHandlers } from './packets/packet-handlers';
import { registerSettingsHandlers } from './settings/settings-handlers';
import { Recorder } from './recording/recorder';
import { registerRecordingHandlers } from './recording/recording-handlers';
import { OpenedRecordings } from './recording/opened-recordings';
import { registerRecordingSessionHandlers } from './recording/recording-session-handlers';
import { SessionDirectory } from './sessions/session';
import { registerReplayHandlers } from './replay/replay-handlers';
import { Replayer } from './replay/replayer';
import { exportProfiles } from './profiles/profile-export';
import { parseProfileImport } from './profiles/profile-import';
import { ProfileStore } from './profiles/profile-store';
import { registerTopicTreeHandlers } from './topics/topic-tree-handlers';
import { registerLifelineHandlers } from './lifeline/lifeline-handlers';
import { sweepAbandonedSaves } from './storage/abandoned-saves';
import { registerScheduleHandlers } from './schedules/schedule-handlers';
import { ScheduleService } from './schedules/schedule-service';
import { registerSimulatorHandlers } from './simulator/simulator-handlers';
import { SimulatorService } from './simulator/simulator-service';
import { registerSavedMessageHandlers } from './saved-messages/saved-messages-handlers';
import { SavedMessagesStore } from './saved-messages/saved-messages-store';
import { registerLessonHandlers } from './lessons/lesson-handlers';
import { LessonService } from './lessons/lesson-service';
import type { SecretBox } from './profiles/secret-box';
import { SecretStorageRefused } from './profiles/secret-box';

export interface AppCore {
  router: Router;
  bus: EventBus;
  connections: ConnectionRegistry;
  broker: BrokerService;
  lessons: LessonService;
  close(): Promise<void>;
}

export interface CoreOptions {
  mode: 'electron' | 'web';
  version: string;
  /** The system's language as Electron reports it (app.getLocale()); web mode leaves it to the browser. */
  systemLocale?: string;
  /** Where the profiles are kept. Without it they live in memory only, as in tests of other things. */
  storage?: CoreStorage;
}

export interface CoreStorage {
  /** The folder of profiles.json and broker.json: Electron's userData, or web mode's --data-dir. */
  dataDir: string;
  /** Seals secrets before they reach the file: safeStorage in Electron, AES-GCM in web mode. */
  secretBox: SecretBox;
}

/**
 * The whole main-process core, free of Electron: the Electron shell, the web shell and the
 * integration tests all build exactly this and differ only in the transport they attach.
 */
export function createCore(options: CoreOptions): AppCore {
  const bus = new EventBus();
  const router = new Router();
  if (options.storage) sweepAbandonedSaves(options.storage.dataDir);
  const store = options.storage ? ProfileStore.inDataDir(options.storage.dataDir, options.storage.secretBox) : undefined;
  const connections = new ConnectionRegistry(bus, store);
  if (store) connections.load(store.load());

  const settingsNotices = registerSettingsHandlers(router, bus, connections, options.storage?.dataDir);

  router.handle('app.info', () => ({ mode: options.mode, version: options.version, ...(options.systemLocale ? { systemLocale: options.systemLocale } : {}) }));
  // The notices describe the file as it was found at start, so every window that asks hears them.
  router.handle('connection.list', () => ({
    connections: connections.list(),
    notices: [...(store?.notices ?? []), ...settingsNotices.notices],
    noticeTexts: [...(store?.noticeTexts ?? []), ...settingsNotices.noticeTexts],
  }));
  router.handle('connection.save', ({ profile }) => connections.save(profile));
  router.handle('connection.duplicate', ({ connectionId }) => connections.duplicate(connectionId));
  router.handle('profiles.export', ({ connectionIds, includeSecrets }) => {
    const profiles = connectionIds.length === 0 ? connections.profiles() : [...new Set(connectionIds)].map((connectionId) => connections.profile(connectionId));
    return exportProfiles(profiles, includeSecrets);
  });
  router.handle('profiles.import', async ({ fileName, content }) => {
    const { profiles, warnings, warningTexts } = parseProfileImport(fileName, content);
    try {
      return { imported: await connections.add(profiles), warnings, warningTexts };
    } catch (error) {
      if (!(error instanceof SecretStorageRefused) || !profiles.some(hasSecrets)) throw error;
      // Better the connections without their passwords than no connections at all.
      const imported = await connections.add(profiles.map((profile) => ({ ...profile, secrets: { ...noSecrets } })));
      const lost = nested('connections.import.secretsRefused', { detail: error.message });
      return { imported, warnings: [...warnings, englishNested(lost)], warningTexts: [...warningTexts, lost] };
    }
  });
  router.handle('connection.discardPending', ({ connectionId }) => ({ discarded: connections.get(connectionId).discardPending() }));
  router.handle('connection.pending', ({ connectionId, offset, limit }) => connections.get(connectionId).pendingPage(offset, limit));
  router.handle('connection.connect', ({ connectionId }) => connections.get(connectionId).connect());
  router.handle('connection.disconnect', ({ connectionId, ...options }) => connections.get(connectionId).disconnect(options));
  router.handle('connection.remove', async ({ connectionId }) => {
    await connections.remove(connectionId);
    return {};
  });
  // Saved with the profile so they come back after a restart; only granted ones, as a refused one would be refused again.
  router.handle('subscription.add', async ({ connectionId, filter, qos, options }) => {
    const result = await connections.get(connectionId).subscribe(filter, qos, options);
    if (result.state === 'granted') await connections.rememberSubscription(connectionId, filter, qos, result.options);
    return result;
  });
  router.handle('subscription.remove', async ({ connectionId, filter }) => {
    const result = await connections.get(connectionId).unsubscribe(filter);
    await connections.forgetSubscription(connectionId, filter);
    return result;
  });
  router.handle('message.publish', ({ connectionId, topic, qos, retain, payload, encoding, properties, topicAlias }) => {
    let bytes: Uint8Array;
    try {
      bytes = encoding === 'base64' ? base64ToBytes(payload) : new TextEncoder().encode(payload);
    } catch (error) {
      throw new AppError('invalid_input', `payload: ${(error as Error).message}`);
    }
    const options = properties || topicAlias ? { ...(properties ? { properties } : {}), ...(topicAlias ? { topicAlias } : {}) } : undefined;
    return connections.get(connectionId).publish(topic, bytes, qos, retain, options);
  });
  const recordings = new OpenedRecordings(bus, () => connections.historyBudget);
  // A lesson's actors are connections too (packet inspector, flows), but never among the user's profiles.
  const lessons = new LessonService(bus);
  registerLessonHandlers(router, lessons);
  const sessions = new SessionDirectory(connections, recordings, (id) => lessons.session(id));
  registerRecordingSessionHandlers(router, recordings);
  registerMessageHandlers(router, sessions);
  registerTopicTreeHandlers(router, sessions);
  registerLifelineHandlers(router, sessions);

  const recorder = new Recorder(connections, bus, options.version);
  registerRecordingHandlers(router, recorder, options.storage?.dataDir);
  const replayer = new Replayer((status) => bus.emit('replay.updated', status));
  registerReplayHandlers(router, replayer, connections);

  // The in-process broker: its settings live in broker.json beside the profiles.
  const broker = new BrokerService({ bus, storage: options.storage });
  registerBrokerHandlers(router, broker, connections);
  registerPacketHandlers(router, sessions, broker);
  registerFlowHandlers(router, sessions, broker);
  const exchanges = new ExchangeService(connections, bus);
  registerExchangeHandlers(router, exchanges);
  const schedules = new ScheduleService(connections, bus);
  registerScheduleHandlers(router, schedules);
  const simulator = new SimulatorService(bus, broker);
  registerSimulatorHandlers(router, simulator);
  const savedMessages = new SavedMessagesStore(bus, options.storage?.dataDir);
  registerSavedMessageHandlers(router, savedMessages, connections);
  broker.autoStart();

  const close = async () => {
    // The recording first, so its footer is written while the connections still exist.
    recorder.close();
    replayer.stop();
    schedules.close();
    // Simulated devices say goodbye before the built-in broker they may be connected to stops.
    await simulator.close();
    exchanges.close();
    recordings.close();
    // A lesson's actors and its own broker go with it.
    await lessons.close();
    // Connections first, so those to the built-in broker say goodbye before it stops.
    try {
      await savedMessages.flush();
      await connections.close();
    } finally {
      await broker.close();
    }
  };
  return { router, bus, connections, broker, lessons, close };
}

function hasSecrets(profile: Profile): boolean {
  return Object.values(profile.secrets).some((secret) => secret !== '');
}
