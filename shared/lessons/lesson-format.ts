/**
 * The lesson file format: a cast of actors (real MQTT clients), and steps that act and then check
 * claims about the packets that really crossed the wire. Built-in lessons and a teacher's own files
 * are the same JSON, checked by these schemas; `parseLesson` turns a schema failure into messages
 * that name the step and the field.
 */
import { z } from 'zod';
import { localizedText } from './localized-text';
import { said } from './format-messages';
import { InFlightExpectation, ReceivedByOneExpectation } from './lesson-group-expectations';

export const LESSON_FORMAT = 'mqtt-lab-lesson';
/**
 * Version 2 lets a text field be an object of texts by language ({ "en": "…", "zh-CN": "…" }); version 1
 * files (plain text) still read. Export writes 1 when every text is plain, so such a file still opens in
 * an MQTT Lab from before version 2, and 2 as soon as one text is per language (see lessonFileVersion).
 */
export const LESSON_FORMAT_VERSION = 2;
export const LESSON_FORMAT_VERSIONS = [1, 2] as const;

export const packetTypes = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'] as const;
export type PacketType = (typeof packetTypes)[number];

/** What a plain value must be, said the same way everywhere so a teacher reads one style of message. */
function oneOf<const Values extends readonly [string, ...string[]]>(values: Values, what: 'packetType' | 'ack' | 'direction' | 'delayed' | 'tap' | 'aliasForm') {
  return z.enum(values, { error: (issue) => said('lessons.format.notOneOf', { input: JSON.stringify(issue.input), what, values: values.join(', ') }) });
}

const Name = z.string().trim().min(1, said('lessons.format.nameNeeded')).max(40, said('lessons.format.atMostChars', { max: '40' }));
const Seconds = (max: number) => z.number({ error: said('lessons.format.secondsNeeded') }).min(0, said('lessons.format.notNegative')).max(max, said('lessons.format.atMost', { max: String(max) }));
const QoS = z.union([z.literal(0), z.literal(1), z.literal(2)], { error: (issue) => said('lessons.format.notQos', { input: JSON.stringify(issue.input) }) });

export const PacketTypeName = oneOf(packetTypes, 'packetType');

export const LessonWill = z.strictObject({
  topic: z.string().min(1).max(65535),
  payload: z.string().max(65535).default(''),
  qos: QoS.default(0),
  retain: z.boolean().default(false),
  /** MQTT 5 Will Delay Interval. */
  delaySeconds: Seconds(4_294_967_295).optional(),
});

export const LessonActor = z.strictObject({
  name: Name,
  /** A person's name ("Alice") reads without "the" in claims; "Sensor" reads "the Sensor". */
  properNoun: z.boolean().default(false),
  protocolVersion: z.union([z.literal(3), z.literal(4), z.literal(5)], { error: (issue) => said('lessons.format.notProtocolVersion', { input: JSON.stringify(issue.input) }) }).default(4),
  /** Absent: the lesson makes one from the name, unique per run. */
  clientId: z.string().max(23).optional(),
  /** Clean Session (3.1.1) or Clean Start (5.0). */
  clean: z.boolean().default(true),
  /** MQTT 5 Session Expiry Interval. */
  sessionExpirySeconds: Seconds(4_294_967_295).optional(),
  keepaliveSeconds: z.number().int().min(0).max(65535).default(60),
  will: LessonWill.optional(),
  username: z.string().max(65535).optional(),
  password: z.string().max(65535).optional(),
  /** MQTT 5: how many QoS 1 and 2 messages the actor takes in flight at once. */
  receiveMaximum: z.number().int().min(1).max(65535).optional(),
  /** MQTT 5: how many topic aliases the actor accepts from the broker. */
  topicAliasMaximum: z.number().int().min(0).max(65535).optional(),
  /** The client reconnects by itself after a lost connection (and resends what is in flight) after this delay. */
  reconnectAfterMs: z.number().int().min(100).max(60_000).optional(),
});
export type LessonActor = z.infer<typeof LessonActor>;

