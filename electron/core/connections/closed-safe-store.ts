import { Readable } from 'node:stream';
import { Store } from 'mqtt';
import type { Packet } from 'mqtt';

type DoneCallback = Parameters<Store['put']>[1];
type PacketCallback = Parameters<Store['get']>[1];

/**
 * MQTT.js's store, safe to use after it was closed. MQTT.js handles the packets it already parsed
 * one tick at a time, so a client ended in between (a broker's violation, the user's Disconnect)
 * still writes a queued QoS 2 PUBLISH to its incoming store, and MQTT.js's own store throws there
 * (`Cannot read properties of null (reading 'set')`), out of a socket handler, taking the process
 * with it. Here a closed store refuses through the callback, as a store that failed to write does.
 */
export class ClosedSafeStore extends Store {
  private closed = false;

  override put(packet: Packet, cb: DoneCallback): this {
    if (this.closed) {
      cb?.(new Error('the store was closed with its connection'));
      return this;
    }
    return super.put(packet, cb);
  }

  override get(packet: Pick<Packet, 'messageId'>, cb: PacketCallback): this {
    if (this.closed) {
      cb?.(new Error('the store was closed with its connection'));
      return this;
    }
    return super.get(packet, cb);
  }

  override del(packet: Pick<Packet, 'messageId'>, cb: PacketCallback): this {
    if (this.closed) {
      cb?.(new Error('the store was closed with its connection'));
      return this;
    }
    return super.del(packet, cb);
  }

  override createStream(): ReturnType<Store['createStream']> {
    if (!this.closed) return super.createStream();
    return Readable.from([]) as unknown as ReturnType<Store['createStream']>;
  }

  override close(cb: DoneCallback): void {
    this.closed = true;
    super.close(cb);
  }
}
