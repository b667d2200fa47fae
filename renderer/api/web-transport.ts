import type { EventEnvelope, RequestResult } from '../../shared/contract';
import type { LinkState, Transport } from './transport';
import { uploadFile } from './web-upload';
import { english, msg } from '../../shared/i18n';

type ServerFrame =
  | { type: 'response'; id: number; result: RequestResult<unknown> }
  | { type: 'event'; event: EventEnvelope }
  | { type: 'error'; message: string };

/**
 * The contract over one WebSocket to the web shell. Requests made while the socket is down wait for
 * it; after a drop it reconnects with a growing delay, because the server may just be restarting.
 */
export function createWebTransport(socketUrl: string, token: string): Transport {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryDelay = 250;
  const pending = new Map<number, (result: RequestResult<unknown>) => void>();
  const queued: string[] = [];
  const eventListeners = new Set<(envelope: EventEnvelope) => void>();
  const linkListeners = new Set<(link: LinkState) => void>();
  let link: LinkState = { state: 'closed', reason: 'connections.link.connecting' };

  const setLink = (next: LinkState) => {
    link = next;
    for (const listener of linkListeners) listener(next);
  };

  const open = () => {
    const ws = new WebSocket(socketUrl);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      retryDelay = 250;
      setLink({ state: 'open' });
      for (const frame of queued.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.type === 'response') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        for (const listener of eventListeners) listener(frame.event);
      } else {
        console.error('MQTT Lab server:', frame.message);
      }
    };
    ws.onclose = () => {
      socket = undefined;
      // Requests in flight will never be answered by this socket: fail them rather than hang the UI.
      for (const [id, resolve] of pending) {
        const text = msg('connections.link.lostBeforeAnswer');
        resolve({ ok: false, error: { code: 'internal', message: english(text.key), text } });
        pending.delete(id);
      }
      // A browser hides why an upgrade failed, so a socket that never opened gets both likely causes.
      const reason = opened ? 'connections.link.lost' : 'connections.link.refused';
      setLink({ state: 'closed', reason });
      setTimeout(open, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  };
  open();

  return {
    request(channel, input) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'request', id, channel, input });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    pathOfFile: (file, onProgress) => uploadFile(file, token, onProgress),
    onLinkChange(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
  };
}

/**
 * The token arrives in the URL fragment (never sent to any server). It is kept for this tab only and
 * removed from the address bar so it does not linger on a projected screen.
 */
export function takeWebToken(location: Location, storage: Storage, history: History): string | undefined {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem('mqtt-lab-token', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem('mqtt-lab-token') ?? undefined;
}