const Properties = z.strictObject({
  messageExpirySeconds: Seconds(4_294_967_295).optional(),
  responseTopic: z.string().max(65535).optional(),
  correlationData: z.string().max(65535).optional(),
  contentType: z.string().max(65535).optional(),
  payloadFormatIndicator: z.boolean().optional(),
  userProperties: z.record(z.string(), z.string()).optional(),
});
export type LessonPublishProperties = z.infer<typeof Properties>;

/**
 * A broker fault, as the broker's fault engine takes it, aimed at an actor by name ('*' is everyone).
 * Needs the built-in broker.
 */
export const LessonFault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drop-acks'), actor: z.string().min(1), ack: oneOf(['puback', 'pubrec', 'pubrel', 'pubcomp'], 'ack'), direction: oneOf(['to-client', 'from-client'], 'direction'), count: z.number().int().min(1).max(10_000).default(1) }),
  z.strictObject({ kind: z.literal('delay'), actor: z.string().min(1), what: oneOf(['acks', 'deliveries'], 'delayed'), ms: z.number().int().min(1).max(600_000) }),
  z.strictObject({ kind: z.literal('drop-qos0'), actor: z.string().min(1), percent: z.number().int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('pause-delivery'), actor: z.literal('*').default('*') }),
], { error: (issue) => (issue.code === 'invalid_union' ? said('lessons.format.notFaultKind', { input: JSON.stringify((issue.input as { kind?: unknown } | undefined)?.kind) }) : undefined) });
export type LessonFault = z.infer<typeof LessonFault>;

/** How many packets: exactly `count`, or within atLeast..atMost. Absent: at least one. */
const Count = {
  count: z.number().int().min(0).optional(),
  atLeast: z.number().int().min(0).optional(),
  atMost: z.number().int().min(0).optional(),
};

/** A party on the wire: an actor's name, or "broker". */
const Party = z.string().min(1);

/**
 * Packets that crossed the wire in this step (or since the step named by `since`), as the actors' taps
 * saw them; `at: "broker"` reads the built-in broker's tap instead, which also sees packets a fault dropped.
 */
export const PacketExpectation = z.strictObject({
  kind: z.literal('packet'),
  from: Party,
  to: Party,
  type: PacketTypeName,
  ...Count,
  qos: QoS.optional(),
  /** true/false: every matched packet; "after-first": the first without DUP, every later one with it. */
  dup: z.union([z.boolean(), z.literal('after-first')]).optional(),
  retain: z.boolean().optional(),
  packetId: z.number().int().min(1).max(65535).optional(),
  /** Every matched packet carries the same packet id. */
  samePacketId: z.boolean().optional(),
  reasonCode: z.number().int().min(0).max(255).optional(),
  /** CONNACK: the broker kept a session for the client (Session Present 1) or not. */
  sessionPresent: z.boolean().optional(),
  topic: z.string().optional(),
  payload: z.string().optional(),
  /** MQTT 5 properties the packet must carry, by mqtt-packet's names (e.g. "sessionExpiryInterval"). */
  properties: z.record(z.string(), z.unknown()).optional(),
  /** How many bytes the Remaining Length took (1 to 4). */
  remainingLengthBytes: z.number().int().min(1).max(4).optional(),
  /** MQTT 5: the PUBLISH set up a topic alias (topic and alias) or used one (alias only, empty topic). */
  topicAlias: oneOf(['topic-and-alias', 'alias-only', 'none'], 'aliasForm').optional(),
  /** Only with at "broker": the packet was dropped by a fault. */
  dropped: z.boolean().optional(),
  at: oneOf(['actors', 'broker'], 'tap').default('actors'),
  /** Count from the start of this earlier step (its index) instead of the current one. */
  since: z.number().int().min(0).optional(),
  /** Claim text; placeholders are filled from the trace: {count}, {times}, {from}, {to}, {type}, {packetIds}, {topics}, {payloads}, {sizes}, {bytesSaved}, {reasonCodes}. */
  says: localizedText(500).optional(),
});

