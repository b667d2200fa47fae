import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ReplyKind, ResponderRule } from '../../../shared/domain/exchange';
import type { QoS } from '../../../shared/domain/profile';
import { templateFields, templateProblem } from '../../../shared/exchange/reply-template';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { QosSelect } from '../../components/QosSelect';
import { useAppStore } from '../../store/app-store';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

const replyNames: Record<ReplyKind, MessageKey> = { echo: 'exchange.responder.replyEcho', fixed: 'exchange.responder.replyFixed', template: 'exchange.responder.replyTemplate' };
const fieldList = Object.keys(templateFields).map((field) => `{{${field}}}`).join(', ');

/** Worded when shown, so a language switch rewords what is already on screen. */
type Worded = (t: Translator) => string;

/** Rules that answer requests arriving on this connection, and how many each answered. */
export function ResponderSection({ connectionId, rules }: { connectionId: string; rules: ResponderRule[] }) {
  const t = useT();
  const connected = useAppStore((store) => store.connections[connectionId]?.status.state === 'connected');
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(1);
  const [reply, setReply] = useState<ReplyKind>('echo');
  const [text, setText] = useState('');
  const [delay, setDelay] = useState('0');
  const [problems, setProblems] = useState<{ filter?: Worded; text?: Worded; delay?: Worded }>({});
  const [error, setWorded] = useState<Worded | undefined>();
  const setError = (worded: Worded | undefined) => setWorded(() => worded);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    const filterCheck = checkTopicFilter(filter);
    if (!filterCheck.ok) found.filter = (tr) => tr.msg(filterCheck.text);
    const problem = reply === 'template' ? templateProblem(text) : undefined;
    if (problem) found.text = (tr) => tr.msg(problem);
    const delayMs = Number(delay);
    if (delay.trim() === '' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 60_000) found.delay = (tr) => tr('exchange.responder.delayInvalid');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await api.invoke('responder.add', { connectionId, filter, qos, reply, text, delayMs });
      setError(undefined);
    } catch (failure) {
      setError((tr) => tr('exchange.responder.notAdded', { reason: describeError(tr, failure) }));
    }
  };

  const remove = async (ruleId: number) => {
    try {
      await api.invoke('responder.remove', { connectionId, ruleId });
    } catch (failure) {
      setError((tr) => describeError(tr, failure));
    }
  };

  return (
    <section className="responder" aria-labelledby={`responder-${connectionId}`}>
      <h4 id={`responder-${connectionId}`}>{t('exchange.responder.title')}</h4>
      <p className="form-note">{t('exchange.responder.note')}</p>
      <form onSubmit={(event) => void add(event)} aria-label={t('exchange.responder.form')} noValidate>
        <Field label={t('exchange.responder.filter')} error={problems.filter?.(t)}>
          {/* eslint-disable-next-line i18next/no-literal-string -- an example filter, not a sentence */}
          <input value={filter} spellCheck={false} onChange={(event) => setFilter(event.target.value)} placeholder="service/+/get" />
        </Field>
        <div className="row">
          <select aria-label={t('exchange.responder.reply')} value={reply} onChange={(event) => setReply(event.target.value as ReplyKind)}>
            {(Object.keys(replyNames) as ReplyKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {t(replyNames[kind])}
              </option>
            ))}
          </select>
          <QosSelect value={qos} onChange={setQos} aria-label={t('exchange.responder.qos')} />
        </div>
        {reply !== 'echo' && (
          <Field label={t(reply === 'template' ? 'exchange.responder.template' : 'exchange.responder.payload')} error={problems.text?.(t)} {...(reply === 'template' ? { hint: t('exchange.responder.templateHelp', { fields: fieldList }) } : {})}>
            {/* eslint-disable-next-line i18next/no-literal-string -- an example template, not a sentence */}
            <textarea className="exchange-text" rows={3} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} placeholder={reply === 'template' ? '{"echo": {{payload|json}}}' : ''} />
          </Field>
        )}
        <Field label={t('exchange.responder.delay')} error={problems.delay?.(t)}>
          <input inputMode="numeric" value={delay} onChange={(event) => setDelay(event.target.value)} />
        </Field>
        <button type="submit" disabled={!connected}>
          {t('exchange.responder.add')}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error(t)}
          </p>
        )}
      </form>
      {rules.length > 0 && (
        <ul className="responder-rules" aria-label={t('exchange.responder.rules')}>
          {rules.map((rule) => (
            <li key={rule.ruleId} aria-label={t('exchange.responder.ruleLabel', { id: rule.ruleId, filter: rule.filter })}>
              <div className="row">
                <strong>
                  {t('exchange.responder.ruleTitle', { id: rule.ruleId })} <code>{rule.filter}</code>
                </strong>
                <button type="button" onClick={() => void remove(rule.ruleId)} aria-label={t('exchange.responder.removeLabel', { id: rule.ruleId })}>
                  {t('exchange.responder.remove')}
                </button>
              </div>
              <p className="form-note">
                {t(replyNames[rule.reply])}
                {rule.reply !== 'echo' && <>: <code>{rule.text.length > 60 ? `${rule.text.slice(0, 60)}…` : rule.text}</code></>}
                {t('exchange.responder.ruleFigures', { hasDelay: rule.delayMs > 0 ? 'yes' : 'no', delay: rule.delayMs, qos: rule.qos })}
              </p>
              <p className="responder-counts" role="status" aria-label={t('exchange.responder.countsLabel', { id: rule.ruleId })}>
                {t('exchange.responder.counts', { answered: rule.answered, ignored: rule.ignored })}
                {rule.failed > 0 && t('exchange.responder.failed', { failed: rule.failed, reason: rule.lastFailureText ? t.msg(rule.lastFailureText, rule.lastFailure) : (rule.lastFailure ?? '') })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
