import { FileButton } from './FileButton';
import { useId, useState } from 'react';
import { describeError } from '../i18n/describe-error';
import { useT } from '../i18n/use-t';

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
  const t = useT();
  // The failure itself is kept, and worded at render, so a language switch rewords it.
  const [readError, setReadError] = useState<{ name: string; failure: unknown }>();
  const message = readError ? t('connections.filePicker.unreadable', { name: readError.name, detail: describeError(t, readError.failure) }) : error;
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
          text={t('connections.filePicker.choose')}
          label={label}
          accept={accept}
          describedBy={message ? `${id}-message` : undefined}
          onFile={async (file) => {
            setReadError(undefined);
            try {
              await onChoose(file);
            } catch (failure) {
              setReadError({ name: file.name, failure });
            }
          }}
        />
        {fileName && (
          <button type="button" aria-label={t('connections.filePicker.removeLabel', { label })} onClick={onClear}>
            {t('connections.filePicker.remove')}
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
