/** Requests of MQTT 5 request/response (the requester and the responder), spread into `requests` in `contract.ts`. */
import { z } from 'zod';
import type { ExchangeSnapshot, RequestExchange, ResponderRule } from '../domain/exchange';
import { replyKinds } from '../domain/exchange';
import { QoS } from '../domain/profile';
import { templateProblem } from '../exchange/reply-template';
import { ConnectionRef, TopicFilter, TopicName } from '../schemas';
import { english } from '../i18n';

/** Same bound as a published payload's text: a request or a reply is an ordinary message. */
const MAX_TEXT_CHARS = 64 * 1024 * 1024;

export const SendRequestInput = ConnectionRef.extend({
  topic: TopicName,
  qos: QoS,
  payload: z.string().max(MAX_TEXT_CHARS),
  /** utf8: the payload is text; base64: binary, base64-encoded (as `message.publish`). */
  encoding: z.enum(['utf8', 'base64']),
  /** Where the response should go; omitted: the one built from the broker's Response Information, or our default. */
  responseTopic: TopicName.optional(),
  /** How long to wait for the response: from 0.1 s to an hour. */
  timeoutMs: z.number().int().min(100).max(3_600_000),
});

export const ResponderRuleInput = ConnectionRef.extend({
  filter: TopicFilter,
  qos: QoS,
  reply: z.enum(replyKinds),
  /** The fixed payload or the template; ignored for an echo. */
  text: z.string().max(MAX_TEXT_CHARS),
  /** Waits this long before replying: up to a minute, to show a slow service or a late response. */
  delayMs: z.number().int().min(0).max(60_000),
}).superRefine((rule, context) => {
  const problem = rule.reply === 'template' ? templateProblem(rule.text) : undefined;
  if (problem) context.addIssue({ code: 'custom', path: ['text'], message: english(problem.key, problem.params) });
});

export const exchangeRequests = {
  /** Publishes a request with Response Topic and fresh Correlation Data; answers once it is sent, the response follows in `exchange.updated`. */
  'request.send': { input: SendRequestInput, output: z.custom<RequestExchange>() },
  /** The requests, unmatched responses, responder rules and timeline pairs of a connection. */
  'request.list': { input: ConnectionRef, output: z.custom<ExchangeSnapshot>() },
  'request.clear': { input: ConnectionRef, output: z.object({}) },
  /** The response topic a request would use when none is typed, and where it comes from. */
  'request.defaultResponseTopic': { input: ConnectionRef, output: z.custom<{ responseTopic: string; source: 'response-information' | 'default' }>() },
  /** Adds a rule and subscribes to its filter. */
  'responder.add': { input: ResponderRuleInput, output: z.custom<ResponderRule>() },
  /** Removes the rule; the subscription to its filter stays in the list, for the user to remove. */
  'responder.remove': { input: ConnectionRef.extend({ ruleId: z.number().int().min(1) }), output: z.object({}) },
} as const;

export const exchangeEvents = {
  /** At most about ten a second per connection, however many requests or replies pass. */
  'exchange.updated': z.custom<ExchangeSnapshot>(),
} as const;
