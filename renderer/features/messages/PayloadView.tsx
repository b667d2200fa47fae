import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import { bytesToBase64, decodePayload } from '../../../shared/payload/preview';
import { hexDumpLine, HEX_DUMP_BYTES_PER_LINE, textView, utf8Prefix } from '../../../shared/payload/text-views';
import { detectPayloadView, payloadViewLabelKeys, payloadViews, renderPayloadView, type PayloadView } from '../../../shared/payload/views';
import type { SchemaDecoded } from '../../../shared/payload/schema-decoded';
import type { Translator } from '../../../shared/i18n';
import { useAppStore } from '../../store/app-store';
import { ByteRows } from './detail/ByteRows';
import type { PayloadSource } from './detail/payload-source';
import { ReadOnlyEditor } from './detail/ReadOnlyEditor';
import { formatSize } from './format';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

/** 57 bytes are 76 Base64 characters, the MIME line length; a multiple of 3, so rows join into the one Base64 text. */
const BASE64_BYTES_PER_LINE = 57;

const formatHexRow = (bytes: Uint8Array, offset: number) => hexDumpLine(bytes, offset);
const formatBase64Row = (bytes: Uint8Array) => bytesToBase64(bytes);

/**
 * The payload in the view that fits it best, with a selector for any other. The parent keys this
 * by message, so the choice resets to the detected view when another message opens.
 * Payload text goes into a <pre> or Monaco as text: it is never parsed as HTML.
 */
export function PayloadViewer({ source }: { source: PayloadSource }) {
  const t = useT();
  useSyncExternalStore(source.subscribe, source.getVersion);
  const whole = source.all;
  const schema = source.decoded;
  // A schema the main process decoded with (Sparkplug B by topic, Protobuf by mapping) is chosen over a guess from the bytes.
  // One that did not decode stays on offer (with its error) but does not hide a view that works, such as JSON sent on a spBv1.0 topic.
  const detected = useMemo<ViewChoice>(() => (schema?.text !== undefined ? SCHEMA_VIEW : whole ? detectPayloadView(whole) : detectFromHead(source.head)), [schema, whole, source.head]);
  const [chosen, setChosen] = useState<ViewChoice | undefined>();
  const view = chosen ?? detected;
  const options: ViewChoice[] = schema ? [SCHEMA_VIEW, ...payloadViews] : [...payloadViews];

  if (source.size === 0) return <p className="empty-note">{t('messages.payload.empty')}</p>;
  return (
    <>
      <div className="payload-view-bar">
        {/* Named without the word "payload", so getByLabel('Payload content') finds only the payload itself. */}
        <select aria-label={t('messages.payload.viewAs')} value={view} onChange={(event) => setChosen(event.target.value as ViewChoice)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option, schema, option === detected, t)}
            </option>
          ))}
        </select>
        <span className="payload-size">{formatSize(source.size)}</span>
      </div>
      {view === 'hex' && (
        <ByteRows
          key="hex"
          source={source}
          bytesPerRow={HEX_DUMP_BYTES_PER_LINE}
          format={formatHexRow}
          offsets
          note={t(whole ? 'messages.payload.hexNote' : 'messages.payload.hexNotePartial', { size: source.size, perLine: HEX_DUMP_BYTES_PER_LINE })}
        />
      )}
      {view === 'base64' && (
        <ByteRows
          key="base64"
          source={source}
          bytesPerRow={BASE64_BYTES_PER_LINE}
          format={formatBase64Row}
          offsets={false}
          note={t(whole ? 'messages.payload.base64Note' : 'messages.payload.base64NotePartial', { perLine: BASE64_BYTES_PER_LINE })}
        />
      )}
      {view === SCHEMA_VIEW && schema && <SchemaView decoded={schema} />}
      {view !== SCHEMA_VIEW && view !== 'hex' && view !== 'base64' && (whole ? <WholeView bytes={whole} view={view} /> : <PartialView source={source} view={view} />)}
    </>
  );
}

const SCHEMA_VIEW = 'schema';
type ViewChoice = PayloadView | typeof SCHEMA_VIEW;

function optionLabel(option: ViewChoice, schema: SchemaDecoded | undefined, detected: boolean, t: Translator): string {
  const label = option === SCHEMA_VIEW ? (schema?.label ?? '') : t(payloadViewLabelKeys[option]);
  return detected ? t('messages.payload.detected', { label }) : label;
}

