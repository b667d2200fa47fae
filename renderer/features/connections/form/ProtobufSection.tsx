import { useEffect, useState } from 'react';
import { Field } from '../../../components/Field';
import { describeError } from '../../../i18n/describe-error';
import { useT } from '../../../i18n/use-t';
import type { ProtobufSettings } from '../../../../shared/payload/protobuf-settings';
import { api } from '../../../api';
import type { SectionProps } from './section-props';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'ok'; types: string[] } | { state: 'error'; message: string } | { state: 'failed'; failure: unknown };

/** Example values, the same in every language. */
const examples = { filter: 'sensors/#', type: 'acme.Reading' };

const emptySettings: ProtobufSettings = { files: [], mappings: [] };

/**
 * .proto files and topic filter → message type mappings. The files are only read here; they are
 * parsed in the main process (protobuf.check), which names the file and line of a problem.
 */
export function ProtobufSection({ draft, errors, edit }: SectionProps) {
  const t = useT();
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
      .catch((error: unknown) => current && setCheck({ state: 'failed', failure: error }));
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
      <legend>{t('connections.form.protobuf.legend')}</legend>
      <div className="form-grid">
        <div className="field span-2">
          <label className="proto-upload">
            {t('connections.form.protobuf.addFiles')}
            <input type="file" accept=".proto,text/plain" multiple onChange={(event) => void addFiles(event.target.files).finally(() => (event.target.value = ''))} />
          </label>
          {files.length > 0 && (
            <ul className="proto-files" aria-label={t('connections.form.protobuf.files')}>
              {files.map((file) => (
                <li key={file.name}>
                  <span>{file.name}</span>
                  <button type="button" aria-label={t('connections.form.protobuf.removeFile', { name: file.name })} onClick={() => change({ ...settings, files: settings.files.filter((one) => one !== file) })}>
                    {t('connections.form.protobuf.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {check.state === 'checking' && <p className="field-hint">{t('connections.form.protobuf.checking')}</p>}
          {check.state === 'ok' && <p className="field-hint">{check.types.length > 0 ? t('connections.form.protobuf.types', { types: check.types.join(', ') }) : t('connections.form.protobuf.noTypes')}</p>}
          {(check.state === 'error' || check.state === 'failed') && (
            <p className="field-error" role="alert">
              {check.state === 'error' ? check.message : describeError(t, check.failure)}
            </p>
          )}
        </div>
        {settings.mappings.map((mapping, index) => (
          <div className="span-2 form-grid proto-mapping" key={index} role="group" aria-label={t('connections.form.protobuf.mapping', { index: index + 1 })}>
            <Field label={t('connections.form.protobuf.filter')} error={errors[`protobuf.mappings.${index}.filter`]}>
              <input
                value={mapping.filter}
                spellCheck={false}
                placeholder={examples.filter}
                onChange={(event) => change({ ...settings, mappings: settings.mappings.map((one, at) => (at === index ? { ...one, filter: event.target.value } : one)) })}
              />
            </Field>
            <Field
              label={t('connections.form.protobuf.type')}
              error={errors[`protobuf.mappings.${index}.type`]}
              action={
                <button type="button" aria-label={t('connections.form.protobuf.removeMapping', { index: index + 1 })} onClick={() => change({ ...settings, mappings: settings.mappings.filter((_, at) => at !== index) })}>
                  {t('connections.form.protobuf.remove')}
                </button>
              }
            >
              <input
                value={mapping.type}
                spellCheck={false}
                placeholder={examples.type}
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
            {t('connections.form.protobuf.addMapping')}
          </button>
        </div>
      </div>
    </fieldset>
  );
}
