import type { SimulatorStatus } from '../../../shared/domain/simulator';

/** The run's counts, rate and errors grouped by reason: a line per reason, however many devices saw it. */
export function SimulatorStatusPanel({ status }: { status: SimulatorStatus | undefined }) {
  return (
    <section className="broker-section" aria-label="Simulator status">
      <h3>Status</h3>
      {!status ? (
        <p className="empty-note">No run yet.</p>
      ) : (
        <>
          <p role="status" aria-label="Simulator state">
            {status.running ? 'Running' : 'Stopped'} · {status.devices.toLocaleString('en')} devices
          </p>
          <table className="simulator-counts" aria-label="Device counts">
            <tbody>
              <Row name="Connected" value={status.connected} />
              <Row name="Connecting" value={status.connecting + status.waiting} />
              <Row name="Reconnecting" value={status.reconnecting} />
              <Row name="Failed" value={status.failed} />
              <Row name="Messages sent" value={status.sent} />
              <Row name="Messages not sent" value={status.failedSends} />
              <Row name="Messages per second" value={status.ratePerSecond} />
            </tbody>
          </table>
          {status.errors.length === 0 ? (
            <p className="field-hint">No errors.</p>
          ) : (
            <table aria-label="Errors by reason">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Times</th>
                  <th scope="col">Devices</th>
                </tr>
              </thead>
              <tbody>
                {status.errors.map((error) => (
                  <tr key={error.reason}>
                    <td>{error.reason}</td>
                    <td>{error.count.toLocaleString('en')}</td>
                    <td>{error.devices.toLocaleString('en')}</td>
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

function Row({ name, value }: { name: string; value: number }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{value.toLocaleString('en')}</td>
    </tr>
  );
}
