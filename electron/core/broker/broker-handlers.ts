import type { Router } from '../../ipc/router';
import type { ConnectionRegistry } from '../connections/connection-registry';
import { connectProfile } from './broker-profile';
import type { BrokerService } from './broker-service';

/** Every broker.* request channel, in one place, so app-core only wires the service in. */
export function registerBrokerHandlers(router: Router, broker: BrokerService, connections: ConnectionRegistry): void {
  router.handle('broker.get', () => broker.snapshot());
  router.handle('broker.saveSettings', ({ settings }) => broker.saveSettings(settings));
  router.handle('broker.start', () => broker.start());
  router.handle('broker.stop', () => broker.stop());
  router.handle('broker.kick', ({ clientId }) => {
    broker.kick(clientId);
    return {};
  });
  router.handle('broker.cut', ({ clientId }) => {
    broker.cut(clientId);
    return {};
  });
  router.handle('broker.retained.list', async () => ({ retained: await broker.retained() }));
  router.handle('broker.retained.delete', async ({ topic }) => {
    await broker.deleteRetained(topic);
    return {};
  });
  router.handle('broker.retained.clear', async () => ({ cleared: await broker.clearRetained() }));
  router.handle('broker.log.list', () => ({ entries: broker.logEntries() }));
  router.handle('broker.packets.list', ({ afterSeq, limit }) => broker.packetsAfter(afterSeq, limit));
  router.handle('broker.faults.add', ({ fault }) => broker.addFault(fault));
  router.handle('broker.faults.remove', ({ faultId }) => broker.removeFault(faultId));
  router.handle('broker.connectProfile', () => connectProfile(connections, broker.target()));
}
