import { Duplex } from 'node:stream';
import { generate } from 'mqtt-packet';
import type { IConnackPacket, Packet } from 'mqtt-packet';
import { connackToV5 } from '../../../../shared/mqtt/reason-codes';
import { englishText, text, type BrokerText } from '../../../../shared/broker/broker-text';
import { packetTypeNames } from '../../../../shared/packets/anatomy';
import type { FaultDecision, FaultDirection, FaultEngine } from '../faults/fault-engine';
import { errorCode } from '../../storage/atomic-file';
import { Aedes2Workarounds, fixedConnack, MAX_PACKET_SIZE, MAX_UNRELEASED_QOS2, PACKET_TOO_LARGE, RECEIVE_MAXIMUM_EXCEEDED } from './aedes2-workarounds';
import type { BrokerPacketLog } from './broker-packet-log';
import { ClientLimits } from './client-limits';
import { connectProblem, packetOutOfTurn, propertiesProblem, topicViolation } from './client-packet-problems';
import { DeliveryQueue } from './delivery-queue';
import { FrameParser } from './frame-parser';
import { PacketFramer } from './packet-framer';
import type { OutboundResends } from './outbound-resends';
import { editProperty } from './property-edit';
import { SharedSubscribeSplit } from './shared-subscribe-split';
import type { SharedGate, SplitVerdict } from './shared-subscribe-split';

/** What the wire asks about faults: the engine itself, or a stand-in in tests. */
export type FaultGate = Pick<FaultEngine, 'connectRefusal' | 'decide'>;

/** What a wire reports to the broker around it. */
export interface WireHooks {
  readonly faults: FaultGate;
  readonly packets: BrokerPacketLog;
  /** A PUBLISH went on its way (it was not dropped), for the message rates. */
  countPublish(direction: FaultDirection): void;
  /** A CONNACK refused the client: `fault` is set when a fault refused it, not the broker. */
  refused(wire: BrokerWire, code: number, fault: BrokerText | undefined): void;
  /** Forgets the QoS 2 messages this client id left unreleased (aedes-persistence cleanIncoming). */
  cleanIncoming(clientId: string): Promise<void>;
  /** The broker's shared subscriptions, which aedes does not have. */
  readonly shared: SharedGate;
  /** CONNACK accepted the client without a session: nothing of an earlier one (shared memberships) is left. */
  sessionStarted(clientId: string): void;
  /** Whether the broker holds a session for this client id (one that outlived its connection, or a connected one that will). */
  sessionKept(clientId: string): boolean;
  /** A delivery was not sent because of a limit the client set; `text` is the broker log's line. */
  discarded(wire: BrokerWire, message: BrokerText): void;
  /** Which deliveries are resends, so they carry DUP. */
  readonly resends: OutboundResends;
}

/** What the client asked for in its CONNECT. */
export interface ConnectRequest {
  protocolVersion: number;
  keepalive: number;
  /** Clean Session (3.1.1) or Clean Start (5.0), as the client sent it. */
  clean: boolean;
  /** MQTT 5 only: the Session Expiry Interval the client asked for (absent is 0), before any rewrite. */
  sessionExpiryInterval: number | undefined;
  username: string | undefined;
  /** The will's topic, to recognise the will when the broker publishes it. */
  willTopic: string | undefined;
  /** MQTT 5 only: the largest packet the client takes. */
  maximumPacketSize?: number;
}

const pass: FaultDecision = { action: 'pass' };
const passSplit: SplitVerdict = { action: 'pass' };
const CONNACK_REFUSED_BY_FAULT = text('broker.reason.refusedByFault');
/** How long a closing connection may take to hand over what it still has to send. */
const CLOSE_GRACE_MS = 2000;
const BROKER_PACKET_FAILED = text('broker.wire.brokerPacketFailed');

