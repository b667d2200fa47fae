/**
 * Checks an expectation against a trace. Every sentence is built from what the trace holds: a claim
 * that holds says so with the measured numbers; one that does not says what happened instead.
 * Each result is worded in every language the app speaks (whole ICU sentences from lessons.ts, the
 * same values filled in), so the stage shows it in the language on screen and a switch rewords it.
 */
import { isLocale, translator, type Translator } from '../i18n';
import { locales } from '../i18n/locales';
import { pickText, type LocalizedText } from './localized-text';
import type { ClosedExpectation, ConnectedExpectation, Expectation, LessonActor, PacketExpectation, ReceivedExpectation } from './lesson-format';
import type { CheckResult, TraceConnectionEvent, TracePacket } from './lesson-trace';
import { checkInFlight, checkReceivedByOne } from './lesson-group-checks';
import { pickedTag } from './lesson-wording';

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

/** One language's wording of a check: `t` words the values, `locale` picks the teacher's `says` template. */
export interface Wordings {
  t: Translator;
  locale: string;
}

/** A check's result in one language: what CheckResult holds, with its sentence in that language. */
export interface OneResult {
  ok: boolean;
  text: string;
  packets: number[];
}

export function checkExpectation(expectation: Expectation, context: CheckContext): CheckResult {
  const says = 'says' in expectation ? expectation.says : undefined;
  const wording: Record<string, string> = {};
  let first: OneResult | undefined;
  for (const locale of locales) {
    // A template in a language the app does not word (or absent in this one) is filled with that language's values.
    const tag = says === undefined ? locale : (pickedTag(says, locale) ?? locale);
    const t = translator(isLocale(tag) ? tag : 'en');
    const result = checkIn(expectation, context, { t, locale });
    wording[locale] = result.text;
    first ??= result;
  }
  const english = first ?? { ok: false, text: '', packets: [] };
  return { ok: english.ok, text: wording.en ?? english.text, wording, packets: english.packets };
}

function checkIn(expectation: Expectation, context: CheckContext, words: Wordings): OneResult {
  switch (expectation.kind) {
    case 'packet':
      return checkPackets(expectation, context, words);
    case 'received':
      return checkPackets(receivedAsPacket(expectation), context, words, expectation);
    case 'closed-by-broker':
      return checkClosed(expectation, context, words);
    case 'connected':
      return checkConnected(expectation, context, words);
    case 'in-flight':
      return checkInFlight(expectation, context, words);
    case 'received-by-one':
      return checkReceivedByOne(expectation, context, words);
  }
}

function receivedAsPacket(expectation: ReceivedExpectation): PacketExpectation {
  const { actor, kind: _kind, says: _says, ...rest } = expectation;
  return { ...rest, kind: 'packet', from: 'broker', to: actor, type: 'PUBLISH', at: 'actors' };
}

/** "the Sensor", or "Alice" for a proper noun; "the broker" for the broker (in Chinese, the name alone). */
export function nameOf(t: Translator, party: string, context: Pick<CheckContext, 'actors'>, capital = false): string {
  const actor = context.actors.find((each) => each.name === party);
  const named = party === 'broker' ? t('lessons.party.broker') : actor?.properNoun ? party : t('lessons.party.actor', { name: party });
  return capital ? capitalize(named) : named;
}

export function times(t: Translator, count: number): string {
  return t('lessons.times', { count });
}

function countWanted(t: Translator, expectation: { count?: number | undefined; atLeast?: number | undefined; atMost?: number | undefined }): { text: string; holds: (count: number) => boolean } {
  const { count, atLeast, atMost } = expectation;
  if (count !== undefined) return { text: times(t, count), holds: (found) => found === count };
  if (atLeast !== undefined && atMost !== undefined) return { text: t('lessons.count.between', { atLeast: String(atLeast), atMost: String(atMost) }), holds: (found) => found >= atLeast && found <= atMost };
  if (atMost !== undefined) return { text: t('lessons.count.atMost', { times: times(t, atMost) }), holds: (found) => found <= atMost };
  const least = atLeast ?? 1;
  return { text: t('lessons.count.atLeast', { times: times(t, least) }), holds: (found) => found >= least };
}

function sameValue(actual: unknown, wanted: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(wanted);
}

