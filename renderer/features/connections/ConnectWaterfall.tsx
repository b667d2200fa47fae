import type { ConnectPhase, ConnectPhaseName } from '../../../shared/domain/connection';
import { formatDuration } from '../lifeline/lifeline-model';
import './connect-waterfall.css';

const phaseLabels: Record<ConnectPhaseName, string> = {
  dns: 'DNS lookup',
  tcp: 'TCP connect',
  tls: 'TLS handshake',
  websocket: 'WebSocket upgrade',
  mqtt: 'CONNECT→CONNACK',
};

/**
 * Where a connect attempt's time went, as a browser's network waterfall: one row per phase, its bar
 * placed on the attempt's time line, so a slow DNS, handshake or broker stands out at a glance.
 */
export function ConnectWaterfall({ phases, label = 'Connect phases' }: { phases: readonly ConnectPhase[]; label?: string }) {
  const last = phases.at(-1);
  if (!last) return null;
  const total = last.startMs + last.durationMs;
  // A zero total (a clock too coarse to tell) still draws every bar, side by side at the start.
  const scale = total > 0 ? 100 / total : 0;
  return (
    <figure className="connect-waterfall">
      <figcaption>
        {label}: {formatDuration(total)} in all
      </figcaption>
      <ol aria-label={label}>
        {phases.map((phase) => {
          const text = `${phaseLabels[phase.name]} ${formatDuration(phase.durationMs)}`;
          return (
            <li key={phase.name} aria-label={text} className={`connect-phase connect-phase-${phase.name}`}>
              <span className="connect-phase-name">{phaseLabels[phase.name]}</span>
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