/** Why a packet the parser refused is malformed, naming its type by its first byte: "PUBLISH", "packet of type 0 (reserved)". */
function malformed(packet: Buffer, problem: string | undefined): BrokerText {
  const type = (packet[0] ?? 0) >> 4;
  const name = packetTypeNames[type];
  const kind = type === 0 ? 'reserved' : name === undefined ? 'number' : 'name';
  // The parser's own words (mqtt-packet's) are not ours to translate.
  const why = problem === undefined ? { parts: { problem: text('broker.wire.unparsed') } } : { params: { problem } };
  return text('broker.wire.malformed', { kind, type: String(type), name: name ?? '', ...why.params }, why.parts);
}

/** A copy of a PUBLISH with its DUP flag (bit 3 of the first byte) cleared. */
function withoutDup(publish: Buffer): Buffer {
  const copy = Buffer.from(publish);
  copy[0] = (copy[0] ?? 0) & ~0x08;
  return copy;
}

/** PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP: the packets a fault may delay, and whose order matters. */
function isPublishFlow(packet: Buffer): boolean {
  const type = (packet[0] ?? 0) >> 4;
  return type >= 3 && type <= 7;
}

/** PUBACK, PUBREC, PUBREL, PUBCOMP. */
function isAck(packet: Buffer): boolean {
  const type = (packet[0] ?? 0) >> 4;
  return type >= 4 && type <= 7;
}

/**
 * The stream aedes is given instead of the client's socket. Both directions are cut into whole
 * packets, parsed with mqtt-packet, stamped into the packet log, and passed, dropped, delayed or
 * held as the fault engine decides, then forwarded as the exact bytes that came in, in order. The few
 * packets aedes 2.0.0-beta.1 must not see or send as they are (see Aedes2Workarounds) have one
 * property edited in their bytes; the packet log shows what the client sent.
 *
 * Nothing a client sends may throw out of a socket or stream callback: a packet the wire cannot
 * handle closes that one connection, with the reason in closeReason (and so in the broker log).
 *
 * Order: in each direction a delayed or held packet keeps everything behind it waiting, except that
 * the broker's PINGRESP, SUBACK, UNSUBACK (which no fault touches) may overtake delayed deliveries,
 * so a paused delivery does not also stall the client's keepalive and subscriptions. The broker's
 * acknowledgements queue apart from its deliveries: each keeps its own order (MQTT 3.1.1 §4.6 orders
 * acks among acks), but no ack waits for a delivery, so pausing or delaying deliveries does not also
 * stall the publishes of a client that subscribes to its own topics, and delaying acks does not
 * delay deliveries.
 */
export class BrokerWire extends Duplex {
  /** From the CONNECT, or the id aedes assigned to an empty one; '' before CONNECT. */
  clientId = '';
  connectRequest: ConnectRequest | undefined;
  /** Why the connection ended, set by whoever knows first (kick, cut, DISCONNECT, keepalive…), in English. */
  closeReason: string | undefined;
  /**
   * The same reason as a message to word, when it is one of ours; set with closeBecause. The log
   * uses it only while its English is still closeReason (a later plain reason replaces both).
   */
  closeText: BrokerText | undefined;
  /** Why the broker refused this client, for the log line of the refusing CONNACK. */
  refusalNote: BrokerText | undefined;
  messagesIn = 0;
  messagesOut = 0;

