/**
 * Placeholders in a topic or payload, filled in at each send: `{{seq}}`, `{{now}}`, `{{now ms}}`,
 * `{{uuid}}`, `{{random 20 30}}`, `{{random 20 30 1}}`, `{{pick "on" "off"}}`, `{{walk 21.5 0.2}}`,
 * `{{device}}`. A closed language read by this parser alone: nothing in a template is ever run as
 * code, so a template from a saved file or a colleague is as safe as plain text.
 */
import { english, msg, type Message, type MessageKey, type MessageParams } from '../i18n';

export type Placeholder =
  | { kind: 'seq' }
  | { kind: 'now'; unit: 'iso' | 'ms' }
  | { kind: 'uuid' }
  | { kind: 'random'; low: number; high: number; decimals: number | undefined }
  | { kind: 'pick'; choices: string[] }
  | { kind: 'walk'; start: number; step: number; decimals: number }
  | { kind: 'device' };

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'placeholder'; placeholder: Placeholder; source: string; position: number };

export interface Template {
  parts: TemplatePart[];
  /** Whether anything in it changes from send to send; a template without placeholders is its own text. */
  dynamic: boolean;
}

/** A template that cannot be read: `text` to word in the user's language, `message` the same in English. */
export type ParsedTemplate = { ok: true; template: Template } | { ok: false; message: string; text: Message; position: number };

/** What a send brings from outside: its number, the device it is for, and the sources of chance and time. */
export interface RenderContext {
  /** The send's number, from 1. */
  seq: number;
  /** The simulated device's index, from 1; a plain publisher is device 1. */
  device: number;
  random: () => number;
  nowMs: () => number;
  uuid: () => string;
}

/** What a template carries from one send to the next: each walk's last value, by the walk's position. */
export type TemplateState = Readonly<Record<number, number>>;

export const placeholderNames = ['seq', 'now', 'uuid', 'random', 'pick', 'walk', 'device'] as const;

const MAX_DECIMALS = 10;

/** `position` is 1-based, counted in characters from the start of the text, where the `{{` is. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let index = 0;
  let literal = '';
  while (index < text.length) {
    const open = text.indexOf('{{', index);
    if (open === -1) {
      literal += text.slice(index);
      break;
    }
    literal += text.slice(index, open);
    const close = findClose(text, open + 2);
    const position = open + 1;
    if (close === -1) return problemAt('publish.templateError.noClose', {}, shorten(text.slice(open)), position);
    const source = text.slice(open, close + 2);
    const read = readPlaceholder(text.slice(open + 2, close));
    if (!read.ok) return problemAt(read.key, read.params, source, position);
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
    parts.push({ kind: 'placeholder', placeholder: read.placeholder, source, position });
    index = close + 2;
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return { ok: true, template: { parts, dynamic: parts.some((part) => part.kind === 'placeholder') } };
}

/** Fills every placeholder; the returned state is the one the next send starts from. */
export function renderTemplate(template: Template, context: RenderContext, state: TemplateState = {}): { text: string; state: TemplateState } {
  let text = '';
  let next: Record<number, number> | undefined;
  for (const part of template.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const { placeholder } = part;
    switch (placeholder.kind) {
      case 'seq':
        text += String(context.seq);
        break;
      case 'device':
        text += String(context.device);
        break;
      case 'uuid':
        text += context.uuid();
        break;
      case 'now': {
        const ms = context.nowMs();
        text += placeholder.unit === 'ms' ? String(Math.floor(ms)) : new Date(ms).toISOString();
        break;
      }
      case 'random': {
        const { low, high, decimals } = placeholder;
        if (decimals === undefined) {
          // Whole numbers from low to high, both included.
          const min = Math.ceil(low);
          const max = Math.floor(high);
          text += String(min + Math.floor(context.random() * (max - min + 1)));
        } else text += (low + context.random() * (high - low)).toFixed(decimals);
        break;
      }
      case 'pick':
        text += placeholder.choices[Math.floor(context.random() * placeholder.choices.length)] ?? '';
        break;
      case 'walk': {
        const previous = (next ?? state)[part.position];
        const value = previous === undefined ? placeholder.start : previous + (context.random() * 2 - 1) * placeholder.step;
        next ??= { ...state };
        next[part.position] = value;
        text += value.toFixed(placeholder.decimals);
        break;
      }
    }
  }
  return { text, state: next ?? state };
}

function findClose(text: string, from: number): number {
  // Quotes may hold a }}: skip over quoted strings while looking for the end.
  let quoted = false;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '}' && text[index + 1] === '}') return index;
  }
  return -1;
}

type Word = { kind: 'word'; text: string } | { kind: 'string'; text: string };
/** A placeholder that cannot be read, by the key of its sentence; the source and position are added where it is found. */
type Read<T> = { ok: true } & T | { ok: false; key: MessageKey; params: MessageParams };

