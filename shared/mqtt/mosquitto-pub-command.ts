/**
 * A POSIX shell command that publishes a message again with mosquitto_pub, byte for byte. Pure, so
 * it is tested by running its output through sh against a real broker.
 */
import type { MessageProperties } from '../domain/message';

export interface MosquittoPubTarget {
  host: string;
  port: number;
  /** 3: MQTT 3.1, 4: MQTT 3.1.1, 5: MQTT 5.0. */
  protocolVersion: 3 | 4 | 5;
  tls: boolean;
  webSocket: boolean;
  username?: string;
}

export interface MosquittoPubMessage {
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  payload: Uint8Array;
  properties?: MessageProperties;
}

export interface MosquittoPubCommand {
  command: string;
  /** What the command cannot carry, said to the user beside it. */
  notes: string[];
}

/** Inside single quotes a POSIX shell takes every byte literally; only the quote itself needs care. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text that can go on the command line as it is: valid UTF-8 with no control characters but tab and
 * newline. NUL cannot be in an argument at all, and other controls (escape, carriage return) would
 * act on the terminal the command is pasted into.
 */
function commandLineText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  return /[\u0000-\u0008\u000B-\u001F\u007F]/.test(text) ? undefined : text;
}

/**
 * printf's format string with every byte that is not plain printable ASCII as a three-digit octal
 * escape. Octal, not \xNN: POSIX printf (dash's, for one) knows only octal escapes.
 */
export function printfBytes(bytes: Uint8Array): string {
  let format = '';
  for (const byte of bytes) {
    const plain = byte >= 0x20 && byte < 0x7f && byte !== 0x25 /* % */ && byte !== 0x5c /* \ */ && byte !== 0x27; /* ' */
    format += plain ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `'${format}'`;
}

export function mosquittoPubCommand(target: MosquittoPubTarget, message: MosquittoPubMessage): MosquittoPubCommand {
  const notes: string[] = [];
  const args = ['mosquitto_pub', '-h', shellQuote(target.host), '-p', String(target.port)];
  if (target.protocolVersion === 5) args.push('-V', 'mqttv5');
  else if (target.protocolVersion === 3) args.push('-V', 'mqttv31');
  if (target.tls) {
    args.push('--tls-use-os-certs');
    notes.push('Uses the system’s trusted certificates; add --cafile FILE for a private CA, and --cert/--key for a client certificate.');
  }
  if (target.webSocket) notes.push('mosquitto_pub connects over TCP; this connection uses WebSocket, so point -h/-p at the broker’s MQTT port.');
  if (target.username !== undefined && target.username !== '') {
    args.push('-u', shellQuote(target.username));
    notes.push('Add -P PASSWORD if the broker asks for one; the password is not copied.');
  }
  args.push('-t', shellQuote(message.topic), '-q', String(message.qos));
  if (message.retain) args.push('-r');
  if (target.protocolVersion === 5 && message.properties) args.push(...propertyArgs(message.properties, notes));
  else if (message.properties && hasPublishProperties(message.properties)) notes.push('The message’s MQTT 5 properties are left out: this connection uses MQTT 3.');

  const { payload } = message;
  if (payload.byteLength === 0) return { command: [...args, '-n'].join(' '), notes };
  const text = commandLineText(payload);
  if (text !== undefined) return { command: [...args, '-m', shellQuote(text)].join(' '), notes };
  // -s sends all of standard input as one message, unchanged, which no -m argument could.
  return { command: `printf ${printfBytes(payload)} | ${[...args, '-s'].join(' ')}`, notes };
}

function hasPublishProperties(properties: MessageProperties): boolean {
  return (
    properties.payloadFormatIndicator !== undefined ||
    properties.messageExpiryInterval !== undefined ||
    properties.contentType !== undefined ||
    properties.responseTopic !== undefined ||
    properties.correlationDataHex !== undefined ||
    (properties.userProperties?.length ?? 0) > 0
  );
}

function propertyArgs(properties: MessageProperties, notes: string[]): string[] {
  const args: string[] = [];
  const property = (...words: string[]) => args.push('-D', 'publish', ...words);
  if (properties.payloadFormatIndicator !== undefined) property('payload-format-indicator', properties.payloadFormatIndicator ? '1' : '0');
  if (properties.messageExpiryInterval !== undefined) property('message-expiry-interval', String(properties.messageExpiryInterval));
  if (properties.contentType !== undefined) property('content-type', shellQuote(properties.contentType));
  if (properties.responseTopic !== undefined) property('response-topic', shellQuote(properties.responseTopic));
  if (properties.correlationDataHex !== undefined) {
    const bytes = hexBytes(properties.correlationDataHex);
    const text = commandLineText(bytes);
    if (text !== undefined) property('correlation-data', shellQuote(text));
    // $(…) drops trailing newlines, and no argument can hold a zero byte.
    else if (!bytes.includes(0) && bytes[bytes.length - 1] !== 0x0a) property('correlation-data', `"$(printf ${printfBytes(bytes)})"`);
    else notes.push(`The correlation data (hex ${properties.correlationDataHex}) is left out: a command-line argument cannot carry its bytes exactly.`);
  }
  for (const { key, value } of properties.userProperties ?? []) property('user-property', shellQuote(key), shellQuote(value));
  return args;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}
