import { parseTemplate, renderTemplate } from '../../../shared/templates/template';
import type { Template } from '../../../shared/templates/template';
import { compileMessage, TemplateRun } from '../../../shared/templates/template-run';
import type { Chance } from '../../../shared/templates/template-run';
import { randomUUID } from 'node:crypto';

/** The per-device texts of a run, each a template where `{{device}}` is the device's index (from 1). */
export interface DevicePatterns {
  clientId: string;
  topic: string;
  payload: string;
  willTopic?: string | undefined;
  willPayload?: string | undefined;
  birthTopic?: string | undefined;
  birthPayload?: string | undefined;
}

export type CompiledPatterns = { ok: true; patterns: DevicePatterns } | { ok: false; message: string };

/** What one device is named and says outside its data: fixed for the device's life. */
export interface DeviceIdentity {
  clientId: string;
  will?: { topic: string; payload: string } | undefined;
  birth?: { topic: string; payload: string } | undefined;
}

export const realChance: Chance = { random: Math.random, nowMs: Date.now, uuid: randomUUID };

/** Checks every pattern before any device starts, naming the field and the placeholder's position. */
export function compilePatterns(patterns: DevicePatterns): CompiledPatterns {
  const message = compileMessage(patterns.topic, patterns.payload);
  if (!message.ok) return { ok: false, message: message.message };
  const fields: [string, string | undefined][] = [
    ['Client id', patterns.clientId],
    ['Will topic', patterns.willTopic],
    ['Will message', patterns.willPayload],
    ['Birth topic', patterns.birthTopic],
    ['Birth message', patterns.birthPayload],
  ];
  for (const [name, text] of fields) {
    if (text === undefined) continue;
    const parsed = parseTemplate(text);
    if (!parsed.ok) return { ok: false, message: `${name}: ${parsed.message}` };
  }
  return { ok: true, patterns };
}

/** Renders a fixed text of a device (client id, will, birth): the first send's values, as a device boots with them. */
export function renderOnce(text: string, device: number, chance: Chance = realChance): string {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return renderTemplate(parsed.template, { seq: 1, device, random: chance.random, nowMs: chance.nowMs, uuid: chance.uuid }).text;
}

export function deviceIdentity(patterns: DevicePatterns, device: number, chance: Chance = realChance): DeviceIdentity {
  const pair = (topic: string | undefined, payload: string | undefined) =>
    topic === undefined || topic === '' ? undefined : { topic: renderOnce(topic, device, chance), payload: renderOnce(payload ?? '', device, chance) };
  return { clientId: renderOnce(patterns.clientId, device, chance), will: pair(patterns.willTopic, patterns.willPayload), birth: pair(patterns.birthTopic, patterns.birthPayload) };
}

/** Each device's own series of topics and payloads: its own `{{seq}}` and its own random walks. */
export function deviceRun(patterns: DevicePatterns, device: number, chance: Chance = realChance): TemplateRun {
  const compiled = compileMessage(patterns.topic, patterns.payload);
  if (!compiled.ok) throw new Error(compiled.message);
  return new TemplateRun({ topic: compiled.topic, payload: compiled.payload }, chance, device);
}

/** Whether a pattern names each device apart; client ids that do not would take each other's sessions over. */
export function namesEachDevice(text: string): boolean {
  const parsed = parseTemplate(text);
  return parsed.ok && parsed.template.parts.some((part) => part.kind === 'placeholder' && (part.placeholder.kind === 'device' || part.placeholder.kind === 'uuid'));
}

export type { Template };
