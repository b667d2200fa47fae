import type { ExchangeMessage, ExchangeSnapshot, RequestExchange } from '../../../shared/domain/exchange';
import { requestStatusText, requestTone } from './exchange-format';

/** The requests of a connection, newest first, each with its response beside it; then what answered nothing. */
export function ExchangeList({ snapshot }: { snapshot: ExchangeSnapshot }) {
  const requests = [...snapshot.requests].reverse();
  return (
    <>
      {requests.length === 0 ? (
        <p className="empty-note">No requests yet. Each request appears here with its response beside it.</p>
      ) : (
        <ol className="exchange-list" aria-label="Requests">
          {requests.map((request) => (
            <ExchangeCard key={request.requestNumber} request={request} />
          ))}
        </ol>
      )}
      {snapshot.unmatched.length > 0 && (
        <section className="exchange-unmatched" aria-label="Unmatched responses">
          <h4>
            Unmatched responses ({snapshot.unmatched.length + snapshot.unmatchedDropped}
            {snapshot.unmatchedDropped > 0 && `, the oldest ${snapshot.unmatchedDropped} no longer listed`})
          </h4>
          <ul>
            {[...snapshot.unmatched].reverse().map((unmatched) => (
              <li key={unmatched.seq} aria-label={`Unmatched response: ${unmatched.reason}`}>
                <p className="exchange-reason">{unmatched.reason}</p>
                <MessageView message={unmatched.message} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ExchangeCard({ request }: { request: RequestExchange }) {
  const status = requestStatusText(request);
  return (
    <li className={`exchange-card exchange-${requestTone(request)}`} aria-label={`Request #${request.requestNumber}: ${status}`}>
      <div className="exchange-head">
        <strong>Request #{request.requestNumber}</strong>
        <span className="exchange-status" role="status">
          {status}
        </span>
      </div>
      <p className="exchange-correlation" title="Correlation Data: 16 random bytes, the same in the request and its response">
        Correlation <code>{request.correlationHex}</code>
      </p>
      <div className="exchange-sides">
        <section aria-label={`Request #${request.requestNumber} sent`}>
          <h5>Request</h5>
          <MessageView message={request.request} />
        </section>
        <section aria-label={`Request #${request.requestNumber} response`}>
          <h5>Response</h5>
          {request.response ? <MessageView message={request.response} /> : <p className="empty-note">{request.state === 'failed' ? 'none: the request was not sent' : request.state === 'timed-out' ? 'none yet; a late one is still shown' : 'waiting…'}</p>}
        </section>
      </div>
    </li>
  );
}

function MessageView({ message }: { message: ExchangeMessage }) {
  const properties = message.properties;
  return (
    <dl className="exchange-message">
      <dt>Topic</dt>
      <dd className="exchange-topic">{message.topic}</dd>
      <dt>QoS</dt>
      <dd>{message.qos}</dd>
      <dt>Payload</dt>
      <dd>
        <pre className="exchange-payload">{message.payloadSize === 0 ? '(empty)' : message.payloadText}</pre>
        <span className="exchange-size">
          {message.payloadSize.toLocaleString('en-US')} bytes{message.payloadIsHex ? ', as hex' : ''}
        </span>
      </dd>
      {properties?.responseTopic !== undefined && (
        <>
          <dt>Response Topic</dt>
          <dd className="exchange-topic">{properties.responseTopic}</dd>
        </>
      )}
      {properties?.correlationDataHex !== undefined && (
        <>
          <dt>Correlation</dt>
          <dd>
            <code>{properties.correlationDataHex}</code>
          </dd>
        </>
      )}
      {properties?.contentType !== undefined && (
        <>
          <dt>Content Type</dt>
          <dd>{properties.contentType}</dd>
        </>
      )}
      {properties?.userProperties?.map((pair, index) => (
        <div key={`${pair.key}-${index}`} className="exchange-user-property">
          <dt>{pair.key}</dt>
          <dd>{pair.value}</dd>
        </div>
      ))}
    </dl>
  );
}
