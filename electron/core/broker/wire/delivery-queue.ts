interface Waiting {
  packet: Buffer;
  /** performance.now() at which it may go. */
  due: number;
  /** Held by pause-delivery until released. */
  held: boolean;
}

/**
 * The packets of one direction of one connection that a fault delays or holds, and everything
 * queued behind them: TCP delivers in order, and a delayed packet must not be overtaken by the one
 * after it. Empty, as it is without faults, it costs nothing: the wire forwards directly.
 */
export class DeliveryQueue {
  private readonly waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly forward: (packet: Buffer) => void) {}

  get empty(): boolean {
    return this.waiting.length === 0;
  }

  add(packet: Buffer, delayMs: number, held: boolean): void {
    this.waiting.push({ packet, due: performance.now() + delayMs, held });
    this.flush();
  }

  /** pause-delivery was lifted: held packets go now, in the order they were held. */
  release(): void {
    for (const waiting of this.waiting) waiting.held = false;
    this.flush();
  }

  /** The connection is gone: nothing left to deliver. */
  clear(): void {
    this.waiting.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = performance.now();
    let head = this.waiting[0];
    while (head && !head.held && head.due <= now) {
      this.waiting.shift();
      this.forward(head.packet);
      head = this.waiting[0];
    }
    // A held head waits for release(); anything behind it waits with it.
    if (head && !head.held) this.timer = setTimeout(() => this.flush(), head.due - now);
  }
}
