import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { PayloadSource } from './payload-source';
import { describeError } from '../../../i18n/describe-error';
import { useT } from '../../../i18n/use-t';

const ROW_HEIGHT = 17;
/** Below this many rows the box takes the rows' height instead of filling the pane. */
const FEW_ROWS = 12;
/** Room for a horizontal scroll bar and the border, so a short dump needs no vertical one. */
const BOX_EXTRA = 20;

interface Props {
  source: PayloadSource;
  bytesPerRow: number;
  /** The text of one row, from its bytes and their offset in the whole payload. */
  format(bytes: Uint8Array, offset: number): string;
  /** Whether rows are read by column (hex) and so offer a jump to an offset. */
  offsets: boolean;
  note: string;
}

/**
 * Rows of a payload of any size, virtualized: only the rows on screen exist, and their bytes are
 * fetched in pages as they scroll into view, so a 10 MB hex dump opens at once.
 */
export function ByteRows({ source, bytesPerRow, format, offsets, note }: Props) {
  const t = useT();
  useSyncExternalStore(source.subscribe, source.getVersion);
  const scrollElement = useRef<HTMLDivElement>(null);
  const rowCount = Math.ceil(source.size / bytesPerRow);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (rowCount > 0) source.request(firstRow * bytesPerRow, (lastRow - firstRow + 1) * bytesPerRow);
  }, [source, firstRow, lastRow, bytesPerRow, rowCount]);

  return (
    <>
      <div className="byte-rows-bar">
        <span className="payload-notes-line">{note}</span>
        {offsets && <OffsetJump size={source.size} onJump={(offset) => virtualizer.scrollToIndex(Math.floor(offset / bytesPerRow), { align: 'start' })} />}
      </div>
      {/* A scroll region must be reachable by keyboard. Rows are text, never HTML. */}
      <div
        ref={scrollElement}
        className="byte-rows"
        role="region"
        aria-label={t('messages.payload.content')}
        tabIndex={0}
        style={rowCount <= FEW_ROWS ? { flex: 'none', minHeight: 0, height: rowCount * ROW_HEIGHT + BOX_EXTRA } : undefined}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const offset = item.index * bytesPerRow;
            const bytes = source.bytesAt(offset, bytesPerRow);
            return (
              <div key={item.key} className="byte-row" style={{ transform: `translateY(${item.start}px)` }}>
                {bytes ? format(bytes, offset) : `${offset.toString(16).padStart(8, '0')}  ${t('messages.list.loading')}`}
              </div>
            );
          })}
        </div>
      </div>
      {source.error !== undefined && (
        <p className="form-error" role="alert">
          {t('messages.payload.readFailed', { detail: describeError(t, source.error) })}
        </p>
      )}
    </>
  );
}

function OffsetJump({ size, onJump }: { size: number; onJump(offset: number): void }) {
  const t = useT();
  const [value, setValue] = useState('');
  // Whether the typed offset was refused: worded at render, so a language switch rewords it.
  const [problem, setProblem] = useState(false);
  const jump = () => {
    const text = value.trim().replace(/^0x/i, '');
    const offset = /^[0-9a-f]+$/i.test(text) ? Number.parseInt(text, 16) : Number.NaN;
    if (!Number.isFinite(offset) || offset >= size) {
      setProblem(true);
      return;
    }
    setProblem(false);
    onJump(offset);
  };
  return (
    <form
      className="offset-jump"
      onSubmit={(event) => {
        event.preventDefault();
        jump();
      }}
    >
      <label>
        {t('messages.payload.goToOffset')}
        <input value={value} onChange={(event) => setValue(event.target.value)} spellCheck={false} aria-invalid={problem} />
      </label>
      <button type="submit">{t('messages.payload.go')}</button>
      {problem && (
        <span className="form-error" role="alert">
          {t('messages.payload.badOffset', { max: (size - 1).toString(16) })}
        </span>
      )}
    </form>
  );
}
