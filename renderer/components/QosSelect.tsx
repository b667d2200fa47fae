import type { QoS } from '../../shared/domain/profile';
import { useT } from '../i18n/use-t';

export function QosSelect({ value, onChange, id, ...aria }: { value: QoS; onChange(qos: QoS): void; id?: string; 'aria-label'?: string }) {
  const t = useT();
  return (
    <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value) as QoS)} {...aria}>
      <option value={0}>{t('connections.qos.atMostOnce')}</option>
      <option value={1}>{t('connections.qos.atLeastOnce')}</option>
      <option value={2}>{t('connections.qos.exactlyOnce')}</option>
    </select>
  );
}
