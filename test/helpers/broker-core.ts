import type { AppCore } from '../../electron/core/app-core';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { BrokerSettingsInput, BrokerSnapshot } from '../../shared/domain/broker';
import { defaultBrokerSettings } from '../../shared/domain/broker';
import { freePort } from './free-port';

/** A request through the router, as the renderer makes it; a failure rejects with the error's message. */
export async function call<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as RequestOutput<N>;
}

/** The error message of a request that must fail. */
export async function failureOf<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<string> {
  const result = await core.router.dispatch(name, input);
  if (result.ok) throw new Error(`${name} succeeded but was expected to fail.`);
  return result.error.message;
}

/** Broker settings on free loopback ports (never 1883), with whatever the test changes. */
export async function brokerSettings(overrides: Partial<BrokerSettingsInput> = {}): Promise<BrokerSettingsInput> {
  const defaults = defaultBrokerSettings();
  return {
    ...defaults,
    tcpPort: await freePort(),
    websocket: { enabled: false, port: await freePort() },
    tls: { ...defaults.tls, port: await freePort() },
    users: [],
    ...overrides,
  };
}

/** Saves the settings and starts the broker, resolving with its snapshot once it runs. */
export async function startBroker(core: AppCore, settings: BrokerSettingsInput): Promise<BrokerSnapshot> {
  await call(core, 'broker.saveSettings', { settings });
  return call(core, 'broker.start', {});
}

/** Polls the broker's snapshot until `predicate` holds; snapshots are cheap and this needs no event timing. */
export async function waitForBroker(core: AppCore, predicate: (snapshot: BrokerSnapshot) => boolean, what = 'the broker state', timeoutMs = 10_000): Promise<BrokerSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = core.broker.snapshot();
    if (predicate(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last snapshot: ${JSON.stringify({ state: snapshot.state, clients: snapshot.clients, reason: snapshot.reason })}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the broker log has an entry that matches. */
export async function waitForLog(core: AppCore, kind: string, text: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = core.broker.logEntries().find((each) => each.kind === kind && text.test(each.text));
    if (entry) return entry.text;
    if (Date.now() > deadline) {
      const log = core.broker.logEntries().map((each) => `${each.kind}: ${each.text}`).join('\n');
      throw new Error(`No ${kind} log entry matching ${text} within ${timeoutMs} ms. The log:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