function ordinal(t: Translator, index: number): string {
  return t('lessons.ordinal', { n: String(index + 1) });
}

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Values in a row, "none" for no value: ids, sizes, reason codes. */
export function listOf(t: Translator, values: readonly (string | number)[]): string {
  return values.length === 0 ? t('lessons.list.none') : values.join(t('lessons.list.separator'));
}

/** "a, b and c" in the language's own way. */
export function joinWords(t: Translator, words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return t('lessons.list.and', { rest: words.slice(0, -1).join(t('lessons.list.separator')), last: words.at(-1) ?? '' });
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

const yes = (value: boolean | undefined) => (value ? 'yes' : 'no');

/** What the expectation asks of each matched packet; the first broken one is said. */
function attributeProblem(t: Translator, expectation: PacketExpectation, matched: readonly TracePacket[]): string | undefined {
  for (const [index, packet] of matched.entries()) {
    const which = matched.length === 1 ? t('lessons.which.it') : t('lessons.which.nth', { ordinal: ordinal(t, index) });
    if (expectation.qos !== undefined && packet.qos !== expectation.qos) return t('lessons.problem.qos', { which, actual: packet.qos === undefined ? t('lessons.list.none') : String(packet.qos), wanted: String(expectation.qos) });
    if (expectation.retain !== undefined && (packet.retain === true) !== expectation.retain) return t('lessons.problem.retain', { which, set: yes(packet.retain) });
    if (expectation.dup !== undefined) {
      const wantDup = expectation.dup === 'after-first' ? index > 0 : expectation.dup;
      if ((packet.dup === true) !== wantDup) return t('lessons.problem.dup', { which, set: yes(packet.dup) });
    }
    if (expectation.sessionPresent !== undefined && (packet.sessionPresent === true) !== expectation.sessionPresent) return t('lessons.problem.sessionPresent', { which, value: packet.sessionPresent ? '1' : '0' });
    if (expectation.reasonCode !== undefined && packet.reasonCode !== expectation.reasonCode) return t('lessons.problem.reasonCode', { which, actual: packet.reasonCode === undefined ? t('lessons.list.none') : hex(packet.reasonCode), wanted: hex(expectation.reasonCode) });
    if (expectation.remainingLengthBytes !== undefined && packet.remainingLengthBytes !== expectation.remainingLengthBytes) {
      const whose = matched.length === 1 ? t('lessons.whose.its') : t('lessons.whose.nth', { ordinal: ordinal(t, index) });
      const took = packet.remainingLengthBytes === undefined ? t('lessons.bytes.unknown') : t('lessons.bytes', { count: packet.remainingLengthBytes });
      return t('lessons.problem.remainingLength', { whose, took, wanted: String(expectation.remainingLengthBytes) });
    }
    if (expectation.topicAlias !== undefined && (packet.topicAlias?.form ?? 'none') !== expectation.topicAlias) return t('lessons.problem.topicAlias', { which, actual: describeAliasForm(t, packet.topicAlias?.form ?? 'none'), wanted: describeAliasForm(t, expectation.topicAlias) });
    for (const [name, wanted] of Object.entries(expectation.properties ?? {})) {
      const actual = packet.properties?.[name];
      if (!sameValue(actual, wanted)) return t('lessons.problem.property', { which, name, actual: actual === undefined ? t('lessons.problem.absent') : JSON.stringify(actual), wanted: JSON.stringify(wanted) });
    }
  }
  if (expectation.samePacketId) {
    const ids = [...new Set(matched.map((packet) => packet.packetId))];
    if (ids.length > 1) return t('lessons.problem.packetIds', { ids: listOf(t, matched.map((packet) => packet.packetId ?? '—')) });
  }
  return undefined;
}

/** Facts worth saying about what matched: ids, QoS, DUP, reason codes, sizes. */
function facts(t: Translator, expectation: PacketExpectation, matched: readonly TracePacket[]): string[] {
  const said: string[] = [];
  if (matched.length === 0) return said;
  const ids = matched.flatMap((packet) => (packet.packetId === undefined ? [] : [packet.packetId]));
  if (ids.length > 0) said.push(new Set(ids).size === 1 ? t(matched.length > 1 ? 'lessons.fact.packetIdEach' : 'lessons.fact.packetId', { id: String(ids[0]) }) : t('lessons.fact.packetIds', { ids: listOf(t, ids) }));
  if (expectation.qos !== undefined || expectation.type === 'PUBLISH') {
    const qos = [...new Set(matched.map((packet) => packet.qos))];
    if (qos.length === 1 && qos[0] !== undefined) said.push(t('lessons.fact.qos', { qos: String(qos[0]) }));
  }
  if (expectation.dup !== undefined || matched.some((packet) => packet.dup)) {
    const dupAt = matched.flatMap((packet, index) => (packet.dup ? [index] : []));
    if (dupAt.length === 0) said.push(t('lessons.fact.noDup'));
    else if (matched.length === 1) said.push(t('lessons.fact.dupSet'));
    else said.push(t('lessons.fact.dupOn', { which: dupAt.map((at) => ordinal(t, at)).reduce((all, next) => t('lessons.list.and', { rest: all, last: next })) }));
  }
  if (expectation.retain !== undefined) said.push(t('lessons.fact.retain', { set: yes(matched.every((packet) => packet.retain)) }));
  const codes = matched.flatMap((packet) => (packet.reasonCode === undefined ? [] : [hex(packet.reasonCode)]));
  if (expectation.reasonCode !== undefined && codes.length > 0) said.push(t('lessons.fact.reasonCode', { codes: listOf(t, [...new Set(codes)]) }));
  if (expectation.sessionPresent !== undefined) said.push(t('lessons.fact.sessionPresent', { value: matched.every((packet) => packet.sessionPresent) ? '1' : '0' }));
  if (expectation.remainingLengthBytes !== undefined) {
    const sizes = matched.map((packet) => t('lessons.fact.remainingLength', { bytes: String(packet.remainingLengthBytes ?? '?'), size: String(packet.size) }));
    said.push(listOf(t, [...new Set(sizes)]));
  }
  if (expectation.topicAlias !== undefined) {
    for (const packet of matched) {
      const use = packet.topicAlias;
      said.push(
        use
          ? t('lessons.fact.alias', { form: describeAliasForm(t, use.form), alias: String(use.alias), saved: use.bytesSaved >= 0 ? t('lessons.fact.bytesSaved', { bytes: String(use.bytesSaved) }) : t('lessons.fact.bytesMore', { bytes: String(-use.bytesSaved) }), size: String(packet.size) })
          : t('lessons.fact.noAlias', { form: describeAliasForm(t, 'none'), size: String(packet.size) }),
      );
    }
  }
  // A property is a protocol field: its name and JSON value are not words to translate.
  for (const name of Object.keys(expectation.properties ?? {})) said.push(`${name} ${JSON.stringify(matched[0]?.properties?.[name])}`);
  if (expectation.at === 'broker' && expectation.dropped) said.push(t('lessons.fact.droppedByFault'));
  return said;
}

function describeAliasForm(t: Translator, form: 'topic-and-alias' | 'alias-only' | 'none'): string {
  if (form === 'alias-only') return t('lessons.alias.aliasOnly');
  if (form === 'topic-and-alias') return t('lessons.alias.topicAndAlias');
  return t('lessons.alias.none');
}

/** A teacher's `says` template with the trace's values in place of {placeholders}. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The claim as the teacher wrote it (in this language), or the engine's own sentence. */
export function stated(words: Wordings, says: LocalizedText | undefined, values: Record<string, string | number>, own: () => string): string {
  return `✓ ${capitalize(says !== undefined ? fill(pickText(says, words.locale), values) : own())}`;
}

/** "✗ Expected …; what happened instead." */
export function failed(t: Translator, expected: string, happened: string): string {
  return t('lessons.check.failed', { expected, happened });
}

function checkPackets(expectation: PacketExpectation, context: CheckContext, words: Wordings, received?: ReceivedExpectation): OneResult {
  const { t } = words;
  const named = candidates(expectation, context.packets);
  // With no count, the claim is "at least one such packet": its attributes choose among the packets
  // named. With a count, the count is of the packets named, and each must have the attributes.
  const countGiven = expectation.count !== undefined || expectation.atLeast !== undefined || expectation.atMost !== undefined;
  const eachAlone: PacketExpectation = { ...expectation, samePacketId: false, ...(expectation.dup === 'after-first' ? { dup: undefined } : {}) };
  const matched = countGiven ? named : named.filter((packet) => attributeProblem(t, eachAlone, [packet]) === undefined);
  const wanted = countWanted(t, expectation);
  const from = nameOf(t, expectation.from, context);
  const to = nameOf(t, expectation.to, context);
  // The sentence is chosen whole (sent, received or dropped), so each language orders its own words.
  const kind = received ? 'received' : expectation.at === 'broker' && expectation.dropped ? 'dropped' : 'sent';
  const parts = {
    subject: received ? nameOf(t, received.actor, context) : kind === 'dropped' ? t('lessons.party.broker') : from,
    from,
    to,
    direction: expectation.from === 'broker' ? 'to' : 'from',
    type: expectation.type,
    id: expectation.packetId === undefined ? '' : ` ${expectation.packetId}`,
    payload: expectation.payload === undefined || kind === 'dropped' ? '' : ` "${expectation.payload}"`,
    payloadGiven: yes(expectation.payload !== undefined),
    on: expectation.topic === undefined ? '' : t('lessons.check.onTopic', { topic: expectation.topic }),
    seenAt: expectation.at === 'broker' ? t('lessons.check.seenAtBroker') : '',
  };
  const indices = matched.map((packet) => packet.index);
  const found = matched.length;
  const said = facts(t, expectation, matched);
  const values = {
    count: found,
    times: times(t, found),
    from,
    to,
    type: expectation.type,
    actor: received ? nameOf(t, received.actor, context) : '',
    packetIds: listOf(t, matched.flatMap((packet) => (packet.packetId === undefined ? [] : [packet.packetId]))),
    topics: listOf(t, [...new Set(matched.flatMap((packet) => (packet.topic === undefined ? [] : [packet.topic])))]),
    payloads: listOf(t, matched.flatMap((packet) => (packet.payload === undefined ? [] : [`"${packet.payload}"`]))),
    sizes: listOf(t, matched.map((packet) => packet.size)),
    bytesSaved: matched.reduce((sum, packet) => sum + (packet.topicAlias?.bytesSaved ?? 0), 0),
    reasonCodes: listOf(t, [...new Set(matched.flatMap((packet) => (packet.reasonCode === undefined ? [] : [hex(packet.reasonCode)])))]),
  };
  const countHolds = wanted.holds(found);
  const problem = countHolds ? attributeProblem(t, expectation, matched) : undefined;
  const detail = said.length > 0 ? t('lessons.check.detail', { facts: said.join(t('lessons.check.factSeparator')) }) : '';
  if (countHolds && problem === undefined) {
    const says = received?.says ?? expectation.says;
    const own = () => (found === 0 ? t(`lessons.check.${kind}.never`, parts) : t(`lessons.check.${kind}.did`, { ...parts, times: times(t, found), detail }));
    return { ok: true, text: stated(words, says, values, own), packets: indices };
  }
  const expected = expectation.count === 0 ? t(`lessons.check.${kind}.expectedNot`, parts) : t(`lessons.check.${kind}.expected`, { ...parts, wanted: wanted.text, with: describeWanted(t, expectation) });
  const unlike = !countGiven && found === 0 && named.length > 0 ? attributeProblem(t, eachAlone, named) : undefined;
  const happened = countHolds
    ? t('lessons.check.didBut', { times: times(t, found), problem: problem ?? '' })
    : unlike !== undefined
      ? t('lessons.check.didBut', { times: times(t, named.length), problem: unlike })
      : found === 0
        ? t('lessons.check.neverDid')
        : t('lessons.check.did', { times: times(t, found), detail });
  return { ok: false, text: failed(t, expected, happened), packets: indices };
}

function describeWanted(t: Translator, expectation: PacketExpectation): string {
  const parts: string[] = [];
  if (expectation.qos !== undefined) parts.push(t('lessons.fact.qos', { qos: String(expectation.qos) }));
  if (expectation.dup === 'after-first') parts.push(t('lessons.wanted.dupAfterFirst'));
  else if (expectation.dup !== undefined) parts.push(expectation.dup ? t('lessons.fact.dupSet') : t('lessons.fact.noDup'));
  if (expectation.retain !== undefined) parts.push(expectation.retain ? t('lessons.fact.retain', { set: 'yes' }) : t('lessons.wanted.noRetain'));
  if (expectation.reasonCode !== undefined) parts.push(t('lessons.fact.reasonCode', { codes: hex(expectation.reasonCode) }));
  if (expectation.sessionPresent !== undefined) parts.push(t('lessons.fact.sessionPresent', { value: expectation.sessionPresent ? '1' : '0' }));
  if (expectation.samePacketId) parts.push(t('lessons.wanted.samePacketId'));
  if (expectation.remainingLengthBytes !== undefined) parts.push(t('lessons.wanted.remainingLength', { bytes: String(expectation.remainingLengthBytes) }));
  if (expectation.topicAlias !== undefined) parts.push(describeAliasForm(t, expectation.topicAlias));
  for (const [name, value] of Object.entries(expectation.properties ?? {})) parts.push(`${name} ${JSON.stringify(value)}`);
  return parts.length > 0 ? t('lessons.wanted.with', { parts: parts.join(t('lessons.list.separator')) }) : '';
}

/** Why a connection closed: our own sentence in this language, else the connection's words as they came. */
export function reasonOf(t: Translator, event: TraceConnectionEvent): string {
  return event.reasonMessage ? t.msg(event.reasonMessage, event.reason) : (event.reason ?? '');
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function checkClosed(expectation: ClosedExpectation, context: CheckContext, words: Wordings): OneResult {
  const { t } = words;
  const actor = context.actors.find((each) => each.name === expectation.actor);
  const keepalive = actor?.keepaliveSeconds ?? 0;
  const who = nameOf(t, expectation.actor, context);
  const close = context.events.find((event) => event.kind === 'closed' && event.actor === expectation.actor);
  const closedAt = close?.time ?? context.now;
  const sent = (context.allPackets ?? context.packets).filter((packet) => packet.tap === 'actors' && packet.from === expectation.actor && packet.time <= closedAt);
  const last = sent.at(-1);
  const expected = t('lessons.closed.expected', { who, range: describeRange(t, expectation, keepalive) });
  if (!close) {
    const open = last ? t('lessons.closed.stillOpen', { seconds: seconds(context.now - last.time) }) : t('lessons.closed.stillOpenSilent');
    return { ok: false, text: failed(t, expected, open), packets: last ? [last.index] : [] };
  }
  if (close.closedBy === 'actor') return { ok: false, text: failed(t, expected, t('lessons.closed.byItself', { who, reason: close.reason ? ` (${reasonOf(t, close)})` : '' })), packets: [] };
  if (!last) return { ok: false, text: failed(t, expected, t('lessons.closed.noPacket', { who })), packets: [] };
  const elapsed = close.time - last.time;
  const ratio = keepalive > 0 ? elapsed / 1000 / keepalive : Number.POSITIVE_INFINITY;
  const measured = t('lessons.closed.measured', { seconds: seconds(elapsed), ratio: keepalive > 0 ? ratio.toFixed(2) : '', keepalive: String(keepalive) });
  const inRange = (expectation.minKeepalives === undefined || ratio >= expectation.minKeepalives) && (expectation.maxKeepalives === undefined || ratio <= expectation.maxKeepalives);
  if (!inRange) return { ok: false, text: failed(t, expected, t('lessons.closed.closedAt', { measured })), packets: [last.index] };
  const values = { actor: who, seconds: seconds(elapsed), ratio: ratio.toFixed(2), keepalive };
  return { ok: true, text: stated(words, expectation.says, values, () => t('lessons.closed.ok', { who, measured })), packets: [last.index] };
}

function describeRange(t: Translator, expectation: ClosedExpectation, keepalive: number): string {
  const { minKeepalives: min, maxKeepalives: max } = expectation;
  const params = { min: String(min), max: String(max), keepalive: String(keepalive) };
  if (min !== undefined && max !== undefined) return t('lessons.closed.range.between', params);
  if (min !== undefined) return t('lessons.closed.range.atLeast', params);
  if (max !== undefined) return t('lessons.closed.range.within', params);
  return '';
}

function checkConnected(expectation: ConnectedExpectation, context: CheckContext, words: Wordings): OneResult {
  const { t } = words;
  const who = nameOf(t, expectation.actor, context, true);
  const whom = nameOf(t, expectation.actor, context);
  const is = context.connected[expectation.actor] === true;
  if (is === expectation.connected) {
    return { ok: true, text: stated(words, expectation.says, { actor: whom }, () => t('lessons.connected.is', { who, connected: yes(is) })), packets: [] };
  }
  const close = [...context.events].reverse().find((event) => event.actor === expectation.actor && event.kind === 'closed');
  const why = !is && close?.reason ? ` (${reasonOf(t, close)})` : '';
  return { ok: false, text: failed(t, t('lessons.connected.expected', { whom, connected: yes(expectation.connected) }), t('lessons.connected.actual', { connected: yes(is), why })), packets: [] };
}
