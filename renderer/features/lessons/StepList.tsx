import type { Lesson } from '../../../shared/lessons/lesson-format';
import { useLessonText } from './use-lesson-text';
import type { LessonState, StepState } from '../../../shared/lessons/lesson-state';
import type { CheckResult } from '../../../shared/lessons/lesson-trace';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

interface Props {
  lesson: Lesson;
  state: LessonState;
  busy: boolean;
  onRestart(step: number): void;
  onTryIt(step: number, button: number): void;
  onHighlight(packets: readonly number[]): void;
}

/** The restart button's mark: a symbol; its accessible name and title say it in words. */
const RESTART_MARK = '↺';

const statusWords: Record<StepState['status'], MessageKey> = { pending: 'lessons.steps.status.pending', running: 'lessons.steps.status.running', done: 'lessons.steps.status.done', skipped: 'lessons.steps.status.skipped' };

/** Every step with its status and, beside it, what its checks found; try-it buttons under the steps that ran. */
export function StepList({ lesson, state, busy, onRestart, onTryIt, onHighlight }: Props) {
  const t = useT();
  const text = useLessonText();
  return (
    <ol className="stage-steps" aria-label={t('lessons.steps.label')}>
      {state.steps.map((step) => {
        const current = step.status === 'running' || (step.index === state.nextStep && state.steps[state.nextStep - 1]?.status !== 'running');
        return (
          <li key={step.index} className={`stage-step stage-step-${step.status} ${current ? 'stage-step-current' : ''}`} aria-label={t('lessons.steps.stepLabel', { n: step.index + 1, title: text(step.title) })} aria-current={current ? 'step' : undefined}>
            <div className="stage-step-head">
              <span className="stage-step-number">{step.index + 1}</span>
              <span className="stage-step-title">{text(step.title)}</span>
              <span className="stage-step-status">{t(statusWords[step.status])}</span>
              <button type="button" className="small" disabled={busy} aria-label={t('lessons.steps.restartLabel', { n: step.index + 1 })} title={t('lessons.steps.restartTitle')} onClick={() => onRestart(step.index)}>
                {RESTART_MARK}
              </button>
            </div>
            {step.skippedReason && <p className="stage-step-skipped">{step.skippedMessage ? t.msg(step.skippedMessage, step.skippedReason) : step.skippedReason}</p>}
            <Results results={step.results} label={t('lessons.steps.checksLabel', { n: step.index + 1 })} onHighlight={onHighlight} />
            {step.notes.map((note, index) => (
              <p key={`${index}-${note}`} className="stage-step-note">
                {text(step.noteWording?.[index] ?? note)}
              </p>
            ))}
            {step.status === 'done' && lesson.steps[step.index]?.sideNote && <p className="stage-side-note">{t('lessons.steps.sideNote', { text: text(lesson.steps[step.index]?.sideNote ?? '') })}</p>}
            {step.status === 'done' && step.tryIt.length > 0 && (
              <div className="stage-try-it" role="group" aria-label={t('lessons.steps.tryItLabel', { n: step.index + 1 })}>
                <span className="stage-try-it-title">{t('lessons.steps.tryIt')}</span>
                {step.tryIt.map((button, buttonIndex) => (
                  <div key={text(button.label)} className="stage-try-it-button">
                    <button type="button" disabled={busy} onClick={() => onTryIt(step.index, buttonIndex)}>
                      {text(button.label)}
                    </button>
                    {button.presses > 0 && <span className="stage-try-it-presses">{t('lessons.steps.pressed', { count: button.presses })}</span>}
                    <Results results={button.results} label={t('lessons.steps.resultsLabel', { label: text(button.label) })} onHighlight={onHighlight} />
                  </div>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Results({ results, label, onHighlight }: { results: CheckResult[]; label: string; onHighlight(packets: readonly number[]): void }) {
  const text = useLessonText();
  if (results.length === 0) return null;
  return (
    <ul className="stage-results" aria-label={label}>
      {results.map((result, index) => (
        <li
          key={index}
          className={result.skipped ? 'stage-result stage-result-skipped' : result.ok ? 'stage-result stage-result-ok' : 'stage-result stage-result-failed'}
          // Focusable, so the keyboard can light the packets a check read as well as the pointer.
          tabIndex={result.packets.length > 0 ? 0 : undefined}
          onMouseEnter={() => onHighlight(result.packets)}
          onMouseLeave={() => onHighlight([])}
          onFocus={() => onHighlight(result.packets)}
          onBlur={() => onHighlight([])}
        >
          {text(result.wording ?? result.text)}
        </li>
      ))}
    </ul>
  );
}
