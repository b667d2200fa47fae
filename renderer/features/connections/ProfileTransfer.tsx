import { errorText } from '../../components/use-action-error';
import { useState } from 'react';
import { api } from '../../api';
import { downloadText } from '../../components/download';
import { upsertConnection } from '../../store/app-store';
import { FileButton } from '../../components/FileButton';

type Report = { kind: 'ok' | 'error'; lines: string[] } | undefined;

/** Export and import of profiles: MQTT Lab's own export, and MQTTX's connection export. */
export function ProfileTransfer() {
  const [exporting, setExporting] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [report, setReport] = useState<Report>();

  const doExport = async () => {
    try {
      const { fileName, content, count } = await api.invoke('profiles.export', { connectionIds: [], includeSecrets });
      downloadText(fileName, content);
      setReport({ kind: 'ok', lines: [`Exported ${count} profile${count === 1 ? '' : 's'} to ${fileName}${includeSecrets ? ', secrets included in plain text' : ', without secrets'}.`] });
      setExporting(false);
      setIncludeSecrets(false);
    } catch (error) {
      setReport({ kind: 'error', lines: [`Export failed: ${errorText(error)}`] });
    }
  };

  const doImport = async (file: File) => {
    try {
      const content = await file.text();
      const { imported, warnings } = await api.invoke('profiles.import', { fileName: file.name, content });
      imported.forEach(upsertConnection);
      const names = imported.map((snapshot) => snapshot.profile.name).join(', ');
      setReport({ kind: 'ok', lines: [`Imported ${imported.length} profile${imported.length === 1 ? '' : 's'} from ${file.name}${names ? `: ${names}` : ''}.`, ...warnings] });
    } catch (error) {
      setReport({ kind: 'error', lines: [`${file.name} was not imported: ${errorText(error)}`] });
    }
  };

  return (
    <div className="profile-transfer">
      <div className="row">
        <FileButton text="Import…" label="Import profiles" accept=".json,application/json" onFile={(file) => void doImport(file)} />
        <button type="button" aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
          Export…
        </button>
      </div>
      {exporting && (
        <div className="export-options" role="group" aria-label="Export profiles">
          <label className="inline-check">
            <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} />
            Include passwords and keys
          </label>
          {includeSecrets && (
            <p className="warning" role="alert">
              Passwords, key passphrases and private keys will be written to the file in plain text. Anyone with the file can use them.
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" onClick={() => void doExport()}>
              Export all profiles
            </button>
            <button type="button" onClick={() => setExporting(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {report && (
        <div className={`transfer-report ${report.kind === 'error' ? 'error' : ''}`} role="status" aria-label="Import and export result">
          {report.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <button type="button" onClick={() => setReport(undefined)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
