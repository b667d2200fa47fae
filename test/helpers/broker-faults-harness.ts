import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import { defaultBrokerSettings } from '../../shared/domain/broker';
import type { BrokerPacketRow, FaultInput, FaultView } from '../../shared/domain/broker';
import { freePort } from './free-port';
import { createTempCore } from './temp-core';

/**
 * The app's own in-process broker, driven only through the contract (as the renderer drives it),
 * on a free loopback port, with the waits the fault tests share.
 */
export interface FaultBroker {
  core: AppCore;
  port: number;
  url: string;
  invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  addFault(fault: FaultInput): Promise<FaultView>;
  removeFault(faultId: number): Promise<void>;
  /** Removes every fault, so one test's fault cannot leak into the next. */
  clearFaults(): Promise<void>;
  /** Every packet the broker tap holds, oldest first. */
  packets(): Promise<BrokerPacketRow[]>;
  close(): Promise<void>;
}

export async function startFaultBroker(): Promise<FaultBroker> {
  const core = createTempCore();
  const port = await freePort();
  async function invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const result = await core.router.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  }
  try {
    await invoke('broker.saveSettings', { settings: { ...defaultBrokerSettings(), tcpPort: port, users: [] } });
    const started = await invoke('broker.start', {});
    if (started.state !== 'running') throw new Error(`The broker did not start: ${started.state} ${started.reason ?? ''}`);
  } catch (error) {
    await core.close();
    throw error;
  }
  return {
    core,
    port,
    url: `mqtt://127.0.0.1:${port}`,
    invoke,
    async addFault(fault) {
      const snapshot = await invoke('broker.faults.add', { fault });
      const added = snapshot.faults.at(-1);
      if (!added) throw new Error('broker.faults.add answered a snapshot without the fault.');
      return added;
    },
    async removeFault(faultId) {
      await invoke('broker.faults.remove', { faultId });
    },
    async clearFaults() {
      const snapshot = await invoke('broker.get', {});
      for (const fault of snapshot.faults) await invoke('broker.faults.remove', { faultId: fault.id });
    },
    async packets() {
      const rows: BrokerPacketRow[] = [];
      let afterSeq = 0;
      for (;;) {
        const page = await invoke('broker.packets.list', { afterSeq, limit: 5000 });
        rows.push(...page.packets);
        if (page.packets.length < 5000) return rows;
        afterSeq = page.lastSeq;
      }
    },
    async close() {
      try {
        await invoke('broker.stop', {});
      } finally {
        await core.close();
      }
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails naming `what` after the timeout. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Settles as `promise` does, or fails naming `what` after the timeout, so a hang fails fast and says why. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Received {
  topic: string;
  text: string;
  qos: number;
  dup: boolean;
  /** performance.now() when MQTT.js emitted it. */
  at: number;
}

/** MQTT.js clients of one test, each with the messages it received, all ended by `closeAll`. */
export class TestClients {
  private readonly clients: MqttClient[] = [];

  async connect(url: string, options: IClientOptions): Promise<{ client: MqttClient; inbox: Received[] }> {
    // reconnectPeriod is short so a cut client is back quickly; it is a fixed delay in MQTT.js.
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 200, connectTimeout: 5000, ...options });
    this.clients.push(client);
    const inbox: Received[] = [];
    client.on('message', (topic, payload, packet) => {
      inbox.push({ topic, text: payload.toString(), qos: packet.qos, dup: packet.dup, at: performance.now() });
    });
    return { client, inbox };
  }

  async closeAll(): Promise<void> {
    const clients = this.clients.splice(0);
    await Promise.all(clients.map((client) => client.endAsync(true)));
  }
}

/** Resolves on the client's next (re)connect. */
export function nextConnect(client: MqttClient, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('connect', done);
      reject(new Error(`The client did not reconnect within ${timeoutMs} ms.`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('connect', done);
  });
}

export { RedeliveryMarkingStore } from '../../electron/core/connections/redelivery-store';
