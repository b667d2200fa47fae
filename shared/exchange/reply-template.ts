import type { UserProperty } from '../domain/message';
import { bytesToBase64 } from '../payload/preview';
import { hexString } from '../payload/decoded-value';
import { msg, type Message } from '../i18n';

/**
 * The responder's reply templates: text with `{{field}}` placeholders filled from the request.
 * `{{field|json}}` writes the value as a JSON string (quotes and escapes included), for a reply
 * that must stay valid JSON whatever the request carried.
 */

/** What a template can read of a request. */
export interface TemplateRequest {
  topic: string;
  payload: Uint8Array;
  qos: number;
  responseTopic?: string;
  correlationData?: Uint8Array;
  contentType?: string;
  userProperties?: UserProperty[];
  /** Wall-clock ms when the request arrived. */
  receivedAt: number;
}

export const templateFields = {
  topic: 'the request\'s topic',
  payload: 'the request\'s payload as UTF-8 text',
  payloadHex: 'the request\'s payload as hex',
  payloadBase64: 'the request\'s payload as Base64',
  payloadSize: 'the request\'s payload size in bytes',
  qos: 'the request\'s QoS',
  responseTopic: 'the Response Topic the reply goes to',
  correlationHex: 'the request\'s Correlation Data as hex (empty without one)',
  contentType: 'the request\'s Content Type (empty without one)',
  receivedAt: 'when the request arrived, as an ISO 8601 time',
  'userProperty.NAME': 'the first value of the request\'s user property NAME (empty without one)',
} as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)(?:\.([^}|]+?))?\s*(?:\|\s*(json)\s*)?\}\}/g;
const USER_PROPERTY = 'userProperty';
const lenientUtf8 = new TextDecoder('utf-8');

function isField(name: string): name is Exclude<keyof typeof templateFields, 'userProperty.NAME'> {
  return name !== USER_PROPERTY && Object.hasOwn(templateFields, name);
}

/** The first unknown placeholder as a message to word, or undefined when every placeholder names a field. */
export function templateProblem(template: string): Message | undefined {
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [whole, name = '', propertyName] = match;
    if (name === USER_PROPERTY) {
      if (propertyName === undefined || propertyName.trim() === '') return msg('exchange.template.noProperty', { placeholder: whole });
      continue;
    }
    if (!isField(name) || propertyName !== undefined) {
      return msg('exchange.template.unknownField', { placeholder: whole, fields: Object.keys(templateFields).map((field) => `{{${field}}}`).join(', ') });
    }
  }
  return undefined;
}

/** The template with each placeholder replaced by the request's field; text outside placeholders is kept as written. */
export function renderReplyTemplate(template: string, request: TemplateRequest): string {
  return template.replace(PLACEHOLDER, (whole, name: string, propertyName: string | undefined, json: string | undefined) => {
    let value: string | undefined;
    if (name === USER_PROPERTY && propertyName !== undefined) value = request.userProperties?.find((pair) => pair.key === propertyName.trim())?.value ?? '';
    else if (isField(name) && propertyName === undefined) value = fieldValue(name, request);
    // templateProblem refuses these before a rule exists; kept as written rather than lost.
    if (value === undefined) return whole;
    return json ? JSON.stringify(value) : value;
  });
}

function fieldValue(name: Exclude<keyof typeof templateFields, 'userProperty.NAME'>, request: TemplateRequest): string {
  switch (name) {
    case 'topic':
      return request.topic;
    case 'payload':
      return lenientUtf8.decode(request.payload);
    case 'payloadHex':
      return hexString(request.payload);
    case 'payloadBase64':
      return bytesToBase64(request.payload);
    case 'payloadSize':
      return String(request.payload.length);
    case 'qos':
      return String(request.qos);
    case 'responseTopic':
      return request.responseTopic ?? '';
    case 'correlationHex':
      return request.correlationData ? hexString(request.correlationData) : '';
    case 'contentType':
      return request.contentType ?? '';
    case 'receivedAt':
      return new Date(request.receivedAt).toISOString();
  }
}