function refuse(key: MessageKey, params: MessageParams = {}): { ok: false; key: MessageKey; params: MessageParams } {
  return { ok: false, key, params };
}

/** Every template sentence names the placeholder and where it starts; `field` is set by compileMessage. */
function problemAt(key: MessageKey, params: MessageParams, source: string, position: number): ParsedTemplate {
  const text = msg(key, { ...params, source, position, field: 'none' });
  return { ok: false, position, text, message: english(text.key, text.params) };
}

function readWords(body: string): Read<{ words: Word[] }> {
  const words: Word[] = [];
  let index = 0;
  while (index < body.length) {
    const char = body[index] ?? '';
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === '"') {
      let text = '';
      index++;
      for (;;) {
        if (index >= body.length) return refuse('publish.templateError.noQuoteClose');
        const next = body[index] ?? '';
        if (next === '\\') {
          text += body[index + 1] ?? '';
          index += 2;
        } else if (next === '"') {
          index++;
          break;
        } else {
          text += next;
          index++;
        }
      }
      words.push({ kind: 'string', text });
      continue;
    }
    let end = index;
    while (end < body.length && !/[\s"]/.test(body[end] ?? '')) end++;
    words.push({ kind: 'word', text: body.slice(index, end) });
    index = end;
  }
  return { ok: true, words };
}

function readNumber(word: Word | undefined): number | undefined {
  if (word?.kind !== 'word' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(word.text)) return undefined;
  const value = Number(word.text);
  return Number.isFinite(value) ? value : undefined;
}

function decimalsOf(word: Word | undefined): number {
  const match = word?.kind === 'word' ? /\.(\d+)/.exec(word.text) : null;
  return Math.min(MAX_DECIMALS, match?.[1]?.length ?? 0);
}

function readPlaceholder(body: string): Read<{ placeholder: Placeholder }> {
  const read = readWords(body);
  if (!read.ok) return read;
  const [head, ...args] = read.words;
  if (!head) return refuse('publish.templateError.empty', { names: placeholderNames.join(', ') });
  if (head.kind !== 'word') return refuse('publish.templateError.quotedName', { names: placeholderNames.join(', ') });
  const name = head.text;
  const none = (placeholder: Placeholder): Read<{ placeholder: Placeholder }> =>
    args.length === 0 ? { ok: true, placeholder } : refuse('publish.templateError.takesNothing', { name });
  switch (name) {
    case 'seq':
    case 'uuid':
    case 'device':
      return none({ kind: name });
    case 'now': {
      if (args.length === 0) return { ok: true, placeholder: { kind: 'now', unit: 'iso' } };
      const [unit] = args;
      if (args.length === 1 && unit?.kind === 'word' && (unit.text === 'ms' || unit.text === 'iso')) return { ok: true, placeholder: { kind: 'now', unit: unit.text } };
      return refuse('publish.templateError.now');
    }
    case 'random': {
      if (args.length < 2) return refuse('publish.templateError.randomBounds');
      if (args.length > 3) return refuse('publish.templateError.randomTooMany');
      const low = readNumber(args[0]);
      const high = readNumber(args[1]);
      if (low === undefined || high === undefined) return refuse('publish.templateError.randomNumbers');
      if (low > high) return refuse('publish.templateError.randomOrder', { low, high });
      let decimals: number | undefined;
      if (args[2]) {
        decimals = readNumber(args[2]);
        if (decimals === undefined || !Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
          return refuse('publish.templateError.randomDecimals', { max: MAX_DECIMALS });
        }
      } else if (Math.ceil(low) > Math.floor(high)) return refuse('publish.templateError.randomNoWhole', { low, high });
      return { ok: true, placeholder: { kind: 'random', low, high, decimals } };
    }
    case 'pick': {
      if (args.length === 0) return refuse('publish.templateError.pickEmpty');
      const bare = args.find((arg) => arg.kind !== 'string');
      if (bare) return refuse('publish.templateError.pickBare', { choice: bare.text });
      return { ok: true, placeholder: { kind: 'pick', choices: args.map((arg) => arg.text) } };
    }
    case 'walk': {
      if (args.length !== 2) return refuse('publish.templateError.walkArgs');
      const start = readNumber(args[0]);
      const step = readNumber(args[1]);
      if (start === undefined || step === undefined) return refuse('publish.templateError.walkNumbers');
      if (step < 0) return refuse('publish.templateError.walkNegative');
      return { ok: true, placeholder: { kind: 'walk', start, step, decimals: Math.max(decimalsOf(args[0]), decimalsOf(args[1])) } };
    }
    default:
      return refuse('publish.templateError.unknown', { name, names: placeholderNames.join(', ') });
  }
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
