import type { ReactNode } from 'react';
import type { CompareReport, CompareSection } from '../../../shared/domain/recording-files';
import { CompareLine, MessageBox, PayloadDiff } from './CompareLine';
import { fileName, formatMs } from './recording-format';

/** The comparison: the summary first, then each kind of difference, every line opening its messages. */
export function CompareResultView({ report }: { report: CompareReport }) {
  const { summary } = report;
  return (
    <section className="compare-result" aria-label="Compare result">
      <h3 role="status" className={report.same ? 'verdict-same' : 'verdict-differ'}>
        {report.same ? 'The recordings are the same' : 'The recordings differ'}
      </h3>
      <p className="empty-note">
        A: <span className="mono">{fileName(report.a.path)}</span> ({report.a.messages} messages) · B: <span className="mono">{fileName(report.b.path)}</span> ({report.b.messages}{' '}
        messages)
      </p>
      <dl className="compare-summary" aria-label="Compare summary">
        <dt>Pairs</dt>
        <dd>{summary.pairs}</dd>
        <dt>Missing from B</dt>
        <dd>{summary.missing}</dd>
        <dt>Extra in B</dt>
        <dd>{summary.extra}</dd>
        <dt>Changed payloads</dt>
        <dd>{summary.changed}</dd>
        <dt>Timing gaps</dt>
        <dd>{summary.timing}</dd>
      </dl>
      {[report.a.cut, report.b.cut].map((cut, index) =>
        cut ? (
          <p key={index} className="form-note" role="note">
            {index === 0 ? 'A' : 'B'}: {cut}
          </p>
        ) : null,
      )}
      <table className="broker-table compare-topics" aria-label="Messages per topic">
        <thead>
          <tr>
            <th>Topic</th>
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

      <LineSection title="Missing from B" section={report.missing}>
        {(line) => (
          <CompareLine key={line.a.ordinal} label={`A #${line.a.ordinal} ${line.a.topic} has no partner in B`}>
            <MessageBox side="A" message={line.a} path={report.a.path} />
          </CompareLine>
        )}
      </LineSection>
      <LineSection title="Extra in B" section={report.extra}>
        {(line) => (
          <CompareLine key={line.b.ordinal} label={`B #${line.b.ordinal} ${line.b.topic} is not in A`}>
            <MessageBox side="B" message={line.b} path={report.b.path} />
          </CompareLine>
        )}
      </LineSection>
      <LineSection title="Changed payloads" section={report.changed}>
        {(line) => (
          <CompareLine key={`${line.a.ordinal}-${line.b.ordinal}`} label={`${line.a.topic}: A #${line.a.ordinal} ≠ B #${line.b.ordinal}${line.key !== undefined ? ` (field ${line.key})` : ''}`}>
            <PayloadDiff a={line.a} b={line.b} paths={{ a: report.a.path, b: report.b.path }} />
          </CompareLine>
        )}
      </LineSection>
      <LineSection title="Timing gaps" section={report.timing}>
        {(line) => (
          <CompareLine
            key={`${line.a.ordinal}-${line.b.ordinal}`}
            label={`${line.a.topic}: A #${line.a.ordinal} came ${formatMs(line.intervalA)} after the previous, B #${line.b.ordinal} ${formatMs(line.intervalB)}`}
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
  const total = section.lines.length + section.more;
  if (total === 0) return null;
  return (
    <section className="compare-section" aria-label={title}>
      <h4>
        {title} ({total})
      </h4>
      <ul className="compare-lines">{section.lines.map((line) => children(line))}</ul>
      <More count={section.more} what="more lines" />
    </section>
  );
}

function More({ count, what }: { count: number; what: string }) {
  if (count === 0) return null;
  return (
    <p className="empty-note">
      …and {count} {what} not listed here. The command line (mqtt-lab compare --json) gives them all.
    </p>
  );
}
