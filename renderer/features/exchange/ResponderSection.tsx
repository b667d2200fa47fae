import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ReplyKind, ResponderRule } from '../../../shared/domain/exchange';
import type { QoS } from '../../../shared/domain/profile';
import { templateFields, templateProblem } from '../../../shared/exchange/reply-template';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { QosSelect } from '../../components/QosSelect';
import { errorText } from '../../components/use-action-error';
import { useAppStore } from '../../store/app-store';

const replyNames: Record<ReplyKind, string> = { echo: 'Echo the request', fixed: 'Fixed payload', template: 'Template' };
const templateHelp = `Fields: ${Object.keys(templateFields).map((field) => `{{${field}}}`).join(', ')}; add |json for a JSON string, as {{payload|json}}.`;

/** Rules that answer requests arriving on this connection, and how many each answered. */
export function ResponderSection({ connectionId, rules }: { connectionId: string; rules: ResponderRule[] }) {
  const connected = useAppStore((store) => store.connections[connectionId]?.status.state === 'connected');
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(1);
  const [reply, setReply] = useState<ReplyKind>('echo');
  const [text, setText] = useState('');
  const [delay, setDelay] = useState('0');
  const [problems, setProblems] = useState<{ filter?: string; text?: string; delay?: string }>({});
  const [error, setError] = useState<string | undefined>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    const filterCheck = checkTopicFilter(filter);
    if (!filterCheck.ok) found.filter = filterCheck.message;
    const problem = reply === 'template' ? templateProblem(text) : undefined;
    if (problem) found.text = problem;
    const delayMs = Number(delay);
    if (delay.trim() === '' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 60_000) found.delay = 'Enter whole milliseconds from 0 to 60000.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await api.invoke('responder.add', { connectionId, filter, qos, reply, text, delayMs });
      setError(undefined);
    } catch (failure) {
      setError(`Not added: ${errorText(failure)}`);
    }
  };

  const remove = async (ruleId: number) => {
    try {
      await api.invoke('responder.remove', { connectionId, ruleId });
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section className="responder" aria-labelledby={`responder-${connectionId}`}>
      <h4 id={`responder-${connectionId}`}>Responder</h4>
      <p className="form-note">Answers requests that arrive on a filter: to their Response Topic, with their Correlation Data. Requests without a Response Topic are counted, not answered.</p>
      <form onSubmit={(event) => void add(event)} aria-label="Add a responder rule" noValidate>
        <Field label="Requests on (filter)" error={problems.filter}>
          <input value={filter} spellCheck={false} onChange={(event) => setFilter(event.target.value)} placeholder="service/+/get" />
        </Field>
        <div className="row">
          <select aria-label="Reply" value={reply} onChange={(event) => setReply(event.target.value as ReplyKind)}>
            {(Object.keys(replyNames) as ReplyKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {replyNames[kind]}
              </option>
            ))}
          </select>
          <QosSelect value={qos} onChange={setQos} aria-label="Reply QoS" />
        </div>
        {reply !== 'echo' && (
          <Field label={reply === 'template' ? 'Reply template' : 'Reply payload'} error={problems.text} {...(reply === 'template' ? { hint: templateHelp } : {})}>
            <textarea className="exchange-text" rows={3} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} placeholder={reply === 'template' ? '{"echo": {{payload|json}}}' : ''} />
          </Field>
        )}
        <Field label="Delay (ms)" error={problems.delay}>
          <input inputMode="numeric" value={delay} onChange={(event) => setDelay(event.target.value)} />
        </Field>
        <button type="submit" disabled={!connected}>
          Add responder rule
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {rules.length > 0 && (
        <ul className="responder-rules" aria-label="Responder rules">
          {rules.map((rule) => (
            <li key={rule.ruleId} aria-label={`Responder rule ${rule.ruleId} on ${rule.filter}`}>
              <div className="row">
                <strong>
                  Rule {rule.ruleId}: <code>{rule.filter}</code>
                </strong>
                <button type="button" onClick={() => void remove(rule.ruleId)} aria-label={`Remove responder rule ${rule.ruleId}`}>
                  Remove
                </button>
              </div>
              <p className="form-note">
                {replyNames[rule.reply]}
                {rule.reply !== 'echo' && <>: <code>{rule.text.length > 60 ? `${rule.text.slice(0, 60)}…` : rule.text}</code></>}
                {rule.delayMs > 0 && `, after ${rule.delayMs} ms`}, QoS {rule.qos}
              </p>
              <p className="responder-counts" role="status" aria-label={`Rule ${rule.ruleId} counts`}>
                {rule.answered.toLocaleString('en-US')} answered · {rule.ignored.toLocaleString('en-US')} ignored (no Response Topic)
                {rule.failed > 0 && ` · ${rule.failed.toLocaleString('en-US')} not answered: ${rule.lastFailure ?? ''}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
