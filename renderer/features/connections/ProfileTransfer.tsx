import { useState } from 'react';
import type { Translator } from '../../../shared/i18n';
import { wordNested, type NestedMessage } from '../../../shared/i18n/nested';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import { api } from '../../api';
import { downloadText } from '../../components/download';
import { upsertConnection } from '../../store/app-store';
import { FileButton } from '../../components/FileButton';

/** What happened, kept as facts and worded at render, so a language switch rewords it. */
type Report =
  | { kind: 'exported'; count: number; fileName: string; includeSecrets: boolean }
  | { kind: 'imported'; count: number; fileName: string; names: string; warnings: string[]; warningTexts: NestedMessage[] | undefined }
  | { kind: 'exportFailed'; failure: unknown }
  | { kind: 'importFailed'; fileName: string; failure: unknown }
  | undefined;

function reportLines(t: Translator, report: NonNullable<Report>): string[] {
  switch (report.kind) {
    case 'exported':
      return [t(report.includeSecrets ? 'connections.transfer.exportedWithSecrets' : 'connections.transfer.exported', { count: report.count, fileName: report.fileName })];
    case 'imported':
      return [
        t(report.names ? 'connections.transfer.importedNamed' : 'connections.transfer.imported', { count: report.count, fileName: report.fileName, names: report.names }),
        ...report.warnings.map((english, index) => {
          const text = report.warningTexts?.[index];
          return text ? wordNested(t, text, english) : english;
        }),
      ];
    case 'exportFailed':
      return [t('connections.transfer.exportFailed', { detail: describeError(t, report.failure) })];
    case 'importFailed':
      return [t('connections.transfer.importFailed', { fileName: report.fileName, detail: describeError(t, report.failure) })];
  }
}

/** Export and import of profiles: MQTT Lab's own export, and MQTTX's connection export. */
export function ProfileTransfer() {
  const t = useT();
  const [exporting, setExporting] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [report, setReport] = useState<Report>();

  const doExport = async () => {
    try {
      const { fileName, content, count } = await api.invoke('profiles.export', { connectionIds: [], includeSecrets });
      downloadText(fileName, content);
      setReport({ kind: 'exported', count, fileName, includeSecrets });
      setExporting(false);
      setIncludeSecrets(false);
    } catch (error) {
      setReport({ kind: 'exportFailed', failure: error });
    }
  };

  const doImport = async (file: File) => {
    try {
      const content = await file.text();
      const { imported, warnings, warningTexts } = await api.invoke('profiles.import', { fileName: file.name, content });
      imported.forEach(upsertConnection);
      const names = imported.map((snapshot) => snapshot.profile.name).join(', ');
      setReport({ kind: 'imported', count: imported.length, fileName: file.name, names, warnings, warningTexts });
    } catch (error) {
      setReport({ kind: 'importFailed', fileName: file.name, failure: error });
    }
  };

  return (
    <div className="profile-transfer">
      <div className="row">
        <FileButton text={t('connections.transfer.import')} label={t('connections.transfer.importLabel')} accept=".json,application/json" onFile={(file) => void doImport(file)} />
        <button type="button" aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
          {t('connections.transfer.export')}
        </button>
      </div>
      {exporting && (
        <div className="export-options" role="group" aria-label={t('connections.transfer.exportLabel')}>
          <label className="inline-check">
            <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} />
            {t('connections.transfer.includeSecrets')}
          </label>
          {includeSecrets && (
            <p className="warning" role="alert">
              {t('connections.transfer.secretsWarning')}
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" onClick={() => void doExport()}>
              {t('connections.transfer.exportAll')}
            </button>
            <button type="button" onClick={() => setExporting(false)}>
              {t('connections.transfer.cancel')}
            </button>
          </div>
        </div>
      )}
      {report && (
        <div className={`transfer-report ${report.kind === 'exportFailed' || report.kind === 'importFailed' ? 'error' : ''}`} role="status" aria-label={t('connections.transfer.resultLabel')}>
          {reportLines(t, report).map((line) => (
            <p key={line}>{line}</p>
          ))}
          <button type="button" onClick={() => setReport(undefined)}>
            {t('connections.transfer.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
