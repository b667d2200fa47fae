/**
 * Checks an expectation against a trace. Every sentence is built from what the trace holds: a claim
 * that holds says so with the measured numbers; one that does not says what happened instead.
 */
import { pickText } from './localized-text';
import type { ClosedExpectation, ConnectedExpectation, Expectation, LessonActor, PacketExpectation, ReceivedExpectation } from './lesson-format';
import type { CheckResult, TraceConnectionEvent, TracePacket } from './lesson-trace';
import { checkInFlight, checkReceivedByOne } from './lesson-group-checks';

export interface CheckContext {
  /** The packets and events to judge: those of the step (or try-it) being checked. */
  packets: readonly TracePacket[];
  /** The whole trace, for "after its last packet" when that packet came in an earlier step; absent: `packets`. */
  allPackets?: readonly TracePacket[];
  events: readonly TraceConnectionEvent[];
  actors: readonly Pick<LessonActor, 'name' | 'properNoun' | 'keepaliveSeconds'>[];
  /** Whether each actor is connected now, by name. */
  connected: Readonly<Record<string, boolean>>;
  /** ms since the run started, for "still open N s after". */
  now: number;
}

export function checkExpectation(expectation: Expectation, context: CheckContext): CheckResult {
  switch (expectation.kind) {
    case 'packet':
      return checkPackets(expectation, context);
    case 'received':
      return checkPackets(receivedAsPacket(expectation), context, expectation);
    case 'closed-by-broker':
      return checkClosed(expectation, context);
    case 'connected':
      return checkConnected(expectation, context);
    case 'in-flight':
      return checkInFlight(expectation, context);
    case 'received-by-one':
      return checkReceivedByOne(expectation, context);
  }
}

function receivedAsPacket(expectation: ReceivedExpectation): PacketExpectation {
  const { actor, kind: _kind, says: _says, ...rest } = expectation;
  return { ...rest, kind: 'packet', from: 'broker', to: actor, type: 'PUBLISH', at: 'actors' };
}

/** "the Sensor", or "Alice" for a proper noun; "the broker" for the broker. */
export function nameOf(party: string, context: Pick<CheckContext, 'actors'>, capital = false): string {
  const actor = context.actors.find((each) => each.name === party);
  const named = party === 'broker' ? 'the broker' : actor?.properNoun ? party : `the ${party}`;
  return capital ? named.charAt(0).toUpperCase() + named.slice(1) : named;
}

export function times(count: number): string {
  if (count === 1) return 'once';
  if (count === 2) return 'twice';
  return `${count} times`;
}

function countWanted(expectation: { count?: number | undefined; atLeast?: number | undefined; atMost?: number | undefined }): { text: string; holds: (count: number) => boolean } {
  const { count, atLeast, atMost } = expectation;
  if (count !== undefined) return { text: count === 0 ? 'never' : times(count), holds: (found) => found === count };
  if (atLeast !== undefined && atMost !== undefined) return { text: `${atLeast} to ${atMost} times`, holds: (found) => found >= atLeast && found <= atMost };
  if (atMost !== undefined) return { text: `at most ${times(atMost)}`, holds: (found) => found <= atMost };
  const least = atLeast ?? 1;
  return { text: least === 1 ? 'at least once' : `at least ${times(least)}`, holds: (found) => found >= least };
}

function sameValue(actual: unknown, wanted: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(wanted);
}

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth'];
function ordinal(index: number): string {
  return ordinals[index] ?? `${index + 1}th`;
}

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

