import { useId, useMemo, useState } from 'react';
import { detectPayloadView, payloadViewLabels, payloadViews, renderPayloadView, type PayloadView } from '../../../shared/payload/views';

/**
 * The whole payload in the view that fits it best, with a selector for any other. The parent keys this
 * by message, so the choice resets to the detected view when another message opens.
 * Payload text goes into a <pre> as a text child: it is never parsed as HTML.
 */
export function PayloadViewer({ bytes }: { bytes: Uint8Array }) {
  const detected = useMemo(() => detectPayloadView(bytes), [bytes]);
  const [chosen, setChosen] = useState<PayloadView | undefined>();
  const view = chosen ?? detected;
  const rendered = useMemo(() => renderPayloadView(bytes, view), [bytes, view]);
  const notesId = useId();

  if (bytes.length === 0) return <p className="empty-note">Empty payload.</p>;
  return (
    <>
      <div className="payload-view-bar">
        <h4>Payload</h4>
        {/* Named without the word "payload", so getByLabel('Payload') still finds only the payload itself. */}
        <select aria-label="View as" value={view} onChange={(event) => setChosen(event.target.value as PayloadView)}>
          {payloadViews.map((option) => (
            <option key={option} value={option}>
              {payloadViewLabels[option]}
              {option === detected ? ' (detected)' : ''}
            </option>
          ))}
        </select>
      </div>
      {'error' in rendered ? (
        <p className="form-error" role="alert">
          {rendered.error}
        </p>
      ) : (
        <>
          {rendered.notes.length > 0 && (
            <ul className="payload-notes" id={notesId}>
              {rendered.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <pre
            className={view === 'hex' ? 'payload-text payload-text-columns' : 'payload-text'}
            aria-label="Payload"
            aria-describedby={rendered.notes.length > 0 ? notesId : undefined}
            // A hex dump may be wider than the panel; a scroll region must be reachable by keyboard.
            tabIndex={0}
          >
            {rendered.text}
          </pre>
        </>
      )}
    </>
  );
}
