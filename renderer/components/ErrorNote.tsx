/** A failure said where it happened, announced to screen readers; nothing when there is none. */
export function ErrorNote({ message, className }: { message: string | undefined; className?: string }) {
  if (message === undefined || message === '') return null;
  return (
    <p className={className ? `form-error ${className}` : 'form-error'} role="alert">
      {message}
    </p>
  );
}
