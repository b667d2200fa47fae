import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { ComparedSide } from '../../../shared/domain/recording-files';
import { useAppStore } from '../../store/app-store';
import { ReadOnlyDiff } from '../messages/detail/ReadOnlyEditor';
import { formatSize, formatTime } from '../messages/format';
import { OpenInRecording } from './OpenInRecording';
import type { Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

/** One difference: a line that opens to show the messages it talks about. */
export function CompareLine({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <li className="compare-line">
      <button type="button" className="compare-line-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
      </button>
      {open && (
        <div id={bodyId} role="region" aria-label={label} className="compare-line-body">
          {children}
        </div>
      )}
    </li>
  );
}

function describe(t: Translator, side: string, message: ComparedSide): string {
  return t('recordings.line.describe', { side, ordinal: String(message.ordinal), topic: message.topic, time: formatTime(message.time), size: formatSize(message.size) });
}

/** A recorded message: where it is in its file, when, and its payload as text (never as HTML). */
export function MessageBox({ side, message, path }: { side: 'A' | 'B'; message: ComparedSide; path: string }) {
  const t = useT();
  return (
    <figure className="compare-message" aria-label={t('recordings.line.message', { side, ordinal: String(message.ordinal) })}>
      <figcaption>
        {describe(t, side, message)} <OpenInRecording side={side} ordinal={message.ordinal} path={path} />
      </figcaption>
      <pre className="compare-payload">{message.payload}</pre>
      {message.cut && <p className="form-note">{t('recordings.line.payloadCut')}</p>}
    </figure>
  );
}

/** A changed payload in Monaco's diff editor, A on the left and B on the right. */
export function PayloadDiff({ a, b, paths }: { a: ComparedSide; b: ComparedSide; paths: { a: string; b: string } }) {
  const theme = useAppStore((state) => state.theme);
  const t = useT();
  const language = a.language === 'json' && b.language === 'json' ? 'json' : 'plaintext';
  return (
    <>
      <p className="diff-legend">
        <span>
          {t('recordings.line.left', { what: describe(t, 'A', a) })} <OpenInRecording side="A" ordinal={a.ordinal} path={paths.a} />
        </span>
        <span>
          {t('recordings.line.right', { what: describe(t, 'B', b) })} <OpenInRecording side="B" ordinal={b.ordinal} path={paths.b} />
        </span>
      </p>
      {(a.cut || b.cut) && <p className="form-note">{t('recordings.line.diffCut')}</p>}
      <div role="region" aria-label={t('recordings.line.differences')} className="diff-region">
        <ReadOnlyDiff original={a.payload} modified={b.payload} language={language} theme={theme} labels={{ original: t('recordings.line.message', { side: 'A', ordinal: String(a.ordinal) }), modified: t('recordings.line.message', { side: 'B', ordinal: String(b.ordinal) }) }} />
      </div>
    </>
  );
}