  private readonly fromClient: PacketFramer;
  private readonly fromBroker: PacketFramer;
  private readonly inParser = new FrameParser();
  /** 3.1.1 layout until a v5 CONNECT switches both parsers to MQTT 5. */
  private readonly outParser = new FrameParser(4);
  private readonly workarounds = new Aedes2Workarounds();
  /** Made at CONNECT, when the protocol version is known. */
  private sharedSplit: SharedSubscribeSplit | undefined;
  /** The broker kept a session for this client id (Clean Start 0) when it connected: its CONNACK says Session Present. */
  private sessionKept = false;
  /**
   * For a member of a shared subscription group: its QoS 1 and 2 deliveries not yet acknowledged, by
   * packet id, for the group to give to another member if its session ends (SharedSubscriptions.handOver).
   */
  private sharedDeliveries: Map<number, Extract<Packet, { cmd: 'publish' }>> | undefined;
  /** The MQTT 5 client's own limits on what it is sent; undefined when it set none. */
  private limits: ClientLimits | undefined;
  /** The wire's own answers to a client that pipelined them with CONNECT wait for the CONNACK; undefined once it went. */
  private answersBeforeConnack: Buffer[] | undefined = [];
  /**
   * Client packets after CONNECT, held until the CONNACK-time cleanIncoming finished (bug 1): a
   * QoS 2 PUBLISH must not reach aedes while the previous connection's unreleased ids are still known.
   */
  private gated: { bytes: Buffer; decision: FaultDecision }[] | undefined;
  /** The end (and any goodbye DISCONNECT) was passed to aedes. */
  private endedToBroker = false;
  private readonly toBroker: DeliveryQueue;
  private readonly toClient: DeliveryQueue;
  private readonly acksToClient: DeliveryQueue;
  /** A fault answered the CONNECT, or the client flooded QoS 2: nothing more from it reaches the broker. */
  private ignoringClient = false;
  /** The client's side of the socket ended; the end is passed on once the queue is empty. */
  private clientEnded = false;
  /**
   * Consecutive packets of one chunk that pass straight to the broker, handed over as one buffer at
   * the end of the chunk: aedes then reads the chunk as it came instead of copying many small pieces
   * back together. `passRunFirst` is the first packet; the run ends at `passRunEnd` in its memory.
   */
  private passRunFirst: Buffer | undefined;
  private passRunEnd = 0;
  private socketCorked = false;

  constructor(
    readonly socket: Duplex,
    /** host:port of the client, as the user would recognise it. */
    readonly remoteAddress: string,
    private readonly hooks: WireHooks,
  ) {
    super();
    this.toBroker = new DeliveryQueue(this.pushToBroker);
    this.toClient = new DeliveryQueue(this.sendToClient);
    this.acksToClient = new DeliveryQueue(this.sendToClient);
    this.fromClient = new PacketFramer(this.onClientPacket, this.onUnframedFromClient, {
      maxPacketSize: MAX_PACKET_SIZE,
      onOversize: (size) => this.closeWithReason(text('broker.wire.oversize', { size: String(size), maximum: String(MAX_PACKET_SIZE) }), PACKET_TOO_LARGE),
    });
    this.fromBroker = new PacketFramer(this.onBrokerPacket, this.sendToClient);
    socket.on('data', (chunk: Buffer) =>
      this.guard(text('broker.wire.clientPacketFailed'), () => {
        this.fromClient.push(chunk);
        this.flushPassRun();
      }),
    );
    socket.on('end', () => this.guard(text('broker.wire.endFailed'), () => this.toBrokerEnded()));
    socket.on('error', (error: Error) => {
      if (this.closeReason === undefined) this.closeBecause(text('broker.reason.socketError', { code: String(errorCode(error)) }));
      this.destroy(error);
    });
    // After a clean end, aedes may not have read all that was passed to it yet: the wire ends by
    // itself once it has. Destroying it here would lose the last packets of a client that
    // published and left. A socket that closed without an end (reset, cut) takes the wire with it.
    socket.on('close', () => {
      if (!this.clientEnded) this.closedWithoutEnd();
    });
  }

  /** aedes was given a stand-in Session Expiry for this connection: its session must end with it. */
  get ephemeralSession(): boolean {
    return this.workarounds.ephemeral;
  }

  /** QoS 1 and 2 deliveries the client has not acknowledged, when it is in a shared subscription group. */
  unacknowledgedDeliveries(): Extract<Packet, { cmd: 'publish' }>[] {
    return this.sharedDeliveries ? [...this.sharedDeliveries.values()] : [];
  }

  /** Sets why the connection ended: the English for closeReason, the message for the log to word. */
  closeBecause(reason: BrokerText): void {
    this.closeReason = englishText(reason);
    this.closeText = reason;
  }

  /** The user cut it: the socket goes at once, without DISCONNECT, so the broker publishes the will. */
  cut(): void {
    this.closeBecause(text('broker.reason.cut'));
    this.socket.destroy();
  }

  /** pause-delivery was lifted. */
  releaseHeld(): void {
    this.toBroker.release();
    this.toClient.release();
    this.acksToClient.release();
  }

