import type { ReconnectOptions } from '../domain/profile';

/**
 * The wait before reconnect attempt `attempt` (1 for the first): doubling from the first delay up to
 * the longest, with up to jitterPercent of it taken off at random so that many clients dropped by
 * the same broker restart do not all come back in the same instant.
 */
export function reconnectDelay(attempt: number, options: Pick<ReconnectOptions, 'initialDelayMs' | 'maxDelayMs' | 'jitterPercent'>, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
  const spread = (base * options.jitterPercent) / 100;
  return Math.round(base - spread * random());
}