/** The broker closed the actor's connection: how long after the actor's last packet, as a multiple of its keepalive. */
export const ClosedExpectation = z.strictObject({
  kind: z.literal('closed-by-broker'),
  actor: Name,
  /** The close came between these multiples of the keepalive after the actor's last packet. */
  minKeepalives: z.number().min(0).optional(),
  maxKeepalives: z.number().min(0).optional(),
  /** Placeholders: {actor}, {seconds}, {ratio}, {keepalive}. */
  says: localizedText(500).optional(),
});

/** Messages (PUBLISH packets) the actor received from the broker, or did not (count 0). */
export const ReceivedExpectation = z.strictObject({
  kind: z.literal('received'),
  actor: Name,
  topic: z.string().optional(),
  payload: z.string().optional(),
  ...Count,
  qos: QoS.optional(),
  dup: z.union([z.boolean(), z.literal('after-first')]).optional(),
  retain: z.boolean().optional(),
  /** Count from the start of this earlier step (its index) instead of the current one. */
  since: z.number().int().min(0).optional(),
  /** Placeholders: {actor}, {count}, {topics}, {payloads}. */
  says: localizedText(500).optional(),
});

/** The actor's connection is in this state when the check runs. */
export const ConnectedExpectation = z.strictObject({
  kind: z.literal('connected'),
  actor: Name,
  connected: z.boolean(),
  says: localizedText(500).optional(),
});

export const expectationKinds = ['packet', 'received', 'closed-by-broker', 'connected', 'in-flight', 'received-by-one'] as const;
export const Expectation = z.discriminatedUnion('kind', [PacketExpectation, ReceivedExpectation, ClosedExpectation, ConnectedExpectation, InFlightExpectation, ReceivedByOneExpectation], {
  error: (issue) => (issue.code === 'invalid_union' ? said('lessons.format.notExpectationKind', { input: JSON.stringify((issue.input as { kind?: unknown } | undefined)?.kind), values: expectationKinds.join(', ') }) : undefined),
});
export type Expectation = z.infer<typeof Expectation>;
export type PacketExpectation = z.infer<typeof PacketExpectation>;
export type ReceivedExpectation = z.infer<typeof ReceivedExpectation>;
export type ClosedExpectation = z.infer<typeof ClosedExpectation>;
export type ConnectedExpectation = z.infer<typeof ConnectedExpectation>;

