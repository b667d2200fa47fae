import { compileMessage, TemplateRun } from '../../../shared/templates/template-run';
import { parseTemplate, renderTemplate } from '../../../shared/templates/template';
import type { SimulatorConfigInput } from '../../../shared/domain/simulator';
import { english, msg, type Message } from '../../../shared/i18n';

/** The page's form as typed: text fields stay text until Start, so a half-typed number is not fought over. */
export interface SimulatorDraft {
  /** 'built-in', 'other', or a connection id whose profile gives host, port and version. */
  broker: string;
  host: string;
  port: string;
  protocolVersion: '3' | '4' | '5';
  username: string;
  password: string;
  devices: string;
  intervalMs: string;
  count: string;
  clientId: string;
  topic: string;
  payload: string;
  qos: '0' | '1' | '2';
  willEnabled: boolean;
  willTopic: string;
  willPayload: string;
  birthEnabled: boolean;
  birthTopic: string;
  birthPayload: string;
  ramp: string;
  sparkplug: boolean;
  sparkplugGroup: string;
  sparkplugEdge: string;
}

export const defaultDraft: SimulatorDraft = {
  broker: 'built-in',
  host: 'localhost',
  port: '1883',
  protocolVersion: '4',
  username: '',
  password: '',
  devices: '10',
  intervalMs: '1000',
  count: '',
  clientId: 'dev-{{device}}',
  topic: 'site/{{device}}/temp',
  payload: '{"t":{{walk 21 0.2}},"seq":{{seq}}}',
  qos: '0',
  willEnabled: false,
  willTopic: 'site/{{device}}/status',
  willPayload: 'offline',
  birthEnabled: false,
  birthTopic: 'site/{{device}}/status',
  birthPayload: 'online',
  ramp: '',
  sparkplug: false,
  sparkplugGroup: 'plant',
  sparkplugEdge: 'edge-{{device}}',
};

export interface ProfileAddress {
  host: string;
  port: number;
  protocolVersion: 3 | 4 | 5;
  username: string;
}

/** A field of the draft that is not a whole number; `text` is worded where it is shown, `message` is English. */
export class DraftError extends Error {
  constructor(readonly text: Message) {
    super(english(text.key, text.params));
    this.name = 'DraftError';
  }
}

type NumberField = 'port' | 'devices' | 'interval' | 'count' | 'ramp';

function whole(text: string, field: NumberField): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw new DraftError(msg('simulator.form.notWhole', { field, text }));
  return value;
}

/** The config to start, or an Error naming the field; the core checks the ranges and patterns again. */
export function configFromDraft(draft: SimulatorDraft, profile: ProfileAddress | undefined): SimulatorConfigInput {
  const protocolVersion = Number(draft.protocolVersion) as 3 | 4 | 5;
  const broker: SimulatorConfigInput['broker'] =
    draft.broker === 'built-in'
      ? { kind: 'built-in', protocolVersion }
      : profile
        ? { kind: 'address', host: profile.host, port: profile.port, protocolVersion: profile.protocolVersion, username: profile.username, password: draft.password }
        : { kind: 'address', host: draft.host.trim(), port: whole(draft.port, 'port'), protocolVersion, username: draft.username, password: draft.password };
  const config: SimulatorConfigInput = {
    broker,
    devices: whole(draft.devices, 'devices'),
    intervalMs: whole(draft.intervalMs, 'interval'),
    clientId: draft.clientId,
    topic: draft.topic,
    payload: draft.payload,
    qos: Number(draft.qos) as 0 | 1 | 2,
  };
  if (draft.count.trim() !== '') config.count = whole(draft.count, 'count');
  if (draft.ramp.trim() !== '') config.rampPerSecond = whole(draft.ramp, 'ramp');
  if (draft.willEnabled && !draft.sparkplug) config.will = { topic: draft.willTopic, payload: draft.willPayload };
  if (draft.birthEnabled && !draft.sparkplug) config.birth = { topic: draft.birthTopic, payload: draft.birthPayload, retain: true };
  if (draft.sparkplug) config.sparkplug = { group: draft.sparkplugGroup, edge: draft.sparkplugEdge };
  return config;
}

const previewChance = { random: Math.random, nowMs: Date.now, uuid: () => crypto.randomUUID() };

/**
 * Device 1's first message, as it would go out, or the template error naming the placeholder and its
 * position (`field` says which pattern, for the page to name it). `thenNdata`: the topic is the NBIRTH's.
 */
export function previewFirstMessage(draft: SimulatorDraft): { clientId: string; topic: string; payload: string; thenNdata?: true } | { error: string; field?: 'clientId' | 'edge' } {
  const topic = draft.sparkplug ? 'spBv1.0/{{device}}' : draft.topic;
  const compiled = compileMessage(topic, draft.payload);
  if (!compiled.ok) return { error: compiled.message };
  const clientId = parseTemplate(draft.clientId);
  if (!clientId.ok) return { error: clientId.message, field: 'clientId' };
  const context = { seq: 1, device: 1, ...previewChance };
  const message = new TemplateRun({ topic: compiled.topic, payload: compiled.payload }, previewChance, 1).peek();
  if (draft.sparkplug) {
    const edge = parseTemplate(draft.sparkplugEdge);
    if (!edge.ok) return { error: edge.message, field: 'edge' };
    const edgeId = renderTemplate(edge.template, context).text;
    return { clientId: renderTemplate(clientId.template, context).text, topic: `spBv1.0/${draft.sparkplugGroup}/NBIRTH/${edgeId}`, payload: message.payload, thenNdata: true };
  }
  return { clientId: renderTemplate(clientId.template, context).text, topic: message.topic, payload: message.payload };
}
