/**
 * Monotonic time on process.hrtime's time line without a BigInt per packet, an allocation the hot
 * paths (the broker's wire and the client-side PacketTap) avoid. `performance.now()` reads the same
 * monotonic clock (libuv's hrtime) from a fixed origin, so one offset taken at load aligns them.
 */
const offsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();

/** Monotonic milliseconds, comparable with PacketTap's `monotonicMs`. */
export function monotonicMs(): number {
  return performance.now() + offsetMs;
}
