import { generate } from 'mqtt-packet';
import type { IConnackPacket, IConnectPacket, IDisconnectPacket, IPublishPacket, Packet } from 'mqtt-packet';
import { SESSION_EXPIRY_INTERVAL, WILL_DELAY_INTERVAL } from './property-edit';
import type { PropertyEdit } from './property-edit';

/**
 * The wire-level workarounds aedes 2.0.0-beta.1 needs, for one connection. Each was found and
 * proven by the aedes 2 evaluation (bug1…bug3, extra-security); test/integration/broker-mqtt5.test.ts
 * proves them here. The wire parses every packet anyway; these rules only say which property of a
 * packet must change on its way to aedes or the client, and the wire edits that property in the
 * bytes that came (see editProperty); everything else passes as it came.
 */

/**
 * Bug 2: the Session Expiry Interval asked of aedes for a v5 Clean Start 0 connection that gave
 * none. One second is the shortest non-zero value; the session is ended explicitly at close.
 */
export const EPHEMERAL_SESSION_EXPIRY = 1;

/**
 * QoS 2 PUBLISHes a client may leave unreleased (no PUBREL) before it is disconnected: aedes 1.2's
 * maxInflightInbound default (GHSA-5jvp-3p2v-5qgf), which 2.0.0-beta.1 dropped.
 */
export const MAX_UNRELEASED_QOS2 = 1000;

/**
 * The largest packet the built-in broker takes from a client, announced to MQTT 5 clients as the
 * CONNACK's Maximum Packet Size. Far above what a device test sends, far below the protocol's 256 MB,
 * which a hostile client could otherwise make the app hold per connection.
 */
export const MAX_PACKET_SIZE = 64 * 1024 * 1024;

/** MQTT 5 reason codes used here. */
export const DISCONNECT_WITH_WILL = 0x04;
export const RECEIVE_MAXIMUM_EXCEEDED = 0x93;
export const PACKET_TOO_LARGE = 0x95;

/** What an inbound packet does: pass as is, pass with one property changed, or end the connection. */
export type InboundVerdict = { action: 'pass' } | { action: 'rewrite'; edit: PropertyEdit } | { action: 'flood' };

const pass: InboundVerdict = { action: 'pass' };

type PublishProperties = NonNullable<IPublishPacket['properties']>;

/** Bug 2: the session the client asked for (none) ends with this connection. */
const endSessionNow: PropertyEdit = { id: SESSION_EXPIRY_INTERVAL, value: 0 };
/** Bug 3: Will Delay Interval is no PUBLISH property. */
const withoutWillDelay: PropertyEdit = { id: WILL_DELAY_INTERVAL, value: undefined };

export class Aedes2Workarounds {
  protocolVersion = 4;
  /** Bug 2: aedes was told Session Expiry 1 though the client asked for none. */
  ephemeral = false;
  private sawDisconnect = false;
  /** Inbound QoS 2 message ids awaiting PUBREL. */
  private readonly unreleased = new Set<number>();

  inbound(packet: Packet): InboundVerdict {
    switch (packet.cmd) {
      case 'connect':
        return this.onConnect(packet);
      case 'publish':
        if (packet.qos !== 2) return pass;
        this.unreleased.add(packet.messageId ?? 0);
        return this.unreleased.size > MAX_UNRELEASED_QOS2 ? { action: 'flood' } : pass;
      case 'pubrel':
        this.unreleased.delete(packet.messageId ?? 0);
        return pass;
      case 'disconnect':
        this.sawDisconnect = true;
        return this.ephemeral ? { action: 'rewrite', edit: endSessionNow } : pass;
      default:
        return pass;
    }
  }

  /** The property to change in `packet` on its way to the client, or undefined to send it as it is. */
  outbound(packet: Packet): PropertyEdit | undefined {
    // The broker ended the connection itself (session taken over, shutdown): the session is aedes'
    // to handle now, and a goodbye DISCONNECT from this connection could end the new owner's session.
    if (packet.cmd === 'disconnect') this.sawDisconnect = true;
    // Bug 3: aedes copies the will's Will Delay Interval into the will PUBLISH, where the property
    // is not allowed: strict clients (libmosquitto) close the connection with a protocol error.
    if (packet.cmd !== 'publish' || !packet.properties) return undefined;
    // mqtt-packet's PUBLISH type has no such property, but its parser reads any property it knows.
    const withWillDelay: PublishProperties & { willDelayInterval?: number } = packet.properties;
    return withWillDelay.willDelayInterval === undefined ? undefined : withoutWillDelay;
  }

  /**
   * The socket went without DISCONNECT: what aedes must hear so an ephemeral session ends now (its
   * will is still published: reason 0x04), or undefined when aedes' own close handling is right.
   */
  closingWithoutDisconnect(): IDisconnectPacket | undefined {
    if (!this.ephemeral || this.sawDisconnect) return undefined;
    this.sawDisconnect = true;
    return { cmd: 'disconnect', reasonCode: DISCONNECT_WITH_WILL, properties: { sessionExpiryInterval: 0 } };
  }

  private onConnect(packet: IConnectPacket): InboundVerdict {
    this.protocolVersion = packet.protocolVersion ?? 4;
    const expiry = packet.properties?.sessionExpiryInterval ?? 0;
    if (this.protocolVersion !== 5 || packet.clean !== false || expiry > 0) return pass;
    // Bug 2: with Clean Start 0 and Session Expiry 0, aedes restores the subscriptions
    // (sessionPresent 1) but, taking the new session as clean, discards the queued messages. Asking
    // for a short expiry makes it resume them; the session is ended explicitly when the connection
    // closes (DISCONNECT with expiry 0), as the client asked.
    this.ephemeral = true;
    return { action: 'rewrite', edit: { id: SESSION_EXPIRY_INTERVAL, value: EPHEMERAL_SESSION_EXPIRY } };
  }
}

/**
 * aedes' CONNACK as the client must hear it, or undefined when it is right as it is:
 * - MQTT 5: aedes says shared subscriptions are not available; the broker has them (SharedSubscriptions),
 *   and the property absent means available.
 * - aedes sets Session Present only when the session has subscriptions; a kept session without any
 *   is present too (MQTT-3.2.2-2), as mosquitto 2.0.11 says. `sessionKept` is the broker's word.
 */
export function fixedConnack(packet: IConnackPacket, protocolVersion: number, sessionKept: boolean): Buffer | undefined {
  const accepted = (packet.reasonCode ?? packet.returnCode ?? 0) === 0;
  const sessionWrong = accepted && sessionKept && !packet.sessionPresent;
  const sharedWrong = packet.properties?.sharedSubscriptionAvailable === false;
  if (!sessionWrong && !sharedWrong) return undefined;
  // The parsed packet is the wire's own: the changes also reach the CONNACK handling after this.
  if (sessionWrong) packet.sessionPresent = true;
  if (sharedWrong && packet.properties) delete packet.properties.sharedSubscriptionAvailable;
  return generate(packet, { protocolVersion });
}