function SchemaView({ decoded }: { decoded: SchemaDecoded }) {
  const t = useT();
  const theme = useAppStore((state) => state.theme);
  if (decoded.text === undefined) {
    return (
      <p className="form-error" role="alert">
        {decoded.error ?? t('messages.payload.notSchema', { label: decoded.label })}
      </p>
    );
  }
  return (
    <>
      <PayloadNotes notes={decoded.notes} />
      <div role="region" aria-label={t('messages.payload.content')} className="payload-json">
        <ReadOnlyEditor value={decoded.text} language="json" theme={theme} label={t('messages.payload.decodedToJson', { label: decoded.label })} />
      </div>
    </>
  );
}

/** The head of a large payload cannot be parsed as a whole; text that opens like JSON most likely is JSON. */
function detectFromHead(head: Uint8Array): PayloadView {
  const decoded = decodePayload(utf8Prefix(head));
  if (decoded.kind === 'binary') return 'hex';
  return /^\s*[[{]/.test(decoded.text) ? 'json' : 'text';
}

function WholeView({ bytes, view }: { bytes: Uint8Array; view: Exclude<PayloadView, 'hex' | 'base64'> }) {
  const t = useT();
  const theme = useAppStore((state) => state.theme);
  const rendered = useMemo(() => renderPayloadView(bytes, view, t), [bytes, view, t]);
  if ('error' in rendered) {
    return (
      <p className="form-error" role="alert">
        {rendered.error}
      </p>
    );
  }
  // JSON, and CBOR or MessagePack decoded to JSON, get the editor's folding and colours.
  if (rendered.language === 'json') {
    return (
      <>
        <PayloadNotes notes={rendered.notes} />
        <div role="region" aria-label={t('messages.payload.content')} className="payload-json">
          <ReadOnlyEditor
            value={rendered.text}
            language="json"
            theme={theme}
            label={view === 'json' ? t('messages.payload.prettyJson') : t('messages.payload.decodedToJson', { label: view === 'cbor' ? 'CBOR' : 'MessagePack' })}
          />
        </div>
      </>
    );
  }
  return <TextBlock text={rendered.text} notes={rendered.notes} />;
}

function PayloadNotes({ notes, id }: { notes: string[]; id?: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className="payload-notes" id={id}>
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

function TextBlock({ text, notes }: { text: string; notes: string[] }) {
  const t = useT();
  const notesId = useId();
  return (
    <>
      <PayloadNotes notes={notes} id={notesId} />
      <pre className="payload-text" aria-label={t('messages.payload.content')} aria-describedby={notes.length > 0 ? notesId : undefined} tabIndex={0}>
        {text}
      </pre>
    </>
  );
}

/**
 * A view that needs the whole payload, of a payload larger than what came with the message: it says
 * how much is shown and offers to load the rest, naming the size, instead of passing a part off as the whole.
 */
function PartialView({ source, view }: { source: PayloadSource; view: Exclude<PayloadView, 'hex' | 'base64'> }) {
  const t = useT();
  const head = useMemo(() => utf8Prefix(source.head), [source.head]);
  const rendered = useMemo(() => (view === 'text' ? textView(head, t) : undefined), [head, view, t]);
  const loading = source.isLoadingAll;
  return (
    <>
      <div className="payload-partial" role="note">
        <span>
          {view === 'text'
            ? t('messages.payload.showingFirst', { head: formatSize(head.byteLength), size: formatSize(source.size) })
            : t('messages.payload.needsWhole', { view: t(payloadViewLabelKeys[view]), head: formatSize(source.head.byteLength), size: formatSize(source.size) })}
        </span>
        <button type="button" disabled={loading} onClick={() => void source.loadAll().catch(() => undefined)}>
          {loading ? t('messages.payload.loadingProgress', { loaded: formatSize(source.loadedBytes), size: formatSize(source.size) }) : t('messages.payload.loadAll', { size: formatSize(source.size) })}
        </button>
      </div>
      {source.error !== undefined && (
        <p className="form-error" role="alert">
          {t('messages.payload.loadFailed', { detail: describeError(t, source.error) })}
        </p>
      )}
      {rendered && <TextBlock text={rendered.text} notes={rendered.notes} />}
    </>
  );
}
