import { useEffect, useState } from 'react';
import { Field } from '../../../components/Field';
import { errorText } from '../../../components/use-action-error';
import type { ProtobufSettings } from '../../../../shared/payload/protobuf-settings';
import { api } from '../../../api';
import type { SectionProps } from './section-props';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'ok'; types: string[] } | { state: 'error'; message: string };

const emptySettings: ProtobufSettings = { files: [], mappings: [] };

/**
 * .proto files and topic filter → message type mappings. The files are only read here; they are
 * parsed in the main process (protobuf.check), which names the file and line of a problem.
 */
export function ProtobufSection({ draft, errors, edit }: SectionProps) {
  const settings = draft.protobuf ?? emptySettings;
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const files = settings.files;

  useEffect(() => {
    if (files.length === 0) {
      setCheck({ state: 'idle' });
      return;
    }
    let current = true;
    setCheck({ state: 'checking' });
    api
      .invoke('protobuf.check', { settings: { files, mappings: [] } })
      .then((result) => current && setCheck(result.ok ? { state: 'ok', types: result.types } : { state: 'error', message: result.message }))
      .catch((error: unknown) => current && setCheck({ state: 'error', message: errorText(error) }));
    return () => {
      current = false;
    };
  }, [files]);

  const change = (next: ProtobufSettings) => edit('protobuf', (d) => void (d.protobuf = next.files.length === 0 && next.mappings.length === 0 ? undefined : next));

  const addFiles = async (chosen: FileList | null) => {
    if (!chosen) return;
    const added = await Promise.all(Array.from(chosen, async (file) => ({ name: file.name, source: await file.text() })));
    const kept = settings.files.filter((file) => !added.some((one) => one.name === file.name));
    change({ ...settings, files: [...kept, ...added] });
  };

  const types = check.state === 'ok' ? check.types : [];
  return (
    <fieldset className="form-section">
      <legend>Protobuf payloads</legend>
      <div className="form-grid">
        <div className="field span-2">
          <label className="proto-upload">
            Add .proto files
            <input type="file" accept=".proto,text/plain" multiple onChange={(event) => void addFiles(event.target.files).finally(() => (event.target.value = ''))} />
          </label>
          {files.length > 0 && (
            <ul className="proto-files" aria-label=".proto files">
              {files.map((file) => (
                <li key={file.name}>
                  <span>{file.name}</span>
                  <button type="button" aria-label={`Remove ${file.name}`} onClick={() => change({ ...settings, files: settings.files.filter((one) => one !== file) })}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          {check.state === 'checking' && <p className="field-hint">Checking the files…</p>}
          {check.state === 'ok' && <p className="field-hint">Message types: {check.types.join(', ') || 'none'}.</p>}
          {check.state === 'error' && (
            <p className="field-error" role="alert">
              {check.message}
            </p>
          )}
        </div>
        {settings.mappings.map((mapping, index) => (
          <div className="span-2 form-grid proto-mapping" key={index} role="group" aria-label={`Protobuf mapping ${index + 1}`}>
            <Field label="Topic filter" error={errors[`protobuf.mappings.${index}.filter`]}>
              <input
                value={mapping.filter}
                spellCheck={false}
                placeholder="sensors/#"
                onChange={(event) => change({ ...settings, mappings: settings.mappings.map((one, at) => (at === index ? { ...one, filter: event.target.value } : one)) })}
              />
            </Field>
            <Field
              label="Message type"
              error={errors[`protobuf.mappings.${index}.type`]}
              action={
                <button type="button" aria-label={`Remove mapping ${index + 1}`} onClick={() => change({ ...settings, mappings: settings.mappings.filter((_, at) => at !== index) })}>
                  Remove
                </button>
              }
            >
              <input
                value={mapping.type}
                spellCheck={false}
                placeholder="acme.Reading"
                list={`proto-types-${draft.id}`}
                onChange={(event) => change({ ...settings, mappings: settings.mappings.map((one, at) => (at === index ? { ...one, type: event.target.value } : one)) })}
              />
            </Field>
          </div>
        ))}
        <datalist id={`proto-types-${draft.id}`}>
          {types.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <div className="span-2">
          <button type="button" onClick={() => change({ ...settings, mappings: [...settings.mappings, { filter: '', type: types[0] ?? '' }] })}>
            Add mapping
          </button>
        </div>
      </div>
    </fieldset>
  );
}
