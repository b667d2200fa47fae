/**
 * Sparkplug B alias resolution across a session: NBIRTH and DBIRTH certificates map aliases to
 * metric names, and NDATA/DDATA (and commands) may then carry only the alias. The book is fed every
 * message of a session in order, so a message is always read with the births seen BEFORE it, even
 * when it is opened long after a rebirth replaced them. It also checks `seq`, which runs 0–255 per
 * edge node across all its messages, births included (Sparkplug 3.0 §6.4.3 / tck-id-payloads-sequence).
 */
import { DecodeError, type JsonValue } from './decoded-value';
import { decodeSparkplug, sparkplugJson, type SparkplugPayload } from './sparkplug';
import { edgeNodeKey, parseSparkplugTopic, type SparkplugTopic } from './sparkplug-topic';

/** What the book learnt about one message when it was fed. */
export interface SparkplugNote {
  /** The id of the birth whose aliases apply; undefined when none was seen. */
  birthId?: number;
  seqGap?: { expected: number; received: number };
}

interface EdgeNodeState {
  nodeBirthId?: number;
  deviceBirthIds: Map<string, number>;
  lastSeq?: number;
}

/** Bounds so a session of millions of Sparkplug messages cannot grow the book without limit. */
const MAX_NOTES = 500_000;
const MAX_BIRTHS = 20_000;

export class SparkplugAliasBook {
  private readonly edgeNodes = new Map<string, EdgeNodeState>();
  private readonly births = new Map<number, { kind: 'NBIRTH' | 'DBIRTH'; names: Map<bigint, string> }>();
  private readonly notes = new Map<number, SparkplugNote>();

  /** Feeds one message, in session order. Payloads that do not decode change nothing. */
  observe(messageId: number, topic: string, bytes: Uint8Array): void {
    const parsed = parseSparkplugTopic(topic);
    if (!parsed) return;
    let payload: SparkplugPayload;
    try {
      payload = decodeSparkplug(bytes);
    } catch {
      return;
    }
    const key = edgeNodeKey(parsed);
    let state = this.edgeNodes.get(key);
    if (!state) {
      state = { deviceBirthIds: new Map() };
      this.edgeNodes.set(key, state);
    }
    const note: SparkplugNote = {};
    // NDEATH is sent by the broker as the will: its seq (if any) is not part of the sequence.
    if (payload.seq !== undefined && parsed.messageType !== 'NDEATH' && parsed.messageType !== 'NCMD' && parsed.messageType !== 'DCMD') {
      const received = Number(payload.seq);
      if (parsed.messageType !== 'NBIRTH' && state.lastSeq !== undefined) {
        const expected = (state.lastSeq + 1) % 256;
        if (received !== expected) note.seqGap = { expected, received };
      }
      state.lastSeq = received;
    }
    if (parsed.messageType === 'NBIRTH' || parsed.messageType === 'DBIRTH') {
      const names = new Map<bigint, string>();
      for (const metric of payload.metrics) if (metric.alias !== undefined && metric.name !== undefined) names.set(metric.alias, metric.name);
      this.births.set(messageId, { kind: parsed.messageType, names });
      if (this.births.size > MAX_BIRTHS) this.births.delete(this.births.keys().next().value ?? messageId);
      if (parsed.messageType === 'NBIRTH') {
        // A rebirth replaces every alias of the node; its devices must be born again too.
        state.nodeBirthId = messageId;
        state.deviceBirthIds.clear();
      } else if (parsed.device !== undefined) state.deviceBirthIds.set(parsed.device, messageId);
    } else {
      const birthId = birthFor(parsed, state);
      if (birthId !== undefined) note.birthId = birthId;
    }
    this.notes.set(messageId, note);
    if (this.notes.size > MAX_NOTES) this.notes.delete(this.notes.keys().next().value ?? messageId);
  }

  /**
   * The message decoded as JSON, aliases named from the births seen before it, and notes that say
   * where names came from, which aliases stayed unknown, and any seq gap. Throws DecodeError.
   */
  describe(messageId: number, topic: string, bytes: Uint8Array): { json: JsonValue; notes: string[] } {
    const parsed = parseSparkplugTopic(topic);
    if (!parsed) throw new DecodeError(`Not a Sparkplug B topic (spBv1.0/group/TYPE/edge node[/device])`, 0);
    const payload = decodeSparkplug(bytes);
    const notes: string[] = [];
    const note = this.notes.get(messageId);
    const isBirth = parsed.messageType === 'NBIRTH' || parsed.messageType === 'DBIRTH';
    const aliased = payload.metrics.filter((metric) => metric.name === undefined && metric.alias !== undefined);
    if (!isBirth && aliased.length > 0) {
      const birth = note?.birthId === undefined ? undefined : this.births.get(note.birthId);
      const owner = parsed.device === undefined ? `edge node ${parsed.edgeNode}` : `device ${parsed.device} of edge node ${parsed.edgeNode}`;
      if (!birth) {
        notes.push(`No ${parsed.device === undefined ? 'NBIRTH' : 'DBIRTH'} of ${owner} was seen before this message in this session: metric aliases are not resolved to names.`);
      } else {
        const unknown: string[] = [];
        for (const metric of aliased) {
          const name = metric.alias === undefined ? undefined : birth.names.get(metric.alias);
          if (name === undefined) unknown.push(String(metric.alias));
          else metric.name = name;
        }
        notes.push(`Metric names resolved from the ${birth.kind} of ${owner} (message #${note?.birthId ?? '?'}).`);
        if (unknown.length > 0) notes.push(`Alias${unknown.length === 1 ? '' : 'es'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in that birth certificate.`);
      }
    }
    if (note?.seqGap) {
      notes.push(`seq gap: expected ${note.seqGap.expected} after the previous message of edge node ${parsed.edgeNode}, received ${note.seqGap.received}.`);
    }
    return { json: sparkplugJson(payload), notes };
  }
}

function birthFor(topic: SparkplugTopic, state: EdgeNodeState): number | undefined {
  if (topic.device === undefined) return state.nodeBirthId;
  return state.deviceBirthIds.get(topic.device);
}

/**
 * The decoded payload reshaped for the plot's field picker: metric values keyed by metric name (or
 * "alias N" when unnamed), so a path such as `metrics.Temperature` stays right whatever order the
 * edge node sends its metrics in.
 */
export function sparkplugValuesByName(json: JsonValue): JsonValue {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const out: { [key: string]: JsonValue } = Object.create(null) as { [key: string]: JsonValue };
  if (json.timestamp !== undefined) out.timestamp = json.timestamp;
  if (json.seq !== undefined) out.seq = json.seq;
  const metrics: { [key: string]: JsonValue } = Object.create(null) as { [key: string]: JsonValue };
  const list = Array.isArray(json.metrics) ? json.metrics : [];
  for (const metric of list) {
    if (metric === null || typeof metric !== 'object' || Array.isArray(metric)) continue;
    const name = typeof metric.name === 'string' ? metric.name : `alias ${String(metric.alias)}`;
    if (metric.value !== undefined) metrics[name] = metric.value;
  }
  out.metrics = metrics;
  return out;
}
