import './publisher-tools.css';
import type { PublishTemplate } from './publish-template';
import { useT } from '../../i18n/use-t';

/** The Template switch and, when on, the next send exactly as it will go out, or what stops it. */
export function TemplateSwitch({ checked, disabled, onChange }: { checked: boolean; disabled: boolean; onChange: (checked: boolean) => void }) {
  const t = useT();
  return (
    <label className="inline-check" title={t('publish.template.switchTitle')}>
      <input type="checkbox" checked={checked && !disabled} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      {t('publish.template.switch')}
    </label>
  );
}

export function TemplatePreview({ template }: { template: PublishTemplate }) {
  const t = useT();
  if (!template.enabled) return null;
  if (!template.ok) {
    return (
      <p className="field-error" role="alert">
        {t.msg(template.text, template.message)}
      </p>
    );
  }
  return (
    <section className="template-preview" aria-label={t('publish.template.next')}>
      <h4>{t('publish.template.nextHeading', { seq: template.nextSeq })}</h4>
      <p>
        {t('publish.template.topic')} <code aria-label={t('publish.template.nextTopic')}>{template.preview.topic}</code>
      </p>
      <pre aria-label={t('publish.template.nextPayload')}>{template.preview.payload}</pre>
    </section>
  );
}
