import './publisher-tools.css';
import type { PublishTemplate } from './publish-template';

/** The Template switch and, when on, the next send exactly as it will go out, or what stops it. */
export function TemplateSwitch({ checked, disabled, onChange }: { checked: boolean; disabled: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="inline-check" title="Fill in placeholders such as {{seq}}, {{now}}, {{random 20 30}} at each send; off, {{ is sent as it is">
      <input type="checkbox" checked={checked && !disabled} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      Template
    </label>
  );
}

export function TemplatePreview({ template }: { template: PublishTemplate }) {
  if (!template.enabled) return null;
  if (!template.ok) {
    return (
      <p className="field-error" role="alert">
        {template.message}
      </p>
    );
  }
  return (
    <section className="template-preview" aria-label="Next send">
      <h4>Next send (#{template.nextSeq})</h4>
      <p>
        Topic: <code aria-label="Next topic">{template.preview.topic}</code>
      </p>
      <pre aria-label="Next payload">{template.preview.payload}</pre>
    </section>
  );
}
