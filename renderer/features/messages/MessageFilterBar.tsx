import { useEffect, useState, useSyncExternalStore } from 'react';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import { setMessageFilter, useAppStore } from '../../store/app-store';
import { ExportButton } from './ExportButton';
import { historyView } from './history-view';

const TEXT_DELAY_MS = 250;

/**
 * The list's query: topic filter (MQTT wildcards), payload text or regex, direction, QoS and
 * retained. It runs in the main process over everything held; the bar shows how many matched.
 */
export function MessageFilterBar({ connectionId }: { connectionId: string }) {
  const view = historyView(connectionId);
  useSyncExternalStore(view.subscribe, view.getVersion);
  const criteria = useAppStore((state) => state.messageFilters[connectionId]);
  const [topic, setTopic] = useState(criteria?.filter ?? '');
  const [text, setText] = useState(criteria?.text ?? '');
  const topicCheck = topic === '' ? { ok: true as const } : checkTopicFilter(topic);
  const regexProblem = criteria?.regex && text !== '' ? regexError(text) : undefined;

  // Another part of the app (the topic tree) may set the filter: show what is in force.
  useEffect(() => setTopic(criteria?.filter ?? ''), [criteria?.filter]);

  useEffect(() => {
    if ((criteria?.text ?? '') === text) return;
    // A pattern that does not compile stays in the box with its message, and the last good one applies.
    if (criteria?.regex && regexError(text)) return;
    const timer = setTimeout(() => setMessageFilter(connectionId, { text: text || undefined }), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [connectionId, text, criteria?.text, criteria?.regex]);

  const active = criteria !== undefined && Object.keys(criteria).length > 0;

  return (
    <form className="filter-bar" role="search" aria-label="Filter messages" onSubmit={(event) => event.preventDefault()} noValidate>
      <div className="filter-row">
        <input
          className="filter-topic"
          aria-label="Filter by topic"
          value={topic}
          placeholder="Topic filter: a/+/b, a/#"
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
          aria-label="Search text"
          value={text}
          placeholder={criteria?.regex ? 'Payload regex' : 'Payload text'}
          spellCheck={false}
          aria-invalid={regexProblem !== undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <label className="filter-check">
          <input type="checkbox" checked={criteria?.regex ?? false} onChange={(event) => setMessageFilter(connectionId, { regex: event.target.checked || undefined })} />
          Regex
        </label>
        {/* On the first row: the second holds three selects and Export, and a third row pushed the list down. */}
        {active && (
          <>
            <output className="match-count" aria-label="Matching messages" aria-live="polite" title={`${view.matchCount.toLocaleString()} of ${view.held.toLocaleString()} match`}>
              {view.matchCount.toLocaleString()} of {view.held.toLocaleString()} match
            </output>
            <button
              type="button"
              className="clear-filter"
              aria-label="Clear filter"
              title="Clear filter"
              onClick={() => {
                setText('');
                setMessageFilter(connectionId, { filter: undefined, text: undefined, regex: undefined, direction: undefined, qos: undefined, retained: undefined });
              }}
            >
              ✕
            </button>
          </>
        )}
      </div>
      <div className="filter-row">
        <select aria-label="Filter by direction" value={criteria?.direction ?? ''} onChange={(event) => setMessageFilter(connectionId, { direction: directionOf(event.target.value) })}>
          <option value="">in &amp; out</option>
          <option value="in">in</option>
          <option value="out">out</option>
        </select>
        <select aria-label="Filter by QoS" value={criteria?.qos ?? ''} onChange={(event) => setMessageFilter(connectionId, { qos: qosOf(event.target.value) })}>
          <option value="">any QoS</option>
          <option value="0">QoS 0</option>
          <option value="1">QoS 1</option>
          <option value="2">QoS 2</option>
        </select>
        <select
          aria-label="Filter by retained flag"
          value={criteria?.retained === undefined ? '' : String(criteria.retained)}
          onChange={(event) => setMessageFilter(connectionId, { retained: event.target.value === '' ? undefined : event.target.value === 'true' })}
        >
          <option value="">any retain</option>
          <option value="true">retained</option>
          <option value="false">not retained</option>
        </select>
        <span className="spacer" />
        {/* Beside the filter because it exports exactly what the filter shows. */}
        <ExportButton connectionId={connectionId} />
      </div>
      {!topicCheck.ok && (
        <p className="field-error" id={`topic-filter-error-${connectionId}`} role="alert">
          {topicCheck.message}
        </p>
      )}
      {regexProblem && (
        <p className="field-error" role="alert">
          {regexProblem}
        </p>
      )}
      {view.matchError && !regexProblem && (
        <p className="field-error" role="alert">
          {view.matchError}
        </p>
      )}
    </form>
  );
}

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
}

function directionOf(value: string): 'in' | 'out' | undefined {
  return value === 'in' || value === 'out' ? value : undefined;
}

function qosOf(value: string): 0 | 1 | 2 | undefined {
  return value === '0' ? 0 : value === '1' ? 1 : value === '2' ? 2 : undefined;
}
