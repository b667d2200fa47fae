import { randomUUID } from 'node:crypto';
import { bytesToBase64, base64ToBytes } from '../../shared/payload/preview';
import { Router } from '../ipc/router';
import { AppError } from './app-error';
import { ConnectionRegistry } from './connections/connection-registry';
import { EventBus } from './event-bus';

export interface AppCore {
  router: Router;
  bus: EventBus;
  connections: ConnectionRegistry;
  close(): Promise<void>;
}

export interface CoreOptions {
  mode: 'electron' | 'web';
  version: string;
}

/**
 * The whole main-process core, free of Electron: the Electron shell, the web shell and the
 * integration tests all build exactly this and differ only in the transport they attach.
 */
export function createCore(options: CoreOptions): AppCore {
  const bus = new EventBus();
  const router = new Router();
  const connections = new ConnectionRegistry(bus);

  router.handle('app.info', () => ({ mode: options.mode, version: options.version }));
  router.handle('connection.list', () => ({ connections: connections.list(), notices: [] }));
  router.handle('connection.save', ({ profile }) => connections.save(profile));
  router.handle('connection.duplicate', ({ connectionId }) => {
    const original = connections.profile(connectionId);
    return connections.put({ ...structuredClone(original), id: randomUUID(), name: `${original.name} (copy)` });
  });
  router.handle('connection.discardPending', ({ connectionId }) => ({ discarded: connections.get(connectionId).discardPending() }));
  router.handle('connection.connect', ({ connectionId }) => connections.get(connectionId).connect());
  router.handle('connection.disconnect', ({ connectionId }) => connections.get(connectionId).disconnect());
  router.handle('connection.remove', async ({ connectionId }) => {
    await connections.remove(connectionId);
    return {};
  });
  router.handle('subscription.add', ({ connectionId, filter, qos }) => connections.get(connectionId).subscribe(filter, qos));
  router.handle('subscription.remove', async ({ connectionId, filter }) => {
    await connections.get(connectionId).unsubscribe(filter);
    return {};
  });
  router.handle('message.publish', ({ connectionId, topic, qos, retain, payload, encoding }) => {
    let bytes: Uint8Array;
    try {
      bytes = encoding === 'base64' ? base64ToBytes(payload) : new TextEncoder().encode(payload);
    } catch (error) {
      throw new AppError('invalid_input', `payload: ${(error as Error).message}`);
    }
    return connections.get(connectionId).publish(topic, bytes, qos, retain);
  });
  router.handle('message.list', ({ connectionId, from, count }) => {
    const { store } = connections.get(connectionId);
    return { rows: store.rows(from, count), total: store.size };
  });
  router.handle('message.get', ({ connectionId, messageId }) => {
    const message = connections.get(connectionId).store.get(messageId);
    if (!message) throw new AppError('not_found', `Message ${messageId} is no longer in the history of this connection.`);
    return { row: message.row, payloadBase64: bytesToBase64(message.payload) };
  });
  router.handle('message.clear', ({ connectionId }) => {
    connections.get(connectionId).clearMessages();
    return {};
  });

  return { router, bus, connections, close: () => connections.close() };
}
