import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { ComparedSide } from '../../../shared/domain/recording-files';
import { useAppStore } from '../../store/app-store';
import { ReadOnlyDiff } from '../messages/detail/ReadOnlyEditor';
import { formatSize, formatTime } from '../messages/format';
import { OpenInRecording } from './OpenInRecording';

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

function describe(side: string, message: ComparedSide): string {
  return `${side} #${message.ordinal} ${message.topic} at ${formatTime(message.time)}, ${formatSize(message.size)}`;
}

/** A recorded message: where it is in its file, when, and its payload as text (never as HTML). */
export function MessageBox({ side, message, path }: { side: 'A' | 'B'; message: ComparedSide; path: string }) {
  return (
    <figure className="compare-message" aria-label={`Message ${side} #${message.ordinal}`}>
      <figcaption>
        {describe(side, message)} <OpenInRecording side={side} ordinal={message.ordinal} path={path} />
      </figcaption>
      <pre className="compare-payload">{message.payload}</pre>
      {message.cut && <p className="form-note">Only the start of the payload is shown.</p>}
    </figure>
  );
}

/** A changed payload in Monaco's diff editor, A on the left and B on the right. */
export function PayloadDiff({ a, b, paths }: { a: ComparedSide; b: ComparedSide; paths: { a: string; b: string } }) {
  const theme = useAppStore((state) => state.theme);
  const language = a.language === 'json' && b.language === 'json' ? 'json' : 'plaintext';
  return (
    <>
      <p className="diff-legend">
        <span>
          Left: {describe('A', a)} <OpenInRecording side="A" ordinal={a.ordinal} path={paths.a} />
        </span>
        <span>
          Right: {describe('B', b)} <OpenInRecording side="B" ordinal={b.ordinal} path={paths.b} />
        </span>
      </p>
      {(a.cut || b.cut) && <p className="form-note">The payloads are long: the diff covers their start only.</p>}
      <div role="region" aria-label="Payload differences" className="diff-region">
        <ReadOnlyDiff original={a.payload} modified={b.payload} language={language} theme={theme} labels={{ original: `Message A #${a.ordinal}`, modified: `Message B #${b.ordinal}` }} />
      </div>
    </>
  );
}
