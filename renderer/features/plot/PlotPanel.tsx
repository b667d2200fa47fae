import { useEffect, useSyncExternalStore } from 'react';
import { formatSeriesCsv } from '../../../shared/export/series-csv';
import { downloadBlob, fileStamp } from '../../components/download';
import { AddSeriesForm } from './AddSeriesForm';
import { MAX_DRAWN_POINTS, PlotChart, seriesColor, seriesLabel } from './PlotChart';
import { plotModel } from './plot-model';
import type { PlotSeries } from './plot-model';
import { usePlotColors } from './theme-colors';
import './plot.css';

/** Numbers from payloads over time: series by topic and field, one live chart, and a CSV of every point. */
export function PlotPanel({ connectionId }: { connectionId: string }) {
  const model = plotModel(connectionId);
  const version = useSyncExternalStore(model.subscribe, model.getVersion);
  const colors = usePlotColors();
  useEffect(() => model.watch(), [model]);
  const { series } = model;
  const downsampled = series.filter((entry) => entry.times.length > MAX_DRAWN_POINTS);

  const exportCsv = () => {
    const parts = formatSeriesCsv(series);
    downloadBlob(`mqtt-lab-plot-${fileStamp()}.csv`, new Blob(parts, { type: 'text/csv' }));
  };

  return (
    <section className="panel plot-panel" aria-label="Plot">
      <AddSeriesForm connectionId={connectionId} onAdd={(topic, field) => model.add(topic, field)} />
      {series.length === 0 ? (
        <p className="empty-note">
          Add a series to plot the numbers of a topic over time: a bare number payload, or a numeric field of JSON payloads. Received messages
          only.
        </p>
      ) : (
        <>
          <div className="plot-legend">
            <table aria-label="Series">
              <thead>
                <tr>
                  <th scope="col">Series</th>
                  <th scope="col">Latest</th>
                  <th scope="col">At</th>
                  <th scope="col">Points</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.map((entry) => (
                  <SeriesRow key={entry.key} entry={entry} color={seriesColor(colors, entry)} onRemove={() => model.remove(entry.key)} />
                ))}
              </tbody>
            </table>
            <button type="button" onClick={exportCsv} title="One row per point: time, topic, field, value, message id">
              Export CSV
            </button>
          </div>
          {downsampled.length > 0 && (
            <p className="form-note" role="note">
              Downsampled for drawing to {MAX_DRAWN_POINTS.toLocaleString()} points a series (lowest and highest of each interval):{' '}
              {downsampled.map((entry) => `${seriesLabel(entry)} has ${entry.times.length.toLocaleString()} points`).join('; ')}. Export CSV
              takes every point.
            </p>
          )}
          <PlotChart series={series} version={version} colors={colors} label={`Plot of ${series.length} series`} />
        </>
      )}
    </section>
  );
}

function SeriesRow({ entry, color, onRemove }: { entry: PlotSeries; color: string; onRemove(): void }) {
  const last = entry.values.length - 1;
  const time = entry.times[last];
  return (
    <tr>
      <th scope="row">
        <span className="plot-swatch" style={{ background: color }} aria-hidden="true" />
        <code>{entry.topic}</code> <code>{entry.field === '' ? '(whole payload)' : entry.field}</code>
        {entry.error && (
          <span className="form-error" role="alert">
            {' '}
            {entry.error}
          </span>
        )}
      </th>
      <td className="plot-latest">{last >= 0 ? String(entry.values[last]) : '—'}</td>
      <td>{time === undefined ? '—' : new Date(time).toLocaleTimeString()}</td>
      <td>
        {entry.values.length.toLocaleString()}
        {entry.skipped > 0 && <span className="plot-skipped"> ({entry.skipped.toLocaleString()} without a number)</span>}
      </td>
      <td>
        <button type="button" className="icon-button" aria-label={`Remove series ${entry.topic} ${entry.field}`} onClick={onRemove}>
          ✕
        </button>
      </td>
    </tr>
  );
}
