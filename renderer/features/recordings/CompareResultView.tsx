import type { ReactNode } from 'react';
import type { CompareReport, CompareSection } from '../../../shared/domain/recording-files';
import { CompareLine, MessageBox, PayloadDiff } from './CompareLine';
import { fileName, formatMs } from './recording-format';
import { useT } from '../../i18n/use-t';

/** The comparison: the summary first, then each kind of difference, every line opening its messages. */
export function CompareResultView({ report }: { report: CompareReport }) {
  const t = useT();
  const { summary } = report;
  return (
    <section className="compare-result" aria-label={t('recordings.result.label')}>
      <h3 role="status" className={report.same ? 'verdict-same' : 'verdict-differ'}>
        {report.same ? t('recordings.result.same') : t('recordings.result.differ')}
      </h3>
      <p className="empty-note">
        {t('recordings.result.side', { side: 'A' })} <span className="mono">{fileName(report.a.path)}</span> {t('recordings.result.messages', { count: String(report.a.messages) })}{' '}
        {t('recordings.result.separator')} {t('recordings.result.side', { side: 'B' })} <span className="mono">{fileName(report.b.path)}</span>{' '}
        {t('recordings.result.messages', { count: String(report.b.messages) })}
      </p>
      <dl className="compare-summary" aria-label={t('recordings.result.summary')}>
        <dt>{t('recordings.result.pairs')}</dt>
        <dd>{summary.pairs}</dd>
        <dt>{t('recordings.result.missing')}</dt>
        <dd>{summary.missing}</dd>
        <dt>{t('recordings.result.extra')}</dt>
        <dd>{summary.extra}</dd>
        <dt>{t('recordings.result.changed')}</dt>
        <dd>{summary.changed}</dd>
        <dt>{t('recordings.result.timing')}</dt>
        <dd>{summary.timing}</dd>
      </dl>
      {[report.a, report.b].map(({ cut, cutText }, index) =>
        cut ? (
          <p key={index} className="form-note" role="note">
            {t('recordings.result.cut', { side: index === 0 ? 'A' : 'B', cut: cutText ? t.msg(cutText, cut) : cut })}
          </p>
        ) : null,
      )}
      <table className="broker-table compare-topics" aria-label={t('recordings.result.perTopic')}>
        <thead>
          <tr>
            <th>{t('recordings.result.topic')}</th>
            {/* eslint-disable-next-line i18next/no-literal-string -- A and B name the two recordings in every language */}
            <th>A</th>
            <th>B</th>
          </tr>
        </thead>
        <tbody>
          {report.topics.lines.map((entry) => (
            <tr key={entry.topic} className={entry.a === entry.b ? '' : 'differs'}>
              <td className="mono">{entry.topic}</td>
              <td>{entry.a}</td>
              <td>{entry.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More count={report.topics.more} what="topics" />

      <LineSection title={t('recordings.result.missing')} section={report.missing}>
        {(line) => (
          <CompareLine key={line.a.ordinal} label={t('recordings.result.missingLine', { ordinal: String(line.a.ordinal), topic: line.a.topic })}>
            <MessageBox side="A" message={line.a} path={report.a.path} />
          </CompareLine>
        )}
      </LineSection>
      <LineSection title={t('recordings.result.extra')} section={report.extra}>
        {(line) => (
          <CompareLine key={line.b.ordinal} label={t('recordings.result.extraLine', { ordinal: String(line.b.ordinal), topic: line.b.topic })}>
            <MessageBox side="B" message={line.b} path={report.b.path} />
          </CompareLine>
        )}
      </LineSection>
      <LineSection title={t('recordings.result.changed')} section={report.changed}>
        {(line) => (
          <CompareLine key={`${line.a.ordinal}-${line.b.ordinal}`} label={
              line.key !== undefined
                ? t('recordings.result.changedLineField', { topic: line.a.topic, a: String(line.a.ordinal), b: String(line.b.ordinal), key: line.key })
                : t('recordings.result.changedLine', { topic: line.a.topic, a: String(line.a.ordinal), b: String(line.b.ordinal) })
            }>
            <PayloadDiff a={line.a} b={line.b} paths={{ a: report.a.path, b: report.b.path }} />
          </CompareLine>
        )}
      </LineSection>
      <LineSection title={t('recordings.result.timing')} section={report.timing}>
        {(line) => (
          <CompareLine
            key={`${line.a.ordinal}-${line.b.ordinal}`}
            label={t('recordings.result.timingLine', { topic: line.a.topic, a: String(line.a.ordinal), intervalA: formatMs(line.intervalA), b: String(line.b.ordinal), intervalB: formatMs(line.intervalB) })}
          >
            <div className="compare-pair">
              <MessageBox side="A" message={line.a} path={report.a.path} />
              <MessageBox side="B" message={line.b} path={report.b.path} />
            </div>
          </CompareLine>
        )}
      </LineSection>
    </section>
  );
}

function LineSection<Line>({ title, section, children }: { title: string; section: CompareSection<Line>; children(line: Line): ReactNode }) {
  const t = useT();
  const total = section.lines.length + section.more;
  if (total === 0) return null;
  return (
    <section className="compare-section" aria-label={title}>
      <h4>{t('recordings.result.sectionTitle', { title, total: String(total) })}</h4>
      <ul className="compare-lines">{section.lines.map((line) => children(line))}</ul>
      <More count={section.more} what="lines" />
    </section>
  );
}

function More({ count, what }: { count: number; what: 'topics' | 'lines' }) {
  const t = useT();
  if (count === 0) return null;
  return <p className="empty-note">{t(what === 'topics' ? 'recordings.result.moreTopics' : 'recordings.result.moreLines', { count: String(count) })}</p>;
}
