import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { comparableText } from '../../../../shared/payload/views';
import { base64ToBytes } from '../../../../shared/payload/preview';
import type { MessageRow } from '../../../../shared/domain/message';
import { api } from '../../../api';
import { useAppStore } from '../../../store/app-store';
import { formatSize, formatTime } from '../format';
import { PayloadSource } from './payload-source';
import { setPinnedMessage, usePinnedMessage } from './pinned-compare';
import { ReadOnlyDiff } from './ReadOnlyEditor';
import { ErrorNote } from '../../../components/ErrorNote';

type Target = { state: 'finding' } | { state: 'none'; reason: string } | { state: 'loaded'; row: MessageRow; source: PayloadSource } | { state: 'error'; message: string };

/**
 * The selected message against an older one: by default the previous message on the same topic, or
 * the pinned one, or any message id the user types. JSON is compared pretty-printed, the rest as text.
 */
export function DiffPanel({ connectionId, row, source }: { connectionId: string; row: MessageRow; source: PayloadSource }) {
  const pinned = usePinnedMessage(connectionId);
  const [chosenId, setChosenId] = useState<number | undefined>();
  const [typed, setTyped] = useState('');
  const [typedProblem, setTypedProblem] = useState<string | undefined>();
  const [target, setTarget] = useState<Target>({ state: 'finding' });
  const targetId = chosenId ?? (pinned !== undefined && pinned !== row.id ? pinned : undefined);

  useEffect(() => {
    let current = true;
    setTarget({ state: 'finding' });
    const find = async (): Promise<Target> => {
      let id = targetId;
      if (id === undefined) {
        const previous = await api.invoke('message.previousOnTopic', { connectionId, messageId: row.id });
        if (previous.messageId === null) return { state: 'none', reason: 'No earlier message on this topic is in the history. Compare with another message by its number.' };
        id = previous.messageId;
      }
      const detail = await api.invoke('message.get', { connectionId, messageId: id });
      return { state: 'loaded', row: detail.row, source: new PayloadSource(connectionId, id, base64ToBytes(detail.payloadBase64), detail.payloadSize, detail.decoded) };
    };
    find()
      .then((found) => current && setTarget(found))
      .catch((error: Error) => current && setTarget({ state: 'error', message: error.message }));
    return () => {
      current = false;
    };
  }, [connectionId, row.id, targetId]);

  const compareWithTyped = () => {
    const id = Number(typed.trim().replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) {
      setTypedProblem('Enter a message number, such as 12 (shown as #12 in the list and the detail).');
      return;
    }
    setTypedProblem(undefined);
    setChosenId(id);
  };

  return (
    <div className="diff-panel">
      <div className="diff-controls">
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            compareWithTyped();
          }}
        >
          <label>
            Compare with message
            <input inputMode="numeric" value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="#" aria-invalid={typedProblem !== undefined} />
          </label>
          <button type="submit">Compare</button>
          {(chosenId !== undefined || pinned !== undefined) && (
            <button
              type="button"
              onClick={() => {
                setChosenId(undefined);
                setPinnedMessage(connectionId, undefined);
              }}
            >
              Compare with previous on topic
            </button>
          )}
          {pinned === row.id ? (
            <span className="diff-pinned">This message is pinned: open another to compare it with this one.</span>
          ) : (
            <button type="button" onClick={() => setPinnedMessage(connectionId, row.id)}>
              Pin #{row.id} for comparing
            </button>
          )}
        </form>
        <ErrorNote message={typedProblem} />
      </div>
      {target.state === 'finding' && <p className="empty-note" aria-busy="true">Finding the message to compare with…</p>}
      {target.state === 'none' && <p className="empty-note">{target.reason}</p>}
      {target.state === 'error' && (
        <p className="form-error" role="alert">
          {target.message}
        </p>
      )}
      {target.state === 'loaded' && <Comparison older={target.row} olderSource={target.source} newer={row} newerSource={source} />}
    </div>
  );
}

function Comparison({ older, olderSource, newer, newerSource }: { older: MessageRow; olderSource: PayloadSource; newer: MessageRow; newerSource: PayloadSource }) {
  const theme = useAppStore((state) => state.theme);
  useSyncExternalStore(olderSource.subscribe, olderSource.getVersion);
  useSyncExternalStore(newerSource.subscribe, newerSource.getVersion);
  const olderBytes = olderSource.all;
  const newerBytes = newerSource.all;
  const texts = useMemo(() => {
    if (!olderBytes || !newerBytes) return undefined;
    // Two payloads decoded by the same schema compare as their decoded JSON, which is what a person reads.
    const schemaTexts = olderSource.decoded?.text !== undefined && newerSource.decoded?.text !== undefined && olderSource.decoded.label === newerSource.decoded.label;
    const left = schemaTexts ? { text: olderSource.decoded?.text ?? '', language: 'json' as const } : comparableText(olderBytes);
    const right = schemaTexts ? { text: newerSource.decoded?.text ?? '', language: 'json' as const } : comparableText(newerBytes);
    return { left: left.text, right: right.text, language: left.language === 'json' && right.language === 'json' ? ('json' as const) : ('plaintext' as const) };
  }, [olderBytes, newerBytes, olderSource.decoded, newerSource.decoded]);
  const describe = (row: MessageRow) => `#${row.id} ${row.topic} at ${formatTime(row.time)}, ${formatSize(row.size)}`;
  const loading = olderSource.isLoadingAll || newerSource.isLoadingAll;
  const missing = (olderBytes ? 0 : olderSource.size) + (newerBytes ? 0 : newerSource.size);

  return (
    <>
      <p className="diff-legend">
        <span>Left: {describe(older)}</span>
        <span>Right (selected): {describe(newer)}</span>
      </p>
      {texts ? (
        <div role="region" aria-label="Payload differences" className="diff-region">
          <ReadOnlyDiff original={texts.left} modified={texts.right} language={texts.language} theme={theme} />
        </div>
      ) : (
        <div className="payload-partial" role="note">
          <span>Comparing needs both whole payloads, and they are large.</span>
          <button type="button" disabled={loading} onClick={() => void Promise.all([olderSource.loadAll(), newerSource.loadAll()]).catch(() => undefined)}>
            {loading ? 'Loading…' : `Load ${formatSize(missing)} and compare`}
          </button>
        </div>
      )}
    </>
  );
}
