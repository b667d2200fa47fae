/**
 * Expectations about several packets together, beyond one packet type: how many deliveries were
 * unacknowledged at once (flow control), and messages split among a group (shared subscriptions).
 */
import { z } from 'zod';
import { localizedText } from './localized-text';
import { said } from './format-messages';

const ActorName = z.string().trim().min(1, said('lessons.format.nameNeeded')).max(40, said('lessons.format.atMostChars', { max: '40' }));

/**
 * QoS 1 and 2 deliveries from the broker to the actor not yet acknowledged, at most this many at any
 * moment of the step: read on the broker's tap where there is one (a dropped acknowledgement never
 * arrived), else on the actor's.
 */
export const InFlightExpectation = z.strictObject({
  kind: z.literal('in-flight'),
  actor: ActorName,
  atMost: z.number().int().min(1).max(65535),
  since: z.number().int().min(0).optional(),
  /** Placeholders: {actor}, {max}, {deliveries}, {atMost}. */
  says: localizedText(500).optional(),
});
export type InFlightExpectation = z.infer<typeof InFlightExpectation>;

/** Every message (told apart by payload) the actors received went to exactly one of them, and `count` messages in all. */
export const ReceivedByOneExpectation = z.strictObject({
  kind: z.literal('received-by-one'),
  actors: z.array(ActorName).min(2, said('lessons.format.twoActors')).max(10),
  topic: z.string().optional(),
  count: z.number().int().min(1).optional(),
  since: z.number().int().min(0).optional(),
  /** Placeholders: {count}, {actors}, {split}. */
  says: localizedText(500).optional(),
});
export type ReceivedByOneExpectation = z.infer<typeof ReceivedByOneExpectation>;
