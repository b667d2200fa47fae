/**
 * The client-side PacketTap stamps with `process.hrtime.bigint()`; a BigInt per packet is an
 * allocation the broker's hot path avoids. `performance.now()` reads the same monotonic clock
 * (libuv's hrtime) from a fixed origin, so one offset taken at load puts both on one time line.
 */
const offsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();

/** Monotonic milliseconds, comparable with PacketTap's `monotonicMs`. */
export function monotonicMs(): number {
  return performance.now() + offsetMs;
}
