/**
 * The MQTT 5 options of a PUBLISH the user sends: its properties and how its topic travels (alias).
 * One zod schema checks them in the main process; the same pure checks give the publisher its
 * messages beside each field, so a value the form accepts is never refused by the router.
 */
import { z } from 'zod';
import { KeyValue } from '../domain/profile';
import { readHex } from '../payload/publish-payload';
import { checkTopicName } from './topics';
import { msg, type Message } from '../i18n';
import { problem, type Problem } from './problem';

const UINT32_MAX = 4_294_967_295;
/** Two-byte lengths bound every MQTT string and binary value. */
const MAX_FIELD_BYTES = 65_535;
/** An alias is a Two Byte Integer from 1 (MQTT 5 §3.3.2.3.4). */
export const MAX_TOPIC_ALIAS = 65_535;

const utf8 = new TextEncoder();

export type FieldCheck = { ok: true } | Problem;

/** Which field an MQTT string check speaks of, so its sentence names it. */
export type StringField = 'contentType' | 'userPropertyName' | 'userPropertyValue' | 'name' | 'value';

/** An MQTT UTF-8 string: at most 65,535 bytes, and no U+0000 (MQTT 5 §1.5.4). */
export function checkMqttString(text: string, what: StringField): FieldCheck {
  if (text.includes('\u0000')) return problem('mqtt.string.nullCharacter', { what });
  const bytes = utf8.encode(text).byteLength;
  if (bytes > MAX_FIELD_BYTES) return problem('mqtt.string.tooLong', { what, bytes, max: MAX_FIELD_BYTES });
  return { ok: true };
}

/** A Response Topic is a topic name, with the same rules and the same words as the topic (MQTT 5 §3.3.2.3.5). */
export function checkResponseTopic(topic: string): FieldCheck {
  return checkTopicName(topic, 'responseTopic');
}

export type CorrelationEncoding = 'text' | 'hex';

/** The bytes of the correlation data as typed: text as UTF-8, hex as its bytes; or why it cannot be read. */
export function correlationBytes(value: string, encoding: CorrelationEncoding): { ok: true; bytes: Uint8Array } | Problem {
  const read = encoding === 'hex' ? readHex(value) : { ok: true as const, bytes: utf8.encode(value) };
  // The hex reader's sentence belongs to the payload area and is still English; it is carried as a detail.
  if (!read.ok) return problem('mqtt.correlation.unreadable', { detail: read.message });
  if (read.bytes.byteLength > MAX_FIELD_BYTES) return problem('mqtt.correlation.tooLong', { bytes: read.bytes.byteLength, max: MAX_FIELD_BYTES });
  return read;
}

/**
 * A manual alias must be one the broker accepts: from 1 to the Topic Alias Maximum of its CONNACK.
 * A broker that sent none accepts no alias at all (MQTT 5 §3.2.2.3.8).
 */
export function checkTopicAlias(alias: number, brokerMaximum: number | undefined): FieldCheck {
  if (!brokerMaximum) return problem('mqtt.alias.noneAccepted');
  if (!Number.isInteger(alias) || alias < 1 || alias > MAX_TOPIC_ALIAS) return problem('mqtt.alias.range', { max: MAX_TOPIC_ALIAS });
  if (alias > brokerMaximum) return problem('mqtt.alias.aboveMaximum', { alias, max: brokerMaximum });
  return { ok: true };
}

function refined<T extends z.ZodType>(schema: T, check: (value: z.infer<T>) => FieldCheck) {
  return schema.superRefine((value, context) => {
    const result = check(value);
    if (!result.ok) context.addIssue({ code: 'custom', message: result.message });
  });
}

const MqttString = (what: StringField) => refined(z.string(), (text) => checkMqttString(text, what));

export const CorrelationData = z
  .object({ encoding: z.enum(['text', 'hex']), value: z.string().max(4 * MAX_FIELD_BYTES) })
  .superRefine(({ encoding, value }, context) => {
    const read = correlationBytes(value, encoding);
    if (!read.ok) context.addIssue({ code: 'custom', path: ['value'], message: read.message });
  });
export type CorrelationData = z.infer<typeof CorrelationData>;

const UserProperty = KeyValue.superRefine(({ key, value }, context) => {
  const name = checkMqttString(key, 'userPropertyName');
  if (!name.ok) context.addIssue({ code: 'custom', path: ['key'], message: name.message });
  const text = checkMqttString(value, 'userPropertyValue');
  if (!text.ok) context.addIssue({ code: 'custom', path: ['value'], message: text.message });
});

/**
 * The PUBLISH properties a client may set (MQTT 5 §3.3.2.3), each sent only when present. Topic
 * Alias is asked for apart (TopicAliasRequest), because the connection chooses its form; and there
 * is no Subscription Identifier: a client must not send one on PUBLISH (MQTT-3.3.4-6).
 */
export const PublishProperties = z.object({
  /** true: the payload is UTF-8 text (1); false: unspecified bytes (0). */
  payloadFormatIndicator: z.boolean().optional(),
  /** Seconds. */
  messageExpiryInterval: z.number().int().min(0).max(UINT32_MAX).optional(),
  contentType: MqttString('contentType').optional(),
  responseTopic: refined(z.string(), checkResponseTopic).optional(),
  correlationData: CorrelationData.optional(),
  /** In the order given; a name may repeat, and every pair goes out in this order. */
  userProperties: z.array(UserProperty).max(MAX_FIELD_BYTES).optional(),
});
export type PublishProperties = z.infer<typeof PublishProperties>;

