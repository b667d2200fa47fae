import type { SimulatorStatus } from '../../../shared/domain/simulator';
import type { Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

/** The run's counts, rate and errors grouped by reason: a line per reason, however many devices saw it. */
export function SimulatorStatusPanel({ status }: { status: SimulatorStatus | undefined }) {
  const t = useT();
  return (
    <section className="broker-section" aria-label={t('simulator.status.label')}>
      <h3>{t('simulator.status.title')}</h3>
      {!status ? (
        <p className="empty-note">{t('simulator.status.noRun')}</p>
      ) : (
        <>
          <p role="status" aria-label={t('simulator.status.stateLabel')}>
            {t(status.running ? 'simulator.status.running' : 'simulator.status.stopped', { devices: status.devices })}
          </p>
          <table className="simulator-counts" aria-label={t('simulator.status.countsLabel')}>
            <tbody>
              <Row t={t} name={t('simulator.status.connected')} value={status.connected} />
              <Row t={t} name={t('simulator.status.connecting')} value={status.connecting + status.waiting} />
              <Row t={t} name={t('simulator.status.reconnecting')} value={status.reconnecting} />
              <Row t={t} name={t('simulator.status.failed')} value={status.failed} />
              <Row t={t} name={t('simulator.status.sent')} value={status.sent} />
              <Row t={t} name={t('simulator.status.notSent')} value={status.failedSends} />
              <Row t={t} name={t('simulator.status.rate')} value={status.ratePerSecond} />
            </tbody>
          </table>
          {status.errors.length === 0 ? (
            <p className="field-hint">{t('simulator.status.noErrors')}</p>
          ) : (
            <table aria-label={t('simulator.status.errorsLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('simulator.status.reason')}</th>
                  <th scope="col">{t('simulator.status.times')}</th>
                  <th scope="col">{t('simulator.status.devices')}</th>
                </tr>
              </thead>
              <tbody>
                {status.errors.map((error) => (
                  <tr key={error.reason}>
                    <td>{error.reasonText ? t.msg(error.reasonText, error.reason) : error.reason}</td>
                    <td>{t.number(error.count)}</td>
                    <td>{t.number(error.devices)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function Row({ t, name, value }: { t: Translator; name: string; value: number }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{t.number(value)}</td>
    </tr>
  );
}