function listOf(values: readonly (string | number)[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

/** The packets an expectation is about, before its attributes are judged. */
function candidates(expectation: PacketExpectation, packets: readonly TracePacket[]): TracePacket[] {
  return packets.filter(
    (packet) =>
      packet.tap === expectation.at &&
      packet.from === expectation.from &&
      packet.to === expectation.to &&
      packet.type === expectation.type &&
      (expectation.topic === undefined || packet.topic === expectation.topic) &&
      (expectation.payload === undefined || packet.payload === expectation.payload) &&
      (expectation.packetId === undefined || packet.packetId === expectation.packetId) &&
      (expectation.dropped === undefined || (packet.dropped === true) === expectation.dropped),
  );
}

/** What the expectation asks of each matched packet; the first broken one is said. */
function attributeProblem(expectation: PacketExpectation, matched: readonly TracePacket[]): string | undefined {
  for (const [index, packet] of matched.entries()) {
    const which = matched.length === 1 ? 'it' : `the ${ordinal(index)}`;
    if (expectation.qos !== undefined && packet.qos !== expectation.qos) return `${which} had QoS ${packet.qos ?? 'none'}, not ${expectation.qos}`;
    if (expectation.retain !== undefined && (packet.retain === true) !== expectation.retain) return `${which} had RETAIN ${packet.retain ? 'set' : 'not set'}`;
    if (expectation.dup !== undefined) {
      const wantDup = expectation.dup === 'after-first' ? index > 0 : expectation.dup;
      if ((packet.dup === true) !== wantDup) return `${which} had DUP ${packet.dup ? 'set' : 'not set'}`;
    }
    if (expectation.sessionPresent !== undefined && (packet.sessionPresent === true) !== expectation.sessionPresent) return `${which} had Session Present ${packet.sessionPresent ? 1 : 0}`;
    if (expectation.reasonCode !== undefined && packet.reasonCode !== expectation.reasonCode) return `${which} had reason code ${packet.reasonCode === undefined ? 'none' : hex(packet.reasonCode)}, not ${hex(expectation.reasonCode)}`;
    if (expectation.remainingLengthBytes !== undefined && packet.remainingLengthBytes !== expectation.remainingLengthBytes) {
      const whose = matched.length === 1 ? 'its' : `the ${ordinal(index)}'s`;
      const took = packet.remainingLengthBytes === undefined ? 'an unknown number of bytes' : `${packet.remainingLengthBytes} byte${packet.remainingLengthBytes === 1 ? '' : 's'}`;
      return `${whose} Remaining Length took ${took}, not ${expectation.remainingLengthBytes}`;
    }
    if (expectation.topicAlias !== undefined && (packet.topicAlias?.form ?? 'none') !== expectation.topicAlias) return `${which} had ${describeAliasForm(packet.topicAlias?.form ?? 'none')}, not ${describeAliasForm(expectation.topicAlias)}`;
    for (const [name, wanted] of Object.entries(expectation.properties ?? {})) {
      const actual = packet.properties?.[name];
      if (!sameValue(actual, wanted)) return `${which} had ${name} ${actual === undefined ? 'absent' : JSON.stringify(actual)}, not ${JSON.stringify(wanted)}`;
    }
  }
  if (expectation.samePacketId) {
    const ids = [...new Set(matched.map((packet) => packet.packetId))];
    if (ids.length > 1) return `their packet ids differ: ${listOf(matched.map((packet) => packet.packetId ?? '—'))}`;
  }
  return undefined;
}

/** Facts worth saying about what matched: ids, QoS, DUP, reason codes, sizes. */
function facts(expectation: PacketExpectation, matched: readonly TracePacket[]): string[] {
  const said: string[] = [];
  if (matched.length === 0) return said;
  const ids = matched.flatMap((packet) => (packet.packetId === undefined ? [] : [packet.packetId]));
  if (ids.length > 0) said.push(new Set(ids).size === 1 ? `packet id ${ids[0]}${matched.length > 1 ? ' each time' : ''}` : `packet ids ${listOf(ids)}`);
  if (expectation.qos !== undefined || expectation.type === 'PUBLISH') {
    const qos = [...new Set(matched.map((packet) => packet.qos))];
    if (qos.length === 1 && qos[0] !== undefined) said.push(`QoS ${qos[0]}`);
  }
  if (expectation.dup !== undefined || matched.some((packet) => packet.dup)) {
    const dupAt = matched.flatMap((packet, index) => (packet.dup ? [index] : []));
    if (dupAt.length === 0) said.push('no DUP');
    else if (matched.length === 1) said.push('DUP set');
    else said.push(`DUP set on the ${dupAt.map(ordinal).join(' and ')}`);
  }
  if (expectation.retain !== undefined) said.push(matched.every((packet) => packet.retain) ? 'RETAIN set' : 'RETAIN not set');
  const codes = matched.flatMap((packet) => (packet.reasonCode === undefined ? [] : [hex(packet.reasonCode)]));
  if (expectation.reasonCode !== undefined && codes.length > 0) said.push(`reason code ${listOf([...new Set(codes)])}`);
  if (expectation.sessionPresent !== undefined) said.push(`Session Present ${matched.every((packet) => packet.sessionPresent) ? 1 : 0}`);
  if (expectation.remainingLengthBytes !== undefined) {
    const sizes = matched.map((packet) => `${packet.remainingLengthBytes ?? '?'}-byte Remaining Length (${packet.size} bytes in all)`);
    said.push(listOf([...new Set(sizes)]));
  }
  if (expectation.topicAlias !== undefined) {
    for (const packet of matched) {
      const use = packet.topicAlias;
      said.push(use ? `${describeAliasForm(use.form)} ${use.alias}, ${use.bytesSaved >= 0 ? `${use.bytesSaved} bytes saved` : `${-use.bytesSaved} bytes more`} (${packet.size} bytes in all)` : `${describeAliasForm('none')} (${packet.size} bytes in all)`);
    }
  }
  for (const name of Object.keys(expectation.properties ?? {})) said.push(`${name} ${JSON.stringify(matched[0]?.properties?.[name])}`);
  if (expectation.at === 'broker' && expectation.dropped) said.push('dropped by the fault');
  return said;
}

function describeAliasForm(form: 'topic-and-alias' | 'alias-only' | 'none'): string {
  if (form === 'alias-only') return 'only the topic alias';
  if (form === 'topic-and-alias') return 'the topic and topic alias';
  return 'no topic alias';
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

function checkPackets(expectation: PacketExpectation, context: CheckContext, received?: ReceivedExpectation): CheckResult {
  const named = candidates(expectation, context.packets);
  // With no count, the claim is "at least one such packet": its attributes choose among the packets
  // named. With a count, the count is of the packets named, and each must have the attributes.
  const countGiven = expectation.count !== undefined || expectation.atLeast !== undefined || expectation.atMost !== undefined;
  const eachAlone: PacketExpectation = { ...expectation, samePacketId: false, ...(expectation.dup === 'after-first' ? { dup: undefined } : {}) };
  const matched = countGiven ? named : named.filter((packet) => attributeProblem(eachAlone, [packet]) === undefined);
  const wanted = countWanted(expectation);
  const from = nameOf(expectation.from, context);
  const to = nameOf(expectation.to, context);
  const on = expectation.topic === undefined ? '' : ` on ${expectation.topic}`;
  const payload = expectation.payload === undefined ? '' : ` "${expectation.payload}"`;
  const id = expectation.packetId === undefined ? '' : ` ${expectation.packetId}`;
  // Subject, verb and object apart, so "never", "not" and "to send" read right.
  const phrase = received
    ? { subject: nameOf(received.actor, context), past: 'received', base: 'receive', object: `${expectation.payload === undefined ? 'a message' : 'the message'}${id}${payload}${on}`, any: `any message${id}${payload}${on}` }
    : expectation.at === 'broker' && expectation.dropped
      ? { subject: 'the broker', past: 'dropped', base: 'drop', object: `${expectation.type}${id}${on} ${expectation.from === 'broker' ? `to ${to}` : `from ${from}`}`, any: `any ${expectation.type}${id}${on} ${expectation.from === 'broker' ? `to ${to}` : `from ${from}`}` }
      : { subject: from, past: 'sent', base: 'send', object: `${expectation.type}${id}${payload}${on} to ${to}`, any: `any ${expectation.type}${id}${payload}${on} to ${to}` };
  const seenAt = expectation.at === 'broker' ? ' (seen at the broker)' : '';
  const indices = matched.map((packet) => packet.index);
  const found = matched.length;
  const said = facts(expectation, matched);
  const values = {
    count: found,
    times: times(found),
    from,
    to,
    type: expectation.type,
    actor: received ? nameOf(received.actor, context) : '',
    packetIds: listOf(matched.flatMap((packet) => (packet.packetId === undefined ? [] : [packet.packetId]))),
    topics: listOf([...new Set(matched.flatMap((packet) => (packet.topic === undefined ? [] : [packet.topic])))]),
    payloads: listOf(matched.flatMap((packet) => (packet.payload === undefined ? [] : [`"${packet.payload}"`]))),
    sizes: listOf(matched.map((packet) => packet.size)),
    bytesSaved: matched.reduce((sum, packet) => sum + (packet.topicAlias?.bytesSaved ?? 0), 0),
    reasonCodes: listOf([...new Set(matched.flatMap((packet) => (packet.reasonCode === undefined ? [] : [hex(packet.reasonCode)])))]),
  };
  const countHolds = wanted.holds(found);
  const problem = countHolds ? attributeProblem(expectation, matched) : undefined;
  const detail = said.length > 0 ? `: ${said.join('; ')}` : '';
  if (countHolds && problem === undefined) {
    const says = received?.says ?? expectation.says;
    const stated = found === 0 ? `${phrase.subject} never ${phrase.past} ${phrase.any}${seenAt}` : `${phrase.subject} ${phrase.past} ${phrase.object} ${times(found)}${seenAt}${detail}`;
    return { ok: true, text: `✓ ${capitalize(says ? fill(pickText(says, 'en'), values) : `${stated}.`)}`, packets: indices };
  }
  const expected = expectation.count === 0 ? `Expected ${phrase.subject} not to ${phrase.base} ${phrase.any}${seenAt}` : `Expected ${phrase.subject} to ${phrase.base} ${phrase.object} ${wanted.text}${seenAt}${describeWanted(expectation)}`;
  const unlike = !countGiven && found === 0 && named.length > 0 ? attributeProblem(eachAlone, named) : undefined;
  const happened = countHolds
    ? `${found === 1 ? 'it did once' : `it did ${times(found)}`}, but ${problem}`
    : unlike !== undefined
      ? `it did ${times(named.length)}, but ${unlike}`
      : found === 0
        ? 'it never did'
        : `it did ${times(found)}${detail}`;
  return { ok: false, text: `✗ ${expected}; ${happened}.`, packets: indices };
}

function describeWanted(expectation: PacketExpectation): string {
  const parts: string[] = [];
  if (expectation.qos !== undefined) parts.push(`QoS ${expectation.qos}`);
  if (expectation.dup === 'after-first') parts.push('DUP on every copy after the first');
  else if (expectation.dup !== undefined) parts.push(expectation.dup ? 'DUP set' : 'no DUP');
  if (expectation.retain !== undefined) parts.push(expectation.retain ? 'RETAIN set' : 'no RETAIN');
  if (expectation.reasonCode !== undefined) parts.push(`reason code ${hex(expectation.reasonCode)}`);
  if (expectation.sessionPresent !== undefined) parts.push(`Session Present ${expectation.sessionPresent ? 1 : 0}`);
  if (expectation.samePacketId) parts.push('the same packet id');
  if (expectation.remainingLengthBytes !== undefined) parts.push(`a ${expectation.remainingLengthBytes}-byte Remaining Length`);
  if (expectation.topicAlias !== undefined) parts.push(describeAliasForm(expectation.topicAlias));
  for (const [name, value] of Object.entries(expectation.properties ?? {})) parts.push(`${name} ${JSON.stringify(value)}`);
  return parts.length > 0 ? ` with ${parts.join(', ')}` : '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function checkClosed(expectation: ClosedExpectation, context: CheckContext): CheckResult {
  const actor = context.actors.find((each) => each.name === expectation.actor);
  const keepalive = actor?.keepaliveSeconds ?? 0;
  const who = nameOf(expectation.actor, context);
  const close = context.events.find((event) => event.kind === 'closed' && event.actor === expectation.actor);
  const closedAt = close?.time ?? context.now;
  const sent = (context.allPackets ?? context.packets).filter((packet) => packet.tap === 'actors' && packet.from === expectation.actor && packet.time <= closedAt);
  const last = sent.at(-1);
  const range = describeRange(expectation, keepalive);
  const expected = `Expected the broker to close ${who}'s connection${range} after its last packet`;
  if (!close) {
    const open = last ? `it was still open ${seconds(context.now - last.time)} after its last packet` : 'it was still open, and it had sent nothing in this step';
    return { ok: false, text: `✗ ${expected}; ${open}.`, packets: last ? [last.index] : [] };
  }
  if (close.closedBy === 'actor') return { ok: false, text: `✗ ${expected}; ${who} closed it itself${close.reason ? ` (${close.reason})` : ''}.`, packets: [] };
  if (!last) return { ok: false, text: `✗ ${expected}; the trace holds no packet of ${who} before the close, so the time cannot be measured.`, packets: [] };
  const elapsed = close.time - last.time;
  const ratio = keepalive > 0 ? elapsed / 1000 / keepalive : Number.POSITIVE_INFINITY;
  const measured = `${seconds(elapsed)} after its last packet${keepalive > 0 ? `: ${ratio.toFixed(2)} × its keepalive of ${keepalive} s` : ''}`;
  const inRange = (expectation.minKeepalives === undefined || ratio >= expectation.minKeepalives) && (expectation.maxKeepalives === undefined || ratio <= expectation.maxKeepalives);
  if (!inRange) return { ok: false, text: `✗ ${expected}; it closed it ${measured}.`, packets: [last.index] };
  const values = { actor: who, seconds: (elapsed / 1000).toFixed(1), ratio: ratio.toFixed(2), keepalive };
  const text = expectation.says ? fill(pickText(expectation.says, 'en'), values) : `The broker closed ${who}'s connection ${measured}.`;
  return { ok: true, text: `✓ ${capitalize(text)}`, packets: [last.index] };
}

function describeRange(expectation: ClosedExpectation, keepalive: number): string {
  const { minKeepalives: min, maxKeepalives: max } = expectation;
  const of = ` × its keepalive of ${keepalive} s`;
  if (min !== undefined && max !== undefined) return ` ${min} to ${max}${of}`;
  if (min !== undefined) return ` at least ${min}${of}`;
  if (max !== undefined) return ` within ${max}${of}`;
  return '';
}

function checkConnected(expectation: ConnectedExpectation, context: CheckContext): CheckResult {
  const who = nameOf(expectation.actor, context, true);
  const whom = nameOf(expectation.actor, context);
  const is = context.connected[expectation.actor] === true;
  const state = (connected: boolean) => (connected ? 'connected' : 'not connected');
  if (is === expectation.connected) {
    const text = expectation.says ? fill(pickText(expectation.says, 'en'), { actor: whom }) : `${who} is ${state(is)}.`;
    return { ok: true, text: `✓ ${capitalize(text)}`, packets: [] };
  }
  const close = [...context.events].reverse().find((event) => event.actor === expectation.actor && event.kind === 'closed');
  const why = !is && close?.reason ? ` (${close.reason})` : '';
  return { ok: false, text: `✗ Expected ${whom} to be ${state(expectation.connected)}; it is ${state(is)}${why}.`, packets: [] };
}