export const actionKinds = ['connect', 'disconnect', 'subscribe', 'unsubscribe', 'publish', 'respond', 'send-auth', 'cut', 'fault', 'clear-faults', 'stop-pinging', 'wait', 'wait-until'] as const;
export const Action = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('connect'), actor: Name, /** Overrides the actor's clean flag for this connect. */ clean: z.boolean().optional() }),
  z.strictObject({ do: z.literal('disconnect'), actor: Name, reasonCode: z.number().int().min(0).max(255).optional(), sessionExpirySeconds: Seconds(4_294_967_295).optional() }),
  z.strictObject({ do: z.literal('subscribe'), actor: Name, filter: z.string().min(1).max(65535), qos: QoS.default(0), noLocal: z.boolean().optional(), retainAsPublished: z.boolean().optional(), retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional() }),
  z.strictObject({ do: z.literal('unsubscribe'), actor: Name, filter: z.string().min(1).max(65535) }),
  z.strictObject({
    do: z.literal('publish'),
    actor: Name,
    topic: z.string().min(1).max(65535),
    payload: z.string().max(1_000_000).default(''),
    /** A payload of this many bytes ("x" repeated), for lessons about sizes; replaces `payload`. */
    payloadBytes: z.number().int().min(0).max(1_000_000).optional(),
    qos: QoS.default(0),
    retain: z.boolean().default(false),
    properties: Properties.optional(),
    /** MQTT 5: "auto" lets the connection choose an alias (the topic goes once, then the alias alone). */
    topicAlias: z.union([z.literal('auto'), z.number().int().min(1).max(65535)]).optional(),
  }),
  /** MQTT 5: answers a request the actor received (the newest, or the newest with payload `request`): `payload` to its Response Topic, with its Correlation Data. */
  z.strictObject({ do: z.literal('respond'), actor: Name, request: z.string().optional(), payload: z.string().max(1_000_000).default(''), qos: QoS.default(0) }),
  /** MQTT 5: the actor sends AUTH (Re-authenticate, 0x19) naming an Authentication Method, to show how the broker answers. */
  z.strictObject({ do: z.literal('send-auth'), actor: Name, method: z.string().min(1).max(65535).default('SCRAM-SHA-256') }),
  /** Drops the actor's socket without DISCONNECT, as a network failure would. Works with any broker. */
  z.strictObject({ do: z.literal('cut'), actor: Name }),
  z.strictObject({ do: z.literal('fault'), fault: LessonFault }),
  z.strictObject({ do: z.literal('clear-faults') }),
  /** The actor stops sending PINGREQ (and so falls silent), for keepalive lessons. */
  z.strictObject({ do: z.literal('stop-pinging'), actor: Name }),
  z.strictObject({ do: z.literal('wait'), seconds: Seconds(600) }),
  z.strictObject({ do: z.literal('wait-until'), expect: Expectation, timeoutSeconds: Seconds(600).default(10) }),
], { error: (issue) => (issue.code === 'invalid_union' ? said('lessons.format.notAction', { input: JSON.stringify((issue.input as { do?: unknown } | undefined)?.do), values: actionKinds.join(', ') }) : undefined) });
export type Action = z.infer<typeof Action>;

/** A "try it yourself" button: actions on the running lesson, then checks where it can. */
export const TryIt = z.strictObject({
  label: localizedText(80, { trim: true, min: 1, what: 'label' }),
  actions: z.array(Action).min(1).max(50),
  expect: z.array(Expectation).max(50).default([]),
});
export type TryIt = z.infer<typeof TryIt>;

export const LessonStep = z.strictObject({
  title: localizedText(120, { trim: true, min: 1, what: 'title' }),
  narration: localizedText(5000),
  actions: z.array(Action).max(100).default([]),
  expect: z.array(Expectation).max(50).default([]),
  tryIt: z.array(TryIt).max(10).default([]),
  /** The step uses faults or the broker's side: against another broker it is skipped. */
  needsBuiltInBroker: z.boolean().default(false),
  /** A side note, shown as such (not a claim of the lesson). */
  sideNote: localizedText(2000).optional(),
});
export type LessonStep = z.infer<typeof LessonStep>;

/** Users of the lesson's built-in broker: with any, it refuses anonymous clients and bad passwords (CONNACK 0x86 / 5). */
export const LessonBrokerUser = z.strictObject({ username: z.string().min(1).max(65535), password: z.string().max(65535) });

export const Lesson = z.strictObject({
  format: z.literal(LESSON_FORMAT, { error: (issue) => said('lessons.format.notFormat', { input: JSON.stringify(issue.input), format: LESSON_FORMAT }) }),
  version: z.union([z.literal(1), z.literal(2)], { error: (issue) => said('lessons.format.notVersion', { input: JSON.stringify(issue.input) }) }),
  id: z.string().regex(/^[a-z0-9-]{1,60}$/, said('lessons.format.id')),
  title: localizedText(120, { trim: true, min: 1, what: 'title' }),
  summary: localizedText(2000).default(''),
  actors: z.array(LessonActor).min(1, said('lessons.format.needsActor')).max(10),
  /** Settings of the lesson's own broker (ignored against another broker). */
  broker: z.strictObject({ users: z.array(LessonBrokerUser).max(20).default([]) }).optional(),
  steps: z.array(LessonStep).min(1, said('lessons.format.needsStep')).max(100),
});
export type Lesson = z.infer<typeof Lesson>;
/** What a file holds before defaults are filled in: what `export` writes back. */
export type LessonInput = z.input<typeof Lesson>;
