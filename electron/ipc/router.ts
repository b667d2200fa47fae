import { isRequestName, requests } from '../../shared/contract';
import type { ContractError, ErrorCode, ParsedInput, RequestName, RequestOutput, RequestResult } from '../../shared/contract';
import { AppError } from '../core/app-error';

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
      return failure('unknown_channel', `There is no request channel named ${JSON.stringify(String(name)).slice(0, 120)}.`);
    }
    const handler = this.handlers.get(name);
    if (!handler) return failure('unknown_channel', `The request channel ${name} has no handler.`);
    const parsed = requests[name].input.safeParse(rawInput);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'The request is malformed.';
      return failure('invalid_input', message, field);
    }
    try {
      return { ok: true, value: await handler(parsed.data as ParsedInput<RequestName>) };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.message);
      // An unexpected failure is reported, not swallowed, but its stack stays in the main process log.
      console.error(`[router] ${name} failed:`, error);
      return failure('internal', `Internal error in ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function failure(code: ErrorCode, message: string, field?: string): { ok: false; error: ContractError } {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}
