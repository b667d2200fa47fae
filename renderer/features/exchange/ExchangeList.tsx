import type { ExchangeMessage, ExchangeSnapshot, RequestExchange } from '../../../shared/domain/exchange';
import { requestStatusText, requestTone } from './exchange-format';
import { useT } from '../../i18n/use-t';

/** The requests of a connection, newest first, each with its response beside it; then what answered nothing. */
export function ExchangeList({ snapshot }: { snapshot: ExchangeSnapshot }) {
  const t = useT();
  const requests = [...snapshot.requests].reverse();
  return (
    <>
      {requests.length === 0 ? (
        <p className="empty-note">{t('exchange.list.empty')}</p>
      ) : (
        <ol className="exchange-list" aria-label={t('exchange.list.label')}>
          {requests.map((request) => (
            <ExchangeCard key={request.requestNumber} request={request} />
          ))}
        </ol>
      )}
      {snapshot.unmatched.length > 0 && (
        <section className="exchange-unmatched" aria-label={t('exchange.unmatched.label')}>
          <h4>{t('exchange.unmatched.heading', { count: snapshot.unmatched.length + snapshot.unmatchedDropped, dropped: snapshot.unmatchedDropped })}</h4>
          <ul>
            {[...snapshot.unmatched].reverse().map((unmatched) => {
              const reason = unmatched.reasonText ? t.msg(unmatched.reasonText, unmatched.reason) : unmatched.reason;
              return (
              <li key={unmatched.seq} aria-label={t('exchange.unmatched.item', { reason })}>
                <p className="exchange-reason">{reason}</p>
                <MessageView message={unmatched.message} />
              </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

function ExchangeCard({ request }: { request: RequestExchange }) {
  const t = useT();
  const status = requestStatusText(t, request);
  const number = request.requestNumber;
  return (
    <li className={`exchange-card exchange-${requestTone(request)}`} aria-label={t('exchange.card.label', { number, status })}>
      <div className="exchange-head">
        <strong>{t('exchange.card.title', { number })}</strong>
        <span className="exchange-status" role="status">
          {status}
        </span>
      </div>
      <p className="exchange-correlation" title={t('exchange.card.correlationTitle')}>
        {t('exchange.card.correlation')} <code>{request.correlationHex}</code>
      </p>
      <div className="exchange-sides">
        <section aria-label={t('exchange.card.sent', { number })}>
          <h5>{t('exchange.card.request')}</h5>
          <MessageView message={request.request} />
        </section>
        <section aria-label={t('exchange.card.responseLabel', { number })}>
          <h5>{t('exchange.card.response')}</h5>
          {request.response ? <MessageView message={request.response} /> : <p className="empty-note">{t(request.state === 'failed' ? 'exchange.card.noneNotSent' : request.state === 'timed-out' ? 'exchange.card.noneYet' : 'exchange.card.waiting')}</p>}
        </section>
      </div>
    </li>
  );
}

function MessageView({ message }: { message: ExchangeMessage }) {
  const t = useT();
  const properties = message.properties;
  return (
    <dl className="exchange-message">
      <dt>{t('exchange.message.topic')}</dt>
      <dd className="exchange-topic">{message.topic}</dd>
      <dt>{t('exchange.message.qos')}</dt>
      <dd>{message.qos}</dd>
      <dt>{t('exchange.message.payload')}</dt>
      <dd>
        <pre className="exchange-payload">{message.payloadSize === 0 ? t('exchange.message.empty') : message.payloadText}</pre>
        <span className="exchange-size">{t('exchange.message.size', { bytes: message.payloadSize, hex: message.payloadIsHex ? 'yes' : 'no' })}</span>
      </dd>
      {properties?.responseTopic !== undefined && (
        <>
          <dt>{t('exchange.message.responseTopic')}</dt>
          <dd className="exchange-topic">{properties.responseTopic}</dd>
        </>
      )}
      {properties?.correlationDataHex !== undefined && (
        <>
          <dt>{t('exchange.message.correlation')}</dt>
          <dd>
            <code>{properties.correlationDataHex}</code>
          </dd>
        </>
      )}
      {properties?.contentType !== undefined && (
        <>
          <dt>{t('exchange.message.contentType')}</dt>
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
