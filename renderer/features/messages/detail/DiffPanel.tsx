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
import { describeError } from '../../../i18n/describe-error';
import { useT } from '../../../i18n/use-t';

/** The placeholder of the message number box: a number sign, as the list shows ids. */
const NUMBER_MARK = '#';

type Target = { state: 'finding' } | { state: 'none' } | { state: 'loaded'; row: MessageRow; source: PayloadSource } | { state: 'error'; error: unknown };

/**
 * The selected message against an older one: by default the previous message on the same topic, or
 * the pinned one, or any message id the user types. JSON is compared pretty-printed, the rest as text.
 */
export function DiffPanel({ connectionId, row, source }: { connectionId: string; row: MessageRow; source: PayloadSource }) {
  const t = useT();
  const pinned = usePinnedMessage(connectionId);
  const [chosenId, setChosenId] = useState<number | undefined>();
  const [typed, setTyped] = useState('');
  // Whether the typed number was refused: worded at render, so a language switch rewords it.
  const [typedProblem, setTypedProblem] = useState(false);
  const [target, setTarget] = useState<Target>({ state: 'finding' });
  const targetId = chosenId ?? (pinned !== undefined && pinned !== row.id ? pinned : undefined);

  useEffect(() => {
    let current = true;
    setTarget({ state: 'finding' });
    const find = async (): Promise<Target> => {
      let id = targetId;
      if (id === undefined) {
        const previous = await api.invoke('message.previousOnTopic', { connectionId, messageId: row.id });
        if (previous.messageId === null) return { state: 'none' };
        id = previous.messageId;
      }
      const detail = await api.invoke('message.get', { connectionId, messageId: id });
      return { state: 'loaded', row: detail.row, source: new PayloadSource(connectionId, id, base64ToBytes(detail.payloadBase64), detail.payloadSize, detail.decoded) };
    };
    find()
      .then((found) => current && setTarget(found))
      .catch((error: unknown) => current && setTarget({ state: 'error', error }));
    return () => {
      current = false;
    };
  }, [connectionId, row.id, targetId]);

  const compareWithTyped = () => {
    const id = Number(typed.trim().replace(/^#/, ''));
    if (!Number.isInteger(id) || id < 1) {
      setTypedProblem(true);
      return;
    }
    setTypedProblem(false);
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
            {t('messages.diff.compareWith')}
            <input inputMode="numeric" value={typed} onChange={(event) => setTyped(event.target.value)} placeholder={NUMBER_MARK} aria-invalid={typedProblem} />
          </label>
          <button type="submit">{t('messages.diff.compare')}</button>
          {(chosenId !== undefined || pinned !== undefined) && (
            <button
              type="button"
              onClick={() => {
                setChosenId(undefined);
                setPinnedMessage(connectionId, undefined);
              }}
            >
              {t('messages.diff.previous')}
            </button>
          )}
          {pinned === row.id ? (
            <span className="diff-pinned">{t('messages.diff.pinned')}</span>
          ) : (
            <button type="button" onClick={() => setPinnedMessage(connectionId, row.id)}>
              {t('messages.diff.pin', { id: row.id })}
            </button>
          )}
        </form>
        <ErrorNote message={typedProblem ? t('messages.diff.badNumber') : undefined} />
      </div>
      {target.state === 'finding' && (
        <p className="empty-note" aria-busy="true">
          {t('messages.diff.finding')}
        </p>
      )}
      {target.state === 'none' && <p className="empty-note">{t('messages.diff.noPrevious')}</p>}
      {target.state === 'error' && (
        <p className="form-error" role="alert">
          {describeError(t, target.error)}
        </p>
      )}
      {target.state === 'loaded' && <Comparison older={target.row} olderSource={target.source} newer={row} newerSource={source} />}
    </div>
  );
}

function Comparison({ older, olderSource, newer, newerSource }: { older: MessageRow; olderSource: PayloadSource; newer: MessageRow; newerSource: PayloadSource }) {
  const t = useT();
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
  const describe = (row: MessageRow) => t('messages.diff.describe', { id: row.id, topic: row.topic, time: formatTime(row.time), size: formatSize(row.size) });
  const loading = olderSource.isLoadingAll || newerSource.isLoadingAll;
  const missing = (olderBytes ? 0 : olderSource.size) + (newerBytes ? 0 : newerSource.size);

  return (
    <>
      <p className="diff-legend">
        <span>{t('messages.diff.left', { message: describe(older) })}</span>
        <span>{t('messages.diff.right', { message: describe(newer) })}</span>
      </p>
      {texts ? (
        <div role="region" aria-label={t('messages.diff.region')} className="diff-region">
          <ReadOnlyDiff
            original={texts.left}
            modified={texts.right}
            language={texts.language}
            theme={theme}
            labels={{ original: t('messages.diff.olderEditor'), modified: t('messages.diff.selectedEditor') }}
          />
        </div>
      ) : (
        <div className="payload-partial" role="note">
          <span>{t('messages.diff.needsWhole')}</span>
          <button type="button" disabled={loading} onClick={() => void Promise.all([olderSource.loadAll(), newerSource.loadAll()]).catch(() => undefined)}>
            {loading ? t('messages.diff.loading') : t('messages.diff.loadAndCompare', { size: formatSize(missing) })}
          </button>
        </div>
      )}
    </>
  );
}
