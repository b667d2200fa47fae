import { isRequestName, requests } from '../../shared/contract';
import type { ContractError, ErrorCode, ParsedInput, RequestName, RequestOutput, RequestResult } from '../../shared/contract';
import { AppError } from '../core/app-error';
import { englishOf, msg, type Message } from '../../shared/i18n';
import { issueText } from '../../shared/i18n/issue-text';

type Handler<N extends RequestName> = (input: ParsedInput<N>) => Promise<RequestOutput<N>> | RequestOutput<N>;

/**
 * The one entry for every request from either transport. Handlers never see unparsed input:
 * the router parses it with the contract's schema first and answers a typed error otherwise.
 */
export class Router {
  private readonly handlers = new Map<RequestName, Handler<RequestName>>();

  handle<N extends RequestName>(name: N, handler: Handler<N>): void {
    if (this.handlers.has(name)) throw new Error(`A handler for ${name} is already registered.`);
    this.handlers.set(name, handler as unknown as Handler<RequestName>);
  }

  async dispatch(name: unknown, rawInput: unknown): Promise<RequestResult<unknown>> {
    if (!isRequestName(name)) {
      return failure('unknown_channel', msg('common.error.unknownChannel', { channel: JSON.stringify(String(name)).slice(0, 120) }));
    }
    const handler = this.handlers.get(name);
    if (!handler) return failure('unknown_channel', msg('common.error.noHandler', { channel: name }));
    const parsed = requests[name].input.safeParse(rawInput);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      if (!issue) return failure('invalid_input', msg('common.error.malformed'));
      // A schema may word an issue as a catalogue key; the form shows it beside the field, in the user's language.
      const text = issueText(issue);
      const detail = text ? englishOf(text) : issue.message;
      return failure('invalid_input', `${field ? `${field}: ` : ''}${detail}`, field, text);
    }
    try {
      return { ok: true, value: await handler(parsed.data as ParsedInput<RequestName>) };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.text ?? error.message, error.field);
      // An unexpected failure is reported, not swallowed, but its stack stays in the main process log.
      console.error(`[router] ${name} failed:`, error);
      return failure('internal', msg('common.error.internal', { channel: name, detail: error instanceof Error ? error.message : String(error) }));
    }
  }
}

function failure(code: ErrorCode, message: string | Message, field?: string, fieldText?: Message): { ok: false; error: ContractError } {
  const text = typeof message === 'string' ? fieldText : message;
  const error: ContractError = { code, message: typeof message === 'string' ? message : englishOf(message) };
  if (text) error.text = text;
  if (field) error.field = field;
  return { ok: false, error };
}
