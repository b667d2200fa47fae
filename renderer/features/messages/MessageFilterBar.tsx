import { useEffect, useState, useSyncExternalStore } from 'react';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import { setMessageFilter, useAppStore } from '../../store/app-store';
import { ExportButton } from './ExportButton';
import { historyView } from './history-view';
import type { Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

const TEXT_DELAY_MS = 250;
/** A close mark, the same in every language; the button's name says what it does. */
const CLEAR_MARK = '✕';

/**
 * The list's query: topic filter (MQTT wildcards), payload text or regex, direction, QoS and
 * retained. It runs in the main process over everything held; the bar shows how many matched.
 */
export function MessageFilterBar({ connectionId }: { connectionId: string }) {
  const t = useT();
  const view = historyView(connectionId);
  useSyncExternalStore(view.subscribe, view.getVersion);
  const criteria = useAppStore((state) => state.messageFilters[connectionId]);
  const [topic, setTopic] = useState(criteria?.filter ?? '');
  const [text, setText] = useState(criteria?.text ?? '');
  const topicCheck = topic === '' ? { ok: true as const } : checkTopicFilter(topic);
  const regexProblem = criteria?.regex && text !== '' ? regexError(text, t) : undefined;

  // Another part of the app (the topic tree) may set the filter: show what is in force.
  useEffect(() => setTopic(criteria?.filter ?? ''), [criteria?.filter]);

  useEffect(() => {
    if ((criteria?.text ?? '') === text) return;
    // A pattern that does not compile stays in the box with its message, and the last good one applies.
    if (criteria?.regex && regexError(text, t)) return;
    const timer = setTimeout(() => setMessageFilter(connectionId, { text: text || undefined }), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [connectionId, text, criteria?.text, criteria?.regex]);

  const active = criteria !== undefined && Object.keys(criteria).length > 0;

  return (
    <form className="filter-bar" role="search" aria-label={t('messages.filter.label')} onSubmit={(event) => event.preventDefault()} noValidate>
      <div className="filter-row">
        <input
          className="filter-topic"
          aria-label={t('messages.filter.topic')}
          value={topic}
          placeholder={t('messages.filter.topicPlaceholder')}
          spellCheck={false}
          aria-invalid={!topicCheck.ok}
          aria-describedby={topicCheck.ok ? undefined : `topic-filter-error-${connectionId}`}
          onChange={(event) => {
            const next = event.target.value;
            setTopic(next);
            const check = next === '' ? { ok: true } : checkTopicFilter(next);
            // Only a valid filter is applied; an invalid one keeps the last valid one and says why.
            if (check.ok) setMessageFilter(connectionId, { filter: next || undefined });
          }}
        />
        <input
          className="filter-text"
          aria-label={t('messages.filter.text')}
          value={text}
          placeholder={t(criteria?.regex ? 'messages.filter.regexPlaceholder' : 'messages.filter.textPlaceholder')}
          spellCheck={false}
          aria-invalid={regexProblem !== undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <label className="filter-check">
          <input type="checkbox" checked={criteria?.regex ?? false} onChange={(event) => setMessageFilter(connectionId, { regex: event.target.checked || undefined })} />
          {t('messages.filter.regex')}
        </label>
        {/* On the first row: the second holds three selects and Export, and a third row pushed the list down. */}
        {active && (
          <>
            <output className="match-count" aria-label={t('messages.filter.matchLabel')} aria-live="polite" title={t('messages.filter.matchCount', { matched: view.matchCount, held: view.held })}>
              {t('messages.filter.matchCount', { matched: view.matchCount, held: view.held })}
            </output>
            <button
              type="button"
              className="clear-filter"
              aria-label={t('messages.filter.clear')}
              title={t('messages.filter.clear')}
              onClick={() => {
                setText('');
                setMessageFilter(connectionId, { filter: undefined, text: undefined, regex: undefined, direction: undefined, qos: undefined, retained: undefined });
              }}
            >
              {CLEAR_MARK}
            </button>
          </>
        )}
      </div>
      <div className="filter-row">
        <select aria-label={t('messages.filter.direction')} value={criteria?.direction ?? ''} onChange={(event) => setMessageFilter(connectionId, { direction: directionOf(event.target.value) })}>
          <option value="">{t('messages.filter.directionAny')}</option>
          <option value="in">{t('messages.filter.directionIn')}</option>
          <option value="out">{t('messages.filter.directionOut')}</option>
        </select>
        <select aria-label={t('messages.filter.qos')} value={criteria?.qos ?? ''} onChange={(event) => setMessageFilter(connectionId, { qos: qosOf(event.target.value) })}>
          <option value="">{t('messages.filter.qosAny')}</option>
          <option value="0">{t('messages.qos', { qos: 0 })}</option>
          <option value="1">{t('messages.qos', { qos: 1 })}</option>
          <option value="2">{t('messages.qos', { qos: 2 })}</option>
        </select>
        <select
          aria-label={t('messages.filter.retained')}
          value={criteria?.retained === undefined ? '' : String(criteria.retained)}
          onChange={(event) => setMessageFilter(connectionId, { retained: event.target.value === '' ? undefined : event.target.value === 'true' })}
        >
          <option value="">{t('messages.filter.retainedAny')}</option>
          <option value="true">{t('messages.filter.retainedYes')}</option>
          <option value="false">{t('messages.filter.retainedNo')}</option>
        </select>
        <span className="spacer" />
        {/* Beside the filter because it exports exactly what the filter shows. */}
        <ExportButton connectionId={connectionId} />
      </div>
      {!topicCheck.ok && (
        <p className="field-error" id={`topic-filter-error-${connectionId}`} role="alert">
          {t.msg(topicCheck.text, topicCheck.message)}
        </p>
      )}
      {regexProblem && (
        <p className="field-error" role="alert">
          {regexProblem}
        </p>
      )}
      {view.matchError !== undefined && !regexProblem && (
        <p className="field-error" role="alert">
          {describeError(t, view.matchError)}
        </p>
      )}
    </form>
  );
}

function regexError(pattern: string, t: Translator): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return t('messages.filter.badRegex', { detail: (error as Error).message });
  }
}

function directionOf(value: string): 'in' | 'out' | undefined {
  return value === 'in' || value === 'out' ? value : undefined;
}

function qosOf(value: string): 0 | 1 | 2 | undefined {
  return value === '0' ? 0 : value === '1' ? 1 : value === '2' ? 2 : undefined;
}
