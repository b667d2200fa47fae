import { useEffect, useSyncExternalStore } from 'react';
import { formatSeriesCsv } from '../../../shared/export/series-csv';
import { downloadBlob, fileStamp } from '../../components/download';
import { AddSeriesForm } from './AddSeriesForm';
import { MAX_DRAWN_POINTS, PlotChart, fieldLabel, seriesColor, seriesLabel } from './PlotChart';
import { plotModel } from './plot-model';
import type { PlotSeries } from './plot-model';
import { usePlotColors } from './theme-colors';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import './plot.css';

/** Numbers from payloads over time: series by topic and field, one live chart, and a CSV of every point. */
export function PlotPanel({ connectionId }: { connectionId: string }) {
  const t = useT();
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
    <section className="panel plot-panel" aria-label={t('plot.panel.label')}>
      <AddSeriesForm connectionId={connectionId} onAdd={(topic, field) => model.add(topic, field)} />
      {series.length === 0 ? (
        <p className="empty-note">{t('plot.panel.empty')}</p>
      ) : (
        <>
          <div className="plot-legend">
            <table aria-label={t('plot.panel.seriesTable')}>
              <thead>
                <tr>
                  <th scope="col">{t('plot.panel.series')}</th>
                  <th scope="col">{t('plot.panel.latest')}</th>
                  <th scope="col">{t('plot.panel.at')}</th>
                  <th scope="col">{t('plot.panel.points')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('plot.panel.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.map((entry) => (
                  <SeriesRow key={entry.key} entry={entry} color={seriesColor(colors, entry)} onRemove={() => model.remove(entry.key)} />
                ))}
              </tbody>
            </table>
            <button type="button" onClick={exportCsv} title={t('plot.panel.exportCsvTitle')}>
              {t('plot.panel.exportCsv')}
            </button>
          </div>
          {downsampled.length > 0 && (
            <p className="form-note" role="note">
              {t('plot.panel.downsampled', {
                max: MAX_DRAWN_POINTS,
                list: downsampled.map((entry) => t('plot.panel.downsampledSeries', { series: seriesLabel(t, entry), count: entry.times.length })).join(t('plot.panel.listSeparator')),
              })}
            </p>
          )}
          <PlotChart series={series} version={version} colors={colors} label={t('plot.panel.chartLabel', { count: series.length })} t={t} />
        </>
      )}
    </section>
  );
}

/** A close mark, the same in every language; the button's name says what it does. */
const REMOVE_MARK = '✕';
/** The time of the latest point: the day is the chart's. */
const TIME_OF_DAY: Intl.DateTimeFormatOptions = { timeStyle: 'medium' };
/** No value yet. */
const NONE_MARK = '—';

function SeriesRow({ entry, color, onRemove }: { entry: PlotSeries; color: string; onRemove(): void }) {
  const t = useT();
  const last = entry.values.length - 1;
  const time = entry.times[last];
  return (
    <tr>
      <th scope="row">
        <span className="plot-swatch" style={{ background: color }} aria-hidden="true" />
        <code>{entry.topic}</code> <code>{fieldLabel(t, entry.field)}</code>
        {entry.error !== undefined && (
          <span className="form-error" role="alert">
            {' '}
            {describeError(t, entry.error)}
          </span>
        )}
      </th>
      <td className="plot-latest">{last >= 0 ? String(entry.values[last]) : NONE_MARK}</td>
      <td>{time === undefined ? NONE_MARK : t.date(time, TIME_OF_DAY)}</td>
      <td>
        {t.number(entry.values.length)}
        {entry.skipped > 0 && <span className="plot-skipped"> {t('plot.panel.skipped', { count: entry.skipped })}</span>}
      </td>
      <td>
        <button type="button" className="icon-button" aria-label={t('plot.panel.remove', { topic: entry.topic, field: entry.field })} onClick={onRemove}>
          {REMOVE_MARK}
        </button>
      </td>
    </tr>
  );
}
