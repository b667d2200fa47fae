import { cloneElement, useId } from 'react';
import type { ReactElement, ReactNode } from 'react';

interface Props {
  label: string;
  error?: string | undefined;
  hint?: string;
  className?: string;
  /** A button that belongs to the control, such as "Generate" beside a client id. */
  action?: ReactNode;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

/** A labelled control with its error beside it; the error is also the control's description for screen readers. */
export function Field({ label, error, hint, className, action, children }: Props) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = error ?? hint;
  return (
    <div className={`field ${className ?? ''} ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className={action ? 'input-with-button' : 'input-plain'}>
        {cloneElement(children, {
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': message ? messageId : undefined,
        })}
        {action}
      </div>
      {message && (
        <p id={messageId} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
          {message}
        </p>
      )}
    </div>
  );
}
