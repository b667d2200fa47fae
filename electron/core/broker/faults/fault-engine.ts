/**
 * The broker's fault injection, as a pure synchronous decision engine. The wire layer asks it about
 * every packet (`decide`) and every CONNECT (`connectRefusal`) and carries out the answer; the engine
 * never touches a socket or a timer, so every rule is unit-tested without a broker.
 *
 * Semantics chosen (see also fault-rules.ts):
 * - Only PUBLISH and the four publish acknowledgements are ever affected. CONNECT/CONNACK,
 *   SUBSCRIBE/SUBACK, PINGREQ/PINGRESP, DISCONNECT… always pass, so a fault cannot break a session
 *   by accident. A PUBLISH coming in from a client always passes: faults act on deliveries.
 * - A delivery is an outgoing PUBLISH. Checked in this order: drop-qos0 (a dropped packet need not
 *   be held), then pause (hold), then delay. When several delay faults match, the longest wins.
 * - A delay of 'acks' applies to the broker's acknowledgements (direction out): the publisher sees
 *   a slow broker. The client's own acks reach aedes on time.
 * - drop-acks: the oldest matching fault with drops remaining takes the packet. At 0 it is spent
 *   but stays listed (remaining 0, with its hits) so the user sees it happened; removing it is theirs.
 * - Hits count packets (or connections) a fault changed: a drop-qos0 counts drops, not draws.
 */
import type { AckKind, FaultInput, FaultView } from '../../../../shared/domain/broker';
import type { FaultChange, FaultDecision, FaultDirection, FaultEngineOptions, FaultPacket } from './fault-decision';
import { text } from '../../../../shared/broker/broker-text';
import { ackKindOf, appliesTo, faultLabel, wireDirectionOf } from './fault-rules';

export type { FaultChange, FaultDecision, FaultDirection, FaultEngineOptions, FaultPacket } from './fault-decision';

const pass: FaultDecision = { action: 'pass' };

type FaultOf<Kind extends FaultView['kind']> = Extract<FaultView, { kind: Kind }>;

export class FaultEngine {
  /** Oldest first (ids only grow), which is also the order the UI lists them in. */
  private readonly faults: FaultView[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(change: FaultChange) => void>();
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: FaultEngineOptions = {}) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  add(input: FaultInput): FaultView {
    const fault: FaultView = { ...input, id: this.nextId++, createdAt: this.now(), hits: 0 };
    if (fault.kind === 'drop-acks') fault.remaining = fault.count;
    this.faults.push(fault);
    this.emit({ kind: 'added', faultId: fault.id });
    return { ...fault };
  }

  remove(id: number): boolean {
    const index = this.faults.findIndex((fault) => fault.id === id);
    if (index < 0) return false;
    this.faults.splice(index, 1);
    this.emit({ kind: 'removed', faultId: id });
    return true;
  }

  /** Copies, so a snapshot sent to the renderer does not change under it. */
  list(): FaultView[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** True while any pause-delivery fault is active; when it turns false the wire layer flushes. */
  get paused(): boolean {
    return this.faults.some((fault) => fault.kind === 'pause-delivery');
  }

  /** Whether deliveries to this client are held: its held packets may go once this turns false. */
  pausedFor(clientId: string): boolean {
    return this.first('pause-delivery', clientId) !== undefined;
  }

  /**
   * Subscribes to add, remove, drop-acks countdowns and hits. Hits come per packet, so a listener
   * that re-renders must throttle. Returns the unsubscribe function.
   */
  onChange(listener: (change: FaultChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The CONNACK return code (1..5) to refuse this CONNECT with, or undefined to let aedes see it. */
  connectRefusal(clientId: string): number | undefined {
    const fault = this.first('refuse-connections', clientId);
    if (!fault) return undefined;
    this.hit(fault);
    return fault.code;
  }

  decide(packet: FaultPacket, direction: FaultDirection, clientId: string): FaultDecision {
    // The hot path: asked for every packet through the broker, nearly always with no fault active.
    if (this.faults.length === 0) return pass;
    if (packet.cmd === 'publish') return direction === 'out' ? this.decideDelivery(packet.qos ?? 0, clientId) : pass;
    const ack = ackKindOf(packet.cmd);
    return ack ? this.decideAck(ack, direction, clientId) : pass;
  }

  private decideDelivery(qos: number, clientId: string): FaultDecision {
    if (qos === 0) {
      // One draw per matching fault: two 50% faults drop 75%, as two lossy links in a row would.
      for (const fault of this.matching('drop-qos0', clientId)) {
        if (this.random() < fault.percent / 100) {
          this.hit(fault);
          return { action: 'drop', ...faultLabel(fault.id, text('broker.faultLabel.qos0Dropped', { percent: String(fault.percent) })) };
        }
      }
    }
    const pause = this.first('pause-delivery', clientId);
    if (pause) {
      this.hit(pause);
      return { action: 'hold', ...faultLabel(pause.id, text('broker.faultLabel.held')) };
    }
    return this.delay('deliveries', clientId, 'delivery');
  }

  private decideAck(ack: AckKind, direction: FaultDirection, clientId: string): FaultDecision {
    const drop = this.matching('drop-acks', clientId).find(
      (fault) => fault.ack === ack && wireDirectionOf(fault.direction) === direction && (fault.remaining ?? 0) > 0,
    );
    if (drop) {
      const remaining = (drop.remaining ?? 0) - 1;
      drop.remaining = remaining;
      drop.hits++;
      this.emit({ kind: 'countdown', faultId: drop.id, remaining });
      const way = direction === 'out' ? 'to' : 'from';
      return { action: 'drop', ...faultLabel(drop.id, text('broker.faultLabel.ackDropped', { ack: ack.toUpperCase(), way, remaining: String(remaining) })) };
    }
    return direction === 'out' ? this.delay('acks', clientId, ack.toUpperCase()) : pass;
  }

  private delay(what: 'acks' | 'deliveries', clientId: string, name: string): FaultDecision {
    let longest: FaultOf<'delay'> | undefined;
    for (const fault of this.matching('delay', clientId)) {
      if (fault.what === what && (!longest || fault.ms > longest.ms)) longest = fault;
    }
    if (!longest) return pass;
    this.hit(longest);
    return { action: 'delay', ms: longest.ms, ...faultLabel(longest.id, text('broker.faultLabel.delayed', { name, ms: String(longest.ms) })) };
  }

  private matching<Kind extends FaultView['kind']>(kind: Kind, clientId: string): FaultOf<Kind>[] {
    return this.faults.filter((fault): fault is FaultOf<Kind> => fault.kind === kind && appliesTo(fault, clientId));
  }

  private first<Kind extends FaultView['kind']>(kind: Kind, clientId: string): FaultOf<Kind> | undefined {
    return this.matching(kind, clientId)[0];
  }

  private hit(fault: FaultView): void {
    fault.hits++;
    this.emit({ kind: 'hit', faultId: fault.id });
  }

  private emit(change: FaultChange): void {
    // A copy: a listener may unsubscribe while being called.
    for (const listener of [...this.listeners]) listener(change);
  }
}
