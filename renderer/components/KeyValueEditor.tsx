import type { KeyValue } from '../../shared/domain/profile';
import { useT } from '../i18n/use-t';

interface Props {
  /** The list's name, such as "User properties"; each input is named after it and its row. */
  label: string;
  /** One item's name, such as "property" or "header", for the add button; worded by the caller. */
  itemName: string;
  items: KeyValue[];
  onChange(items: KeyValue[]): void;
  /** Problems keyed by "index.key" or "index.value". */
  errors?: Record<string, string | undefined>;
}

/** A symbol, the same in every language; the button's name is in its aria-label. */
const removeSymbol = '✕';

/** Name/value pairs (user properties, HTTP headers): repeats are allowed, order is kept. */
export function KeyValueEditor({ label, itemName, items, onChange, errors = {} }: Props) {
  const t = useT();
  const set = (index: number, patch: Partial<KeyValue>) => onChange(items.map((item, at) => (at === index ? { ...item, ...patch } : item)));
  return (
    <fieldset className="key-value-editor span-2">
      <legend>{label}</legend>
      {items.length === 0 && <p className="field-hint">{t('connections.keyValue.none')}</p>}
      {items.map((item, index) => {
        const problem = errors[`${index}.key`] ?? errors[`${index}.value`];
        return (
          <div className="key-value-row" key={index}>
            <input aria-label={t('connections.keyValue.nameLabel', { label, index: index + 1 })} placeholder={t('connections.keyValue.namePlaceholder')} value={item.key} spellCheck={false} aria-invalid={problem ? true : undefined} onChange={(event) => set(index, { key: event.target.value })} />
            <input aria-label={t('connections.keyValue.valueLabel', { label, index: index + 1 })} placeholder={t('connections.keyValue.valuePlaceholder')} value={item.value} spellCheck={false} onChange={(event) => set(index, { value: event.target.value })} />
            <button type="button" aria-label={t('connections.keyValue.remove', { item: itemName, index: index + 1 })} onClick={() => onChange(items.filter((_, at) => at !== index))}>
              {removeSymbol}
            </button>
            {problem && (
              <p className="field-error span-row" role="alert">
                {t('connections.keyValue.rowError', { item: itemName, index: index + 1, problem })}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" className="add-row" onClick={() => onChange([...items, { key: '', value: '' }])}>
        {t('connections.keyValue.add', { item: itemName })}
      </button>
    </fieldset>
  );
}
