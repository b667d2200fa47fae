import type { ConnectPhase, ConnectPhaseName } from '../../../shared/domain/connection';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';
import { formatDuration } from '../lifeline/lifeline-model';
import './connect-waterfall.css';

const phaseLabels: Record<ConnectPhaseName, MessageKey> = {
  dns: 'connections.waterfall.dns',
  tcp: 'connections.waterfall.tcp',
  tls: 'connections.waterfall.tls',
  websocket: 'connections.waterfall.websocket',
  mqtt: 'connections.waterfall.mqtt',
};

/**
 * Where a connect attempt's time went, as a browser's network waterfall: one row per phase, its bar
 * placed on the attempt's time line, so a slow DNS, handshake or broker stands out at a glance.
 */
export function ConnectWaterfall({ phases, label: given }: { phases: readonly ConnectPhase[]; label?: string }) {
  const t = useT();
  const label = given ?? t('connections.waterfall.label');
  const last = phases.at(-1);
  if (!last) return null;
  const total = last.startMs + last.durationMs;
  // A zero total (a clock too coarse to tell) still draws every bar, side by side at the start.
  const scale = total > 0 ? 100 / total : 0;
  return (
    <figure className="connect-waterfall">
      <figcaption>
        {t('connections.waterfall.caption', { label, total: formatDuration(total) })}
      </figcaption>
      <ol aria-label={label}>
        {phases.map((phase) => {
          const name = t(phaseLabels[phase.name]);
          const text = t('connections.waterfall.phase', { name, duration: formatDuration(phase.durationMs) });
          return (
            <li key={phase.name} aria-label={text} className={`connect-phase connect-phase-${phase.name}`}>
              <span className="connect-phase-name">{name}</span>
              <span className="connect-phase-track" aria-hidden="true">
                <span className="connect-phase-bar" style={{ left: `${phase.startMs * scale}%`, width: `${phase.durationMs * scale}%` }} />
              </span>
              <span className="connect-phase-time">{formatDuration(phase.durationMs)}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