/**
 * auto: the connection gives the topic an alias of its own and sends it alone once the broker knows
 * it; manual: the user's alias number, with the topic the first time (or when it stood for another).
 */
export const TopicAliasRequest = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('auto') }),
  // A catalogue key with its limit as the issue's params: the router words it in English and for the form.
  z.object({ mode: z.literal('manual'), alias: z.number().superRefine((alias, context) => {
    if (!Number.isInteger(alias) || alias < 1 || alias > MAX_TOPIC_ALIAS) context.addIssue({ code: 'custom', message: 'mqtt.alias.range', params: { max: MAX_TOPIC_ALIAS } });
  }) }),
]);
export type TopicAliasRequest = z.infer<typeof TopicAliasRequest>;

/** What the publisher's MQTT 5 fields hold, as typed. Empty means "not sent". */
export interface PublishOptionsDraft {
  payloadFormat: '' | 'bytes' | 'utf8';
  messageExpiry: string;
  contentType: string;
  responseTopic: string;
  correlationData: string;
  correlationEncoding: CorrelationEncoding;
  userProperties: KeyValue[];
  aliasMode: 'none' | 'auto' | 'manual';
  alias: string;
}

export const EMPTY_PUBLISH_OPTIONS: PublishOptionsDraft = {
  payloadFormat: '',
  messageExpiry: '',
  contentType: '',
  responseTopic: '',
  correlationData: '',
  correlationEncoding: 'text',
  userProperties: [],
  aliasMode: 'none',
  alias: '',
};

export type PublishOptionsField = 'messageExpiry' | 'contentType' | 'responseTopic' | 'correlationData' | 'alias' | `userProperties.${number}`;

export type ReadPublishOptions =
  | { ok: true; properties?: PublishProperties; topicAlias?: TopicAliasRequest }
  | { ok: false; errors: Partial<Record<PublishOptionsField, Message>> };

/**
 * The draft as `message.publish` takes it, or a message for each field that cannot be sent. A user
 * property row with neither name nor value is an unused row and is left out; one with a value and
 * no name is refused, since MQTT has no unnamed property.
 */
export function readPublishOptions(draft: PublishOptionsDraft, brokerTopicAliasMaximum: number | undefined): ReadPublishOptions {
  const errors: Partial<Record<PublishOptionsField, Message>> = {};
  const properties: PublishProperties = {};
  if (draft.payloadFormat !== '') properties.payloadFormatIndicator = draft.payloadFormat === 'utf8';
  const expiry = draft.messageExpiry.trim();
  if (expiry !== '') {
    const seconds = Number(expiry);
    if (!/^\d+$/.test(expiry) || seconds > UINT32_MAX) errors.messageExpiry = msg('mqtt.expiry.range', { max: UINT32_MAX });
    else properties.messageExpiryInterval = seconds;
  }
  if (draft.contentType !== '') {
    const check = checkMqttString(draft.contentType, 'contentType');
    if (check.ok) properties.contentType = draft.contentType;
    else errors.contentType = check.text;
  }
  if (draft.responseTopic !== '') {
    const check = checkResponseTopic(draft.responseTopic);
    if (check.ok) properties.responseTopic = draft.responseTopic;
    else errors.responseTopic = check.text;
  }
  if (draft.correlationData !== '') {
    const read = correlationBytes(draft.correlationData, draft.correlationEncoding);
    if (read.ok) properties.correlationData = { encoding: draft.correlationEncoding, value: draft.correlationData };
    else errors.correlationData = read.text;
  }
  const pairs: KeyValue[] = [];
  draft.userProperties.forEach((pair, index) => {
    if (pair.key === '' && pair.value === '') return;
    const refused = pair.key === '' ? msg('mqtt.userProperty.nameNeeded') : [checkMqttString(pair.key, 'name'), checkMqttString(pair.value, 'value')].find((check) => !check.ok)?.text;
    if (refused) errors[`userProperties.${index}`] = refused;
    else pairs.push({ key: pair.key, value: pair.value });
  });
  if (pairs.length > 0) properties.userProperties = pairs;
  let topicAlias: TopicAliasRequest | undefined;
  if (draft.aliasMode === 'auto') {
    if (!brokerTopicAliasMaximum) errors.alias = msg('mqtt.alias.noneAccepted');
    else topicAlias = { mode: 'auto' };
  } else if (draft.aliasMode === 'manual') {
    const text = draft.alias.trim();
    const alias = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    const check = checkTopicAlias(alias, brokerTopicAliasMaximum);
    if (check.ok) topicAlias = { mode: 'manual', alias };
    else errors.alias = check.text;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const result: ReadPublishOptions = { ok: true };
  if (Object.keys(properties).length > 0) result.properties = properties;
  if (topicAlias) result.topicAlias = topicAlias;
  return result;
}

/** The MQTT 5 part of one publish request, as the connection and its offline queue carry it. */
export interface PublishOptions {
  properties?: PublishProperties;
  topicAlias?: TopicAliasRequest;
}
