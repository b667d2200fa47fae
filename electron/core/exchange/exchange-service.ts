import type { ExchangeSnapshot } from '../../../shared/domain/exchange';
import { CoalescedSignal } from '../connections/coalesced-signal';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { EventBus } from '../event-bus';
import { PublishReader } from './exchange-packets';
import { Requester } from './requester';
import { Responder } from './responder';
import { pairLabel } from '../../../shared/exchange/pair-label';
import { msg } from '../../../shared/i18n';

/** Requests listed in a snapshot: the newest, so an event stays small however many were made. */
const REQUESTS_IN_SNAPSHOT = 100;

/** Request/response on one connection: its requester, its responder, and the tap listener that feeds both. */
class ConnectionExchange {
  readonly requester: Requester;
  readonly responder: Responder;
  private readonly signal: CoalescedSignal;
  private readonly stopListening: () => void;

  constructor(
    readonly connection: Connection,
    bus: EventBus,
  ) {
    this.signal = new CoalescedSignal(() => bus.emit('exchange.updated', this.snapshot()));
    const changed = () => this.signal.request();
    this.requester = new Requester(connection, changed);
    this.responder = new Responder(connection, changed);
    const reader = new PublishReader();
    this.stopListening = connection.tap.onPacket((tapped) => {
      // Nothing a peer sends may throw into the tap, and so into MQTT.js's socket handling.
      try {
        const seen = reader.read(tapped);
        if (!seen) return;
        this.requester.onPublish(seen);
        this.responder.onPublish(seen);
      } catch (error) {
        console.error(`request/response on ${connection.id}: a PUBLISH could not be read: ${(error as Error).message}`);
      }
    });
  }

  snapshot(): ExchangeSnapshot {
    const { book } = this.requester;
    const requests = book.list().slice(-REQUESTS_IN_SNAPSHOT).map((request) => ({ ...request }));
    const requesterPairs = book.list().flatMap((request) =>
      request.requestSeq === undefined
        ? []
        : [{ requestSeq: request.requestSeq, ...pairLabel(msg('exchange.pair.request', { number: request.requestNumber })), ...(request.responseSeq !== undefined ? { responseSeq: request.responseSeq } : {}), ...(request.roundTripMs !== undefined ? { roundTripMs: request.roundTripMs } : {}) }],
    );
    return {
      connectionId: this.connection.id,
      requests,
      unmatched: [...book.unmatched],
      unmatchedDropped: book.unmatchedDropped,
      rules: this.responder.list(),
      pairs: [...requesterPairs, ...this.responder.pairs.map((pair) => ({ ...pair }))],
    };
  }

  clear(): void {
    this.requester.book.clear();
    this.responder.pairs.length = 0;
    this.signal.request();
  }

  dispose(): void {
    this.stopListening();
    this.requester.dispose();
    this.responder.dispose();
    this.signal.dispose();
  }
}

/** Every connection's request/response state, made the first time a connection is asked about. */
export class ExchangeService {
  private readonly exchanges = new Map<string, ConnectionExchange>();
  private readonly stopListening: () => void;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly bus: EventBus,
  ) {
    this.stopListening = bus.subscribe((envelope) => {
      if (envelope.name !== 'connection.removed') return;
      const { connectionId } = envelope.payload as { connectionId: string };
      this.exchanges.get(connectionId)?.dispose();
      this.exchanges.delete(connectionId);
    });
  }

  of(connectionId: string): ConnectionExchange {
    const connection = this.connections.get(connectionId);
    let exchange = this.exchanges.get(connectionId);
    // A connection removed and made again under the same id is a new one.
    if (exchange && exchange.connection !== connection) {
      exchange.dispose();
      exchange = undefined;
    }
    if (!exchange) {
      exchange = new ConnectionExchange(connection, this.bus);
      this.exchanges.set(connectionId, exchange);
    }
    return exchange;
  }

  close(): void {
    this.stopListening();
    for (const exchange of this.exchanges.values()) exchange.dispose();
    this.exchanges.clear();
  }
}
