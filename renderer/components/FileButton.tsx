import { useId } from 'react';

interface Props {
  /** What the button says, such as "Import…". */
  text: string;
  /** The input's accessible name, such as "Import profiles". */
  label: string;
  accept?: string | undefined;
  title?: string;
  /** The id of a message about the choice (an error); marks the input invalid while set. */
  describedBy?: string | undefined;
  onFile(file: File): void;
}

/**
 * A button that opens the file chooser: a styled label for a visually hidden input, so it looks like
 * the other buttons while the input keeps its native picker (Electron) or upload (browser). The input
 * is emptied after each choice, so choosing the same file again is seen too.
 */
export function FileButton({ text, label, accept, title, describedBy, onFile }: Props) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="button-like" title={title}>
        {text}
      </label>
      <input
        id={id}
        className="visually-hidden-file"
        type="file"
        accept={accept}
        aria-label={label}
        aria-invalid={describedBy ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
