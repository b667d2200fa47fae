import { parseTemplate, renderTemplate } from './template';
import type { RenderContext, Template, TemplateState } from './template';
import { english, type Message } from '../i18n';

/** A topic and payload, as one send fills them in. */
export interface RenderedMessage {
  topic: string;
  payload: string;
}

/** `text` to word in the user's language; `message` the same sentence in English. */
export type CompiledMessage = { ok: true; topic: Template; payload: Template } | { ok: false; field: 'topic' | 'payload'; message: string; text: Message };

/** The template's problem said of one field: "Topic: {{x}} at 3: …". */
function inField(field: 'topic' | 'payload', text: Message): { ok: false; field: 'topic' | 'payload'; message: string; text: Message } {
  const said = { key: text.key, params: { ...text.params, field } };
  return { ok: false, field, message: english(said.key, said.params), text: said };
}

export function compileMessage(topic: string, payload: string): CompiledMessage {
  const parsedTopic = parseTemplate(topic);
  if (!parsedTopic.ok) return inField('topic', parsedTopic.text);
  const parsedPayload = parseTemplate(payload);
  if (!parsedPayload.ok) return inField('payload', parsedPayload.text);
  return { ok: true, topic: parsedTopic.template, payload: parsedPayload.template };
}

export interface Chance {
  random: () => number;
  nowMs: () => number;
  uuid: () => string;
}

/**
 * The sends of one template, in order: each keeps its own number and walk state, so a schedule or
 * a device gets its own series. `peek` shows the next send without taking it, and `take` then sends
 * exactly what was shown (same numbers, same walk), with only `now` read afresh.
 */
export class TemplateRun {
  private seq: number;
  private topicState: TemplateState = {};
  private payloadState: TemplateState = {};
  private draws: { random: number[]; uuid: string[] } | undefined;

  constructor(
    private readonly compiled: { topic: Template; payload: Template },
    private readonly chance: Chance,
    private readonly device = 1,
    firstSeq = 1,
  ) {
    this.seq = firstSeq;
  }

  get nextSeq(): number {
    return this.seq;
  }

  peek(): RenderedMessage {
    const draws = { random: [] as number[], uuid: [] as string[] };
    const rendered = this.render(this.recording(draws));
    this.draws = draws;
    return rendered.message;
  }

  take(): RenderedMessage {
    const context = this.draws ? this.replaying(this.draws) : this.recording({ random: [], uuid: [] });
    this.draws = undefined;
    const rendered = this.render(context);
    this.topicState = rendered.topicState;
    this.payloadState = rendered.payloadState;
    this.seq++;
    return rendered.message;
  }

  private render(context: RenderContext) {
    const topic = renderTemplate(this.compiled.topic, context, this.topicState);
    const payload = renderTemplate(this.compiled.payload, context, this.payloadState);
    return { message: { topic: topic.text, payload: payload.text }, topicState: topic.state, payloadState: payload.state };
  }

  private recording(draws: { random: number[]; uuid: string[] }): RenderContext {
    return {
      seq: this.seq,
      device: this.device,
      nowMs: this.chance.nowMs,
      random: () => {
        const value = this.chance.random();
        draws.random.push(value);
        return value;
      },
      uuid: () => {
        const value = this.chance.uuid();
        draws.uuid.push(value);
        return value;
      },
    };
  }

  private replaying(draws: { random: number[]; uuid: string[] }): RenderContext {
    let random = 0;
    let uuid = 0;
    return {
      seq: this.seq,
      device: this.device,
      nowMs: this.chance.nowMs,
      random: () => draws.random[random++] ?? this.chance.random(),
      uuid: () => draws.uuid[uuid++] ?? this.chance.uuid(),
    };
  }
}
