import { setRequestMode, useRequestMode } from './exchange-store';
import './exchange.css';
import { useT } from '../../i18n/use-t';

/** Publish or Request: the publisher's two modes, as a pair of radio buttons. */
export function PublisherModeSwitch({ connectionId }: { connectionId: string }) {
  const t = useT();
  const requesting = useRequestMode(connectionId);
  return (
    <div className="publisher-mode" role="radiogroup" aria-label={t('exchange.mode.label')}>
      <label className={requesting ? '' : 'publisher-mode-on'}>
        <input type="radio" name={`publisher-mode-${connectionId}`} checked={!requesting} onChange={() => setRequestMode(connectionId, false)} />
        {t('exchange.mode.publish')}
      </label>
      <label className={requesting ? 'publisher-mode-on' : ''} title={t('exchange.mode.requestTitle')}>
        <input type="radio" name={`publisher-mode-${connectionId}`} checked={requesting} onChange={() => setRequestMode(connectionId, true)} />
        {t('exchange.mode.request')}
      </label>
    </div>
  );
}
