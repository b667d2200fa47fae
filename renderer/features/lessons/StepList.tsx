import type { Lesson } from '../../../shared/lessons/lesson-format';
import { useLessonText } from './use-lesson-text';
import type { LessonState, StepState } from '../../../shared/lessons/lesson-state';
import type { CheckResult } from '../../../shared/lessons/lesson-trace';

interface Props {
  lesson: Lesson;
  state: LessonState;
  busy: boolean;
  onRestart(step: number): void;
  onTryIt(step: number, button: number): void;
  onHighlight(packets: readonly number[]): void;
}

const statusWords: Record<StepState['status'], string> = { pending: 'not run yet', running: 'running…', done: 'done', skipped: 'skipped' };

/** Every step with its status and, beside it, what its checks found; try-it buttons under the steps that ran. */
export function StepList({ lesson, state, busy, onRestart, onTryIt, onHighlight }: Props) {
  const text = useLessonText();
  return (
    <ol className="stage-steps" aria-label="Steps">
      {state.steps.map((step) => {
        const current = step.status === 'running' || (step.index === state.nextStep && state.steps[state.nextStep - 1]?.status !== 'running');
        return (
          <li key={step.index} className={`stage-step stage-step-${step.status} ${current ? 'stage-step-current' : ''}`} aria-label={`Step ${step.index + 1}: ${step.title}`} aria-current={current ? 'step' : undefined}>
            <div className="stage-step-head">
              <span className="stage-step-number">{step.index + 1}</span>
              <span className="stage-step-title">{text(step.title)}</span>
              <span className="stage-step-status">{statusWords[step.status]}</span>
              <button type="button" className="small" disabled={busy} aria-label={`Restart from step ${step.index + 1}`} title="Start again: the steps before this one run again, then the lesson waits" onClick={() => onRestart(step.index)}>
                ↺
              </button>
            </div>
            {step.skippedReason && <p className="stage-step-skipped">{step.skippedReason}</p>}
            <Results results={step.results} label={`Checks of step ${step.index + 1}`} onHighlight={onHighlight} />
            {step.notes.map((note) => (
              <p key={note} className="stage-step-note">
                {note}
              </p>
            ))}
            {step.status === 'done' && lesson.steps[step.index]?.sideNote && <p className="stage-side-note">Side note: {text(lesson.steps[step.index]?.sideNote ?? '')}</p>}
            {step.status === 'done' && step.tryIt.length > 0 && (
              <div className="stage-try-it" role="group" aria-label={`Try it yourself, step ${step.index + 1}`}>
                <span className="stage-try-it-title">Try it yourself</span>
                {step.tryIt.map((button, buttonIndex) => (
                  <div key={text(button.label)} className="stage-try-it-button">
                    <button type="button" disabled={busy} onClick={() => onTryIt(step.index, buttonIndex)}>
                      {text(button.label)}
                    </button>
                    {button.presses > 0 && <span className="stage-try-it-presses">pressed {button.presses}×</span>}
                    <Results results={button.results} label={`Results of ${button.label}`} onHighlight={onHighlight} />
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
          {result.text}
        </li>
      ))}
    </ul>
  );
}
