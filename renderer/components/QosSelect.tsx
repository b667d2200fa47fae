import type { QoS } from '../../shared/domain/profile';

export function QosSelect({ value, onChange, id, ...aria }: { value: QoS; onChange(qos: QoS): void; id?: string; 'aria-label'?: string }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value) as QoS)} {...aria}>
      <option value={0}>QoS 0: at most once</option>
      <option value={1}>QoS 1: at least once</option>
      <option value={2}>QoS 2: exactly once</option>
    </select>
  );
}
