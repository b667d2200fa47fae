import type { QoS } from '../../../shared/domain/profile';
import type { ReplayOptions } from '../../../shared/domain/replay';
import { isMessageKey, translator, type Translator } from '../../../shared/i18n';
import { checkTopicFilter } from '../../../shared/mqtt/topics';

/** What the replay form holds: text as typed, so a half-typed number is not lost. */
export interface ReplayFormState {
  speed: 'original' | 'factor' | 'max';
  factor: string;
  loop: boolean;
  filter: string;
  direction: ReplayOptions['direction'];
  rewrite: 'none' | 'prefix' | 'regex';
  prefixFrom: string;
  prefixTo: string;
  pattern: string;
  replacement: string;
  qos: 'keep' | '0' | '1' | '2';
  retain: 'keep' | 'on' | 'off';
}

export const initialReplayForm: ReplayFormState = {
  speed: 'original',
  factor: '2',
  loop: false,
  filter: '',
  direction: 'in',
  rewrite: 'none',
  prefixFrom: '',
  prefixTo: '',
  pattern: '',
  replacement: '',
  qos: 'keep',
  retain: 'keep',
};

export type ReplayFormErrors = Partial<Record<'factor' | 'filter' | 'pattern', string>>;

/** The problems of the form, each beside its field, in `t`'s language; empty when it can start. */
export function replayFormErrors(form: ReplayFormState, t: Translator = translator('en')): ReplayFormErrors {
  const errors: ReplayFormErrors = {};
  if (form.speed === 'factor') {
    const text = form.factor.trim();
    const factor = Number(text);
    if (text === '' || !Number.isFinite(factor)) errors.factor = t('recordings.replayForm.factorMissing');
    else if (factor < 0.1 || factor > 100) errors.factor = t('recordings.replayForm.factorRange', { text });
  }
  if (form.filter !== '') {
    const check = checkTopicFilter(form.filter);
    // The topics area may word it as a catalogue key.
    if (!check.ok) errors.filter = isMessageKey(check.message) ? t(check.message) : check.message;
  }
  if (form.rewrite === 'regex') {
    if (form.pattern === '') errors.pattern = t('recordings.replayForm.patternMissing');
    else {
      try {
        new RegExp(form.pattern);
      } catch (error) {
        // The detail is the JavaScript engine's own message.
        errors.pattern = t('recordings.replayForm.patternInvalid', { detail: (error as Error).message });
      }
    }
  }
  return errors;
}

/** The options the core takes, or undefined while the form has a problem. */
export function replayOptionsOf(form: ReplayFormState): (ReplayOptions & { filter?: string }) | undefined {
  if (Object.keys(replayFormErrors(form)).length > 0) return undefined;
  const options: ReplayOptions & { filter?: string } = {
    speed: form.speed === 'max' ? 'max' : form.speed === 'factor' ? Number(form.factor.trim()) : 1,
    loop: form.loop,
    direction: form.direction,
  };
  if (form.filter !== '') options.filter = form.filter;
  if (form.rewrite === 'prefix') options.rewrite = { kind: 'prefix', from: form.prefixFrom, to: form.prefixTo };
  if (form.rewrite === 'regex') options.rewrite = { kind: 'regex', pattern: form.pattern, replacement: form.replacement };
  if (form.qos !== 'keep') options.qos = Number(form.qos) as QoS;
  if (form.retain !== 'keep') options.retain = form.retain === 'on';
  return options;
}
