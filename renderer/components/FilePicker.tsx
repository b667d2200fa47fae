import { FileButton } from './FileButton';
import { errorText } from './use-action-error';
import { useId, useState } from 'react';

interface Props {
  label: string;
  /** The chosen file's name, or '' when none. */
  fileName: string;
  /** What "none" means here, such as "system trust store". */
  emptyText: string;
  error?: string | undefined;
  accept?: string;
  onChoose(file: File): Promise<void>;
  onClear(): void;
}

/**
 * A file chooser that reads the file at once: the content is kept with the profile, so moving or
 * deleting the file later breaks nothing. In Electron the input opens the native picker; in a
 * browser it is an upload. Either way the file never leaves this machine.
 */
export function FilePicker({ label, fileName, emptyText, error, accept, onChoose, onClear }: Props) {
  const id = useId();
  const [readError, setReadError] = useState<string>();
  const message = readError ?? error;
  return (
    <div className={`field file-picker ${message ? 'field-invalid' : ''}`}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="input-with-button">
        <span className="file-name" aria-live="polite">
          {fileName || emptyText}
        </span>
        <FileButton
          text="Choose…"
          label={label}
          accept={accept}
          describedBy={message ? `${id}-message` : undefined}
          onFile={async (file) => {
            setReadError(undefined);
            try {
              await onChoose(file);
            } catch (failure) {
              setReadError(`${file.name} could not be read: ${errorText(failure)}`);
            }
          }}
        />
        {fileName && (
          <button type="button" aria-label={`Remove ${label}`} onClick={onClear}>
            Remove
          </button>
        )}
      </div>
      {message && (
        <p id={`${id}-message`} className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