  override _read(): void {
    if (this.socket.isPaused()) this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.guard(BROKER_PACKET_FAILED, () => this.fromBroker.push(chunk))) this.afterWrite(callback);
    else callback();
  }

  /** mqtt-packet's writeToStream corks, so one packet's pieces arrive here together. */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.socket.cork();
    const handled = this.guard(BROKER_PACKET_FAILED, () => {
      for (const { chunk } of chunks) this.fromBroker.push(chunk);
    });
    this.socket.uncork();
    if (handled) this.afterWrite(callback);
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.toBroker.clear();
    this.toClient.clear();
    this.acksToClient.clear();
    // What aedes wrote before closing (a refusing CONNACK) still goes out, as it would unwrapped.
    if (this.socketCorked) this.uncorkSocket();
    if (error || this.socket.destroyed) this.socket.destroy();
    else endThenDestroy(this.socket);
    callback(error);
  }

  private readonly onClientPacket = (received: Buffer): void => {
    if (this.ignoringClient) return;
    const packet = this.inParser.parse(received);
    // What the wire cannot parse, aedes must not see either: its parser reads the same bytes as part
    // of a stream, may read past the end of this packet into the next, and make a packet of them
    // with null fields that crash it or the encoder of every subscriber.
    const problem = packet ? (packetOutOfTurn(packet, this.connectRequest !== undefined) ?? propertiesProblem(packet)) : malformed(received, this.inParser.problem);
    if (problem !== undefined) {
      this.hooks.packets.record(this.clientId, 'in', received, packet, undefined);
      this.fail(problem);
      return;
    }
    if (packet?.cmd === 'connect') {
      this.noteConnect(packet);
      const malformedConnect = connectProblem(packet);
      if (malformedConnect !== undefined) {
        // As mosquitto does: no CONNACK, the connection is closed.
        this.hooks.packets.record(this.clientId, 'in', received, packet, undefined);
        this.fail(malformedConnect);
        return;
      }
      const code = this.hooks.faults.connectRefusal(this.clientId);
      if (code !== undefined) {
        this.hooks.packets.record(this.clientId, 'in', received, packet, CONNACK_REFUSED_BY_FAULT);
        this.refuse(code);
        return;
      }
    } else if (packet?.cmd === 'disconnect') {
      if (this.closeReason === undefined) this.closeBecause(text('broker.reason.clientDisconnect'));
    } else if ((packet?.cmd === 'publish' || packet?.cmd === 'subscribe') && this.workarounds.protocolVersion === 5) {
      const violation = topicViolation(packet);
      if (violation) {
        this.hooks.packets.record(this.clientId, 'in', received, packet, undefined);
        this.closeWithReason(violation.reason, violation.reasonCode);
        return;
      }
    }
    const verdict = packet ? this.workarounds.inbound(packet) : undefined;
    if (verdict?.action === 'flood') {
      this.hooks.packets.record(this.clientId, 'in', received, packet, undefined);
      this.closeForQos2Flood();
      return;
    }
    // The log shows what the client sent; aedes gets the rewritten packet.
    const edited = verdict?.action === 'rewrite' ? editProperty(received, verdict.edit) : undefined;
    const decision = packet ? this.hooks.faults.decide(packet, 'in', this.clientId) : pass;
    this.hooks.packets.record(this.clientId, 'in', received, packet, decision.action === 'pass' ? undefined : decision.text);
    // An acknowledgement a fault drops never arrived: the delivery stays in flight (Receive Maximum,
    // shared groups) and aedes' resend of it carries DUP.
    if (decision.action !== 'drop' && (packet?.cmd === 'puback' || packet?.cmd === 'pubrec' || packet?.cmd === 'pubcomp')) this.hooks.resends.acknowledged(this.clientId, packet.messageId ?? 0);
    if ((this.limits || this.sharedDeliveries) && decision.action !== 'drop' && packet && (packet.cmd === 'puback' || packet.cmd === 'pubcomp' || (packet.cmd === 'pubrec' && (packet.reasonCode ?? 0) >= 0x80))) {
      this.acknowledgedByClient(packet.messageId ?? 0);
    }
    if (edited && 'problem' in edited) {
      this.fail(text('broker.wire.editMalformed', { name: packet?.cmd.toUpperCase() ?? 'unknown' }, { problem: edited.text }));
      return;
    }
    let bytes = edited?.bytes ?? received;
    // MQTT-3.3.1-3: a delivery's DUP says only whether the broker resends it; aedes would copy the
    // publisher's into every delivery (and the retained copy), so aedes gets the PUBLISH without it.
    if (packet?.cmd === 'publish' && packet.dup) bytes = withoutDup(bytes);
    const split = this.splitShared(packet);
    // A member of a shared group from now on: its deliveries are tracked until acknowledged.
    if (split.action !== 'pass' && packet?.cmd === 'subscribe') this.sharedDeliveries ??= new Map();
    if (split.action === 'close') {
      this.closeWithReason(split.reason, split.reasonCode);
      return;
    }
    if (split.action === 'answer') {
      this.answer(split.bytes);
      return;
    }
    if (split.action === 'forward') bytes = split.bytes;
    if (packet?.cmd === 'publish' && decision.action !== 'drop') {
      this.messagesIn++;
      this.hooks.countPublish('in');
    }
    if (this.gated) {
      this.gated.push({ bytes, decision });
      return;
    }
    // Inbound order is kept strictly: a DISCONNECT must not overtake the PUBLISH before it.
    this.route(this.toBroker, bytes, decision, this.passToBroker, false);
    if (packet?.cmd === 'connect') this.gated = [];
  };

  private readonly onBrokerPacket = (sent: Buffer): void => {
    const packet = this.outParser.parse(sent);
    const edit = packet ? this.workarounds.outbound(packet) : undefined;
    const edited = edit ? editProperty(sent, edit) : undefined;
    if (edited && 'problem' in edited) {
      this.fail(text('broker.wire.rewriteFailed', { name: packet?.cmd.toUpperCase() ?? 'unknown' }, { problem: edited.text }));
      return;
    }
    let bytes = edited?.bytes ?? sent;
    if (this.sharedSplit && packet) {
      if (packet.cmd === 'suback' || packet.cmd === 'unsuback') bytes = this.sharedSplit.acknowledgement(packet) ?? bytes;
      else if (packet.cmd === 'connack') bytes = fixedConnack(packet, this.workarounds.protocolVersion, this.sessionKept) ?? bytes;
    }
    const limits = this.limits;
    if (limits && packet) {
      if (packet.cmd === 'publish' && limits.mustWait(packet)) {
        limits.hold({ bytes, packet, heldAt: performance.now() });
        return;
      }
      if (packet.cmd === 'pubrel') {
        const complete = limits.completeDiscarded(packet.messageId ?? 0);
        if (complete) {
          this.pushToBroker(complete);
          return;
        }
      }
    }
    this.toClientNow(bytes, packet);
  };

  /** A packet from aedes that may go now: faults decide, the client's limits apply, the log records what goes. */
  private toClientNow(sent: Buffer, packet: Packet | undefined): void {
    let bytes = sent;
    const decision = packet ? this.hooks.faults.decide(packet, 'out', this.clientId) : pass;
    if (packet?.cmd === 'publish' && decision.action !== 'drop') {
      if (this.limits) {
        const verdict = this.limits.beforeSend(packet, bytes);
        if (verdict.action === 'discard') {
          this.discard(packet, verdict.size, verdict.ackToBroker);
          return;
        }
        bytes = verdict.bytes;
      }
      bytes = this.hooks.resends.beforeSend(this.clientId, packet, bytes);
      if (packet.qos > 0) this.sharedDeliveries?.set(packet.messageId ?? 0, packet);
      this.messagesOut++;
      this.hooks.countPublish('out');
    } else if (packet?.cmd === 'publish') {
      // Dropped by a fault is lost on the way, not unsent: aedes' resend of it is a resend.
      bytes = this.hooks.resends.beforeSend(this.clientId, packet, bytes);
    } else if (packet?.cmd === 'connack') {
      this.onConnack(packet);
    }
    this.hooks.packets.record(this.clientId, 'out', bytes, packet, decision.action === 'pass' ? undefined : decision.text);
    this.route(isAck(bytes) ? this.acksToClient : this.toClient, bytes, decision, this.sendToClient, true);
    if (packet?.cmd === 'connack' && this.answersBeforeConnack) {
      const answers = this.answersBeforeConnack;
      this.answersBeforeConnack = undefined;
      for (const answer of answers) this.answer(answer);
    }
  }

  /** A delivery larger than the client's Maximum Packet Size: not sent, said in the broker log, settled with aedes. */
  private discard(packet: Extract<Packet, { cmd: 'publish' }>, size: number, ackToBroker: Buffer | undefined): void {
    this.hooks.discarded(
      this,
      text('broker.log.tooLarge', { topic: packet.topic, qos: packet.qos, size: String(size), clientId: this.clientId, maximum: String(this.connectRequest?.maximumPacketSize ?? 0) }),
    );
    if (ackToBroker) this.pushToBroker(ackToBroker);
  }

  /** The client acknowledged a delivery: deliveries its Receive Maximum held back may go now. */
  private acknowledgedByClient(messageId: number): void {
    const delivered = this.sharedDeliveries?.get(messageId);
    if (delivered) {
      this.sharedDeliveries?.delete(messageId);
      this.hooks.shared.acknowledged(this.clientId, delivered);
    }
    const limits = this.limits;
    if (!limits) return;
    limits.acknowledged(messageId);
    for (let next = limits.nextReleased(); next; next = limits.nextReleased()) {
      const fresh = limits.afterWaiting(next);
      if ('bytes' in fresh) this.toClientNow(fresh.bytes, next.packet);
      else if (fresh.expired) this.pushToBroker(fresh.expired);
    }
  }

  private onConnack(packet: IConnackPacket): void {
    const code = packet.returnCode ?? packet.reasonCode ?? 0;
    if (code !== 0) {
      this.hooks.refused(this, code, undefined);
      this.releaseGate();
      return;
    }
    if (packet.sessionPresent) {
      this.releaseGate();
      return;
    }
    this.hooks.sessionStarted(packet.properties?.assignedClientIdentifier ?? this.clientId);
    // Bug 1: no session means no QoS 2 receive state either. aedes 2.0.0-beta.1 does not clear it,
    // so a new PUBLISH reusing an id the last connection left unreleased is acknowledged and dropped.
    const id = packet.properties?.assignedClientIdentifier ?? this.clientId;
    const release = () => this.guard(text('broker.wire.heldFailed'), this.releaseGate);
    this.hooks.cleanIncoming(id).then(release, release);
  }

  /** `$share` entries of a SUBSCRIBE or UNSUBSCRIBE go to the broker's shared subscriptions, not to aedes. */
  private splitShared(packet: Packet | undefined): SplitVerdict {
    if (!this.sharedSplit || !packet) return passSplit;
    if (packet.cmd === 'subscribe') return this.sharedSplit.subscribe(this.clientId, packet);
    if (packet.cmd === 'unsubscribe') return this.sharedSplit.unsubscribe(this.clientId, packet);
    return passSplit;
  }

  /** A packet the wire answers itself instead of aedes (SUBACK of shared entries only), logged as the broker's. */
  private answer(bytes: Buffer): void {
    if (this.answersBeforeConnack) {
      this.answersBeforeConnack.push(bytes);
      return;
    }
    const packet = this.outParser.parse(bytes);
    const decision = packet ? this.hooks.faults.decide(packet, 'out', this.clientId) : pass;
    this.hooks.packets.record(this.clientId, 'out', bytes, packet, decision.action === 'pass' ? undefined : decision.text);
    this.route(this.acksToClient, bytes, decision, this.sendToClient, true);
  }

  /** The client's packets after CONNECT go on to aedes, in the order they came. */
  private readonly releaseGate = (): void => {
    const held = this.gated;
    this.gated = undefined;
    if (!held || this.destroyed) return;
    for (const { bytes, decision } of held) this.route(this.toBroker, bytes, decision, this.pushToBroker, false);
    this.endToBrokerWhenDrained();
  };

  /** Runs a step of a socket or stream callback; if it throws, this connection fails instead of the process. */
  private guard(what: BrokerText, step: () => void): boolean {
    try {
      step();
      return true;
    } catch (error) {
      this.fail(text('broker.wire.guarded', { code: errorCode(error) }, { what }));
      return false;
    }
  }

  /**
   * This client cannot go on: it is closed at once, without CONNACK or DISCONNECT, with the reason
   * for the broker log (aedes reports the wire's error as a client or connection error).
   */
  private fail(reason: BrokerText): void {
    this.closeBecause(reason);
    this.ignoringClient = true;
    this.gated = undefined;
    if (!this.destroyed) this.destroy(new Error(this.closeReason));
  }

  /**
   * More QoS 2 messages awaiting PUBREL than aedes 1.2 allowed (aedes 2 beta has no limit, so a
   * client could grow the broker's memory without end): DISCONNECT 0x93 on MQTT 5, then close.
   */
  private closeForQos2Flood(): void {
    this.closeWithReason(text('broker.wire.qos2Flood', { maximum: String(MAX_UNRELEASED_QOS2) }), RECEIVE_MAXIMUM_EXCEEDED);
  }

  /** Ends a client that broke a limit: DISCONNECT with the reason code on MQTT 5, then close. */
  private closeWithReason(reason: BrokerText, reasonCode: number): void {
    // Before a v5 CONNECT there is no one to tell: the close alone, with the reason logged.
    if (this.workarounds.protocolVersion !== 5 || !this.connectRequest) {
      this.fail(reason);
      return;
    }
    this.ignoringClient = true;
    this.gated = undefined;
    this.closeBecause(reason);
    const disconnect = generate({ cmd: 'disconnect', reasonCode }, { protocolVersion: 5 });
    this.hooks.packets.record(this.clientId, 'out', disconnect, undefined, undefined);
    this.socket.end(disconnect);
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  private route(queue: DeliveryQueue, bytes: Buffer, decision: FaultDecision, forward: (bytes: Buffer) => void, controlOvertakes: boolean): void {
    switch (decision.action) {
      case 'pass':
        if (queue.empty || (controlOvertakes && !isPublishFlow(bytes))) forward(bytes);
        else queue.add(bytes, 0, false);
        return;
      case 'drop':
        return;
      case 'delay':
        queue.add(bytes, decision.ms, false);
        return;
      case 'hold':
        queue.add(bytes, 0, true);
        return;
    }
  }

  /** The client's bytes are not MQTT any more: it is closed rather than aedes left to make sense of them. */
  private readonly onUnframedFromClient = (): void => {
    this.fail(text('broker.wire.lengthOverrun'));
  };

  /** The fast path: extends the run of passing packets when this one follows it in memory. */
  private readonly passToBroker = (bytes: Buffer): void => {
    const first = this.passRunFirst;
    if (first && bytes.buffer === first.buffer && bytes.byteOffset === this.passRunEnd) {
      this.passRunEnd += bytes.length;
      return;
    }
    this.flushPassRun();
    this.passRunFirst = bytes;
    this.passRunEnd = bytes.byteOffset + bytes.length;
  };

  private flushPassRun(): void {
    const first = this.passRunFirst;
    if (!first) return;
    this.passRunFirst = undefined;
    const length = this.passRunEnd - first.byteOffset;
    this.pushToBroker(length === first.length ? first : Buffer.from(first.buffer, first.byteOffset, length));
  }

  /** Whatever reaches the broker other than by the fast path goes after the run before it. */
  private readonly pushToBroker = (bytes: Buffer): void => {
    this.flushPassRun();
    if (!this.push(bytes)) this.socket.pause();
    this.endToBrokerWhenDrained();
  };

  /**
   * Once the client ended and nothing is queued or gated for aedes, aedes hears the end: after a
   * DISCONNECT that ends an ephemeral session (bug 2) when the client sent none.
   */
  private endToBrokerWhenDrained(): void {
    if (!this.clientEnded || !this.toBroker.empty || this.gated || this.endedToBroker) return;
    this.endedToBroker = true;
    this.flushPassRun();
    const goodbye = this.workarounds.closingWithoutDisconnect();
    if (goodbye) this.push(generate(goodbye, { protocolVersion: 5 }));
    this.push(null);
  }

  /**
   * The socket closed without an end (reset, cut). Usually the wire goes with it; an ephemeral
   * session (bug 2) must first be ended by a DISCONNECT aedes hears, so the wire ends instead and
   * aedes closes it.
   */
  private closedWithoutEnd(): void {
    if (this.destroyed || !this.workarounds.ephemeral || this.ignoringClient) {
      this.destroy();
      return;
    }
    this.toBroker.clear();
    this.gated = undefined;
    this.clientEnded = true;
    this.endToBrokerWhenDrained();
  }

  /**
   * Writes are gathered until the event loop turns, so a burst of deliveries leaves in one system
   * call instead of one per packet (aedes delivers each message in its own setImmediate).
   */
  private readonly sendToClient = (bytes: Buffer): void => {
    if (!this.socket.writable) return;
    if (!this.socketCorked) {
      this.socketCorked = true;
      this.socket.cork();
      setImmediate(this.uncorkSocket);
    }
    this.socket.write(bytes);
  };

  private readonly uncorkSocket = (): void => {
    this.socketCorked = false;
    this.socket.uncork();
  };

  private noteConnect(packet: Extract<Packet, { cmd: 'connect' }>): void {
    const protocolVersion = packet.protocolVersion ?? 4;
    this.clientId = packet.clientId;
    this.connectRequest = {
      protocolVersion,
      keepalive: packet.keepalive ?? 0,
      clean: packet.clean ?? true,
      sessionExpiryInterval: protocolVersion === 5 ? (packet.properties?.sessionExpiryInterval ?? 0) : undefined,
      username: packet.username,
      willTopic: packet.will?.topic,
      ...(packet.properties?.maximumPacketSize === undefined ? {} : { maximumPacketSize: packet.properties.maximumPacketSize }),
    };
    if (protocolVersion === 5) {
      this.inParser.useProtocol(5);
      this.outParser.useProtocol(5);
    }
    this.sharedSplit = new SharedSubscribeSplit(this.hooks.shared, protocolVersion);
    this.limits = ClientLimits.of(packet);
    this.sessionKept = packet.clean === false && packet.clientId !== '' && this.hooks.sessionKept(packet.clientId);
  }

  /** refuse-connections: answer CONNACK with the fault's code ourselves; aedes never sees the client. */
  private refuse(code: number): void {
    this.ignoringClient = true;
    const protocolVersion = this.connectRequest?.protocolVersion ?? 4;
    // The fault's code is a 3.1.1 return code; an MQTT 5 client hears the reason code that means the same.
    const connack =
      protocolVersion === 5
        ? generate({ cmd: 'connack', reasonCode: connackToV5[code] ?? 0x80, sessionPresent: false }, { protocolVersion: 5 })
        : generate({ cmd: 'connack', returnCode: code, sessionPresent: false });
    this.hooks.packets.record(this.clientId, 'out', connack, undefined, CONNACK_REFUSED_BY_FAULT);
    this.hooks.refused(this, code, text('broker.reason.refusedByFault'));
    this.closeBecause(text('broker.reason.refusedByFault'));
    this.socket.end(connack);
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** The client half-closed: the broker hears the end after what is still queued for it. */
  private toBrokerEnded(): void {
    this.clientEnded = true;
    this.endToBrokerWhenDrained();
  }

  /** Real backpressure from the client's socket reaches aedes; a fault's delay does not. */
  private afterWrite(callback: (error?: Error | null) => void): void {
    if (!this.socket.writableNeedDrain) {
      callback();
      return;
    }
    const done = () => {
      this.socket.off('drain', done);
      this.socket.off('close', done);
      callback();
    };
    this.socket.on('drain', done);
    this.socket.on('close', done);
  }
}

/** A polite close: what was written still reaches the client, but a client that never reads cannot keep it open. */
function endThenDestroy(socket: Duplex): void {
  socket.end();
  const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
