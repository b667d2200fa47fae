import { encodeSparkplugJson } from '../../../shared/payload/sparkplug-encode';
import { english, msg, type Message } from '../../../shared/i18n';

/** A payload that cannot be Sparkplug metrics: `message` in English, `text` to word where it is shown. */
export class MetricsError extends Error {
  constructor(readonly text: Message) {
    super(english(text.key, text.params));
    this.name = 'MetricsError';
  }
}

/**
 * A simulated Sparkplug B edge node (Sparkplug 3.0 §7): NBIRTH names every metric and gives it an
 * alias, NDATA then carries aliases only, `seq` runs 0..255 and wraps, and bdSeq ties the NBIRTH to
 * the NDEATH the broker holds as the will, so a host application can match them.
 */
export interface EdgeMetric {
  name: string;
  alias: number;
  datatype: 'Double' | 'Boolean' | 'String';
}

export function edgeTopic(group: string, type: 'NBIRTH' | 'NDATA' | 'NDEATH', edge: string): string {
  return `spBv1.0/${group}/${type}/${edge}`;
}

/** The metrics come from the payload template's JSON fields: numbers as Double, booleans, text as String. */
export function readMetricValues(payload: string): Record<string, number | boolean | string> {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (error) {
    throw new MetricsError(msg('simulator.error.sparkplugJson', { error: (error as Error).message }));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MetricsError(msg('simulator.error.sparkplugObject'));
  const values: Record<string, number | boolean | string> = {};
  for (const [name, field] of Object.entries(value)) {
    if (typeof field !== 'number' && typeof field !== 'boolean' && typeof field !== 'string') throw new MetricsError(msg('simulator.error.sparkplugMetric', { name }));
    values[name] = field;
  }
  return values;
}

function datatypeOf(value: number | boolean | string): EdgeMetric['datatype'] {
  return typeof value === 'number' ? 'Double' : typeof value === 'boolean' ? 'Boolean' : 'String';
}

export class SparkplugEdge {
  private metrics: EdgeMetric[] = [];
  private seq = 0;
  /** Counts this node's sessions; the NDEATH will of a session carries the same value as its NBIRTH. */
  bdSeq = 0;

  /** The NDEATH for the session about to start: set as the will before connecting. */
  death(): Uint8Array {
    return encodeSparkplugJson({ metrics: [{ name: 'bdSeq', datatype: 'UInt64', value: this.bdSeq }] });
  }

  /** A new session's NBIRTH, from the first payload's fields; seq starts again at 0. */
  birth(values: Record<string, number | boolean | string>): Uint8Array {
    this.metrics = Object.entries(values).map(([name, value], index) => ({ name, alias: index + 1, datatype: datatypeOf(value) }));
    this.seq = 0;
    const payload = encodeSparkplugJson({
      seq: this.nextSeq(),
      metrics: [
        { name: 'bdSeq', datatype: 'UInt64', value: this.bdSeq },
        { name: 'Node Control/Rebirth', datatype: 'Boolean', value: false },
        ...this.metrics.map((metric) => ({ name: metric.name, alias: metric.alias, datatype: metric.datatype, value: values[metric.name] })),
      ],
    });
    return payload;
  }

  /** NDATA by alias only; a field the birth did not name cannot be sent without a rebirth, so it is left out. */
  data(values: Record<string, number | boolean | string>): Uint8Array {
    const metrics = this.metrics
      .filter((metric) => values[metric.name] !== undefined && datatypeOf(values[metric.name] as number | boolean | string) === metric.datatype)
      .map((metric) => ({ alias: metric.alias, datatype: metric.datatype, value: values[metric.name] }));
    return encodeSparkplugJson({ seq: this.nextSeq(), metrics });
  }

  /** After a session ends, the next one gets the next bdSeq (0..255, as seq). */
  nextSession(): void {
    this.bdSeq = (this.bdSeq + 1) % 256;
  }

  private nextSeq(): number {
    const seq = this.seq;
    this.seq = (this.seq + 1) % 256;
    return seq;
  }
}
