import { setRequestMode, useRequestMode } from './exchange-store';
import './exchange.css';

/** Publish or Request: the publisher's two modes, as a pair of radio buttons. */
export function PublisherModeSwitch({ connectionId }: { connectionId: string }) {
  const requesting = useRequestMode(connectionId);
  return (
    <div className="publisher-mode" role="radiogroup" aria-label="Publisher mode">
      <label className={requesting ? '' : 'publisher-mode-on'}>
        <input type="radio" name={`publisher-mode-${connectionId}`} checked={!requesting} onChange={() => setRequestMode(connectionId, false)} />
        Publish
      </label>
      <label className={requesting ? 'publisher-mode-on' : ''} title="MQTT 5 request/response: a request with Response Topic and Correlation Data, its response paired with it">
        <input type="radio" name={`publisher-mode-${connectionId}`} checked={requesting} onChange={() => setRequestMode(connectionId, true)} />
        Request
      </label>
    </div>
  );
}
