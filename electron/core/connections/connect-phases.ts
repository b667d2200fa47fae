import type { IClientOptions } from 'mqtt';
import { connect as netConnect, isIP } from 'node:net';
import type { NetConnectOpts, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { WebSocket } from 'ws';
import type { ClientOptions as WebSocketOptions } from 'ws';
import type { ConnectPhase } from '../../../shared/domain/connection';
import { monotonicMs } from '../broker/wire/monotonic-clock';

/**
 * Times the steps of one connect attempt from the socket's own events, as a browser's network
 * waterfall does. MQTT.js hands the CONNECT to its stream at once, before the TCP connection even
 * exists, and the packet tap stamps it then; the stream holds those bytes until the transport is
 * ready (net.Socket until 'connect', TLS until the handshake, the WebSocket stream until 'open').
 * So the CONNECT goes out at the later of the two, and CONNECT→CONNACK is measured from there:
 * measured from the tap's stamp it would also count DNS, TCP, TLS and the upgrade.
 */
export class ConnectPhaseClock {
  readonly startMs = monotonicMs();
  private lookupAt: number | undefined;
  private connectedAt: number | undefined;
  private secureAt: number | undefined;
  private upgradedAt: number | undefined;
  private connectQueuedAt: number | undefined;

  /** A TCP socket, or the TLS socket over it: `secure` when the TLS handshake is a phase of its own. */
  watchSocket(socket: Socket, secure: boolean): void {
    // Node emits 'lookup' only when it had a name to resolve: an IP address has no DNS phase.
    socket.once('lookup', () => (this.lookupAt ??= monotonicMs()));
    if (socket.connecting) socket.once('connect', () => (this.connectedAt ??= monotonicMs()));
    else this.connectedAt ??= monotonicMs();
    if (secure) socket.once('secureConnect', () => (this.secureAt ??= monotonicMs()));
  }

  /** The WebSocket under MQTT.js's stream: the stream writes what it holds when the socket opens. */
  watchWebSocket(webSocket: WebSocket): void {
    webSocket.once('open', () => (this.upgradedAt ??= monotonicMs()));
  }

  /** The packet tap's stamp of this attempt's CONNECT: when MQTT.js handed it to the stream. */
  noteConnectQueued(atMs: number): void {
    this.connectQueuedAt ??= atMs;
  }

  /** The phases up to a CONNACK received at `connackAtMs`; a phase whose event was not seen is left out. */
  phases(connackAtMs: number): ConnectPhase[] {
    const phases: ConnectPhase[] = [];
    let from = this.startMs;
    const step = (name: ConnectPhase['name'], until: number | undefined): void => {
      if (until === undefined) return;
      phases.push({ name, startMs: from - this.startMs, durationMs: Math.max(0, until - from) });
      from = until;
    };
    step('dns', this.lookupAt);
    step('tcp', this.connectedAt);
    step('tls', this.secureAt);
    step('websocket', this.upgradedAt);
    const transportReady = this.upgradedAt ?? this.secureAt ?? this.connectedAt;
    const connectSent = Math.max(this.connectQueuedAt ?? from, transportReady ?? from);
    from = connectSent;
    step('mqtt', connackAtMs);
    return phases;
  }
}

/** The time from the CONNECT's bytes going out to the CONNACK, from a list of phases. */
export function connectToConnackMs(phases: readonly ConnectPhase[]): number | undefined {
  return phases.find((phase) => phase.name === 'mqtt')?.durationMs;
}

/**
 * MQTT.js's `createWebsocket` hook, so the WebSocket and the socket under it can be watched: MQTT.js
 * keeps both to itself. It builds the WebSocket as MQTT.js would, and its TCP or TLS socket as the
 * ws library would (ws's own connect functions are private), with the clock watching each.
 */
export function watchedWebSocket(clock: () => ConnectPhaseClock | undefined): NonNullable<IClientOptions['createWebsocket']> {
  return (url: string, protocols: string[], options: IClientOptions): WebSocket => {
    const secure = url.startsWith('wss:');
    const createConnection = (connectOptions: TlsConnectionOptions & { socketPath?: string }): Socket => {
      const socket = secure
        ? tlsConnect({
            ...connectOptions,
            path: undefined,
            servername: connectOptions.servername || connectOptions.servername === '' ? connectOptions.servername : isIP(connectOptions.host ?? '') ? '' : connectOptions.host,
          })
        : netConnect({ ...connectOptions, path: connectOptions.socketPath } as NetConnectOpts);
      clock()?.watchSocket(socket, secure);
      return socket;
    };
    const webSocket = new WebSocket(url, protocols, { ...(options.wsOptions as WebSocketOptions | undefined), createConnection } as WebSocketOptions);
    clock()?.watchWebSocket(webSocket);
    return webSocket;
  };
}
