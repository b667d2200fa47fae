import type { MessageKey } from '../../../shared/i18n';
import type { Field } from '../../../shared/packets/field';

/** A field as the tree shows it: its path from the top (for a stable id), depth, and whether it has children. */
export interface TreeRow {
  field: Field;
  path: string;
  level: number;
}

/** The rows visible with these paths expanded, in document order. */
export function visibleRows(fields: Field[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (list: Field[], prefix: string, level: number) => {
    list.forEach((field, index) => {
      const path = prefix ? `${prefix}.${index}` : String(index);
      rows.push({ field, path, level });
      if (field.children && expanded.has(path)) walk(field.children, path, level + 1);
    });
  };
  walk(fields, '', 1);
  return rows;
}

/** The innermost field whose bytes include `offset`, with its path; bit fields of a byte go to their parent byte. */
export function fieldAt(fields: Field[], offset: number): { field: Field; path: string } | undefined {
  let found: { field: Field; path: string } | undefined;
  const walk = (list: Field[], prefix: string) => {
    list.forEach((field, index) => {
      if (offset < field.start || offset >= field.end) return;
      const path = prefix ? `${prefix}.${index}` : String(index);
      // The first byte holds several bit fields side by side; the first that covers it stands for all.
      if (found && found.field.start === field.start && found.field.end === field.end && found.path.split('.').length === path.split('.').length) return;
      found = { field, path };
      if (field.children) walk(field.children, path);
    });
  };
  walk(fields, '');
  return found;
}

/** The catalogue key naming each part of a packet, for the colour key and each field's line. */
export const groupLabels: Record<Field['group'], MessageKey> = {
  fixed: 'packets.group.fixed',
  length: 'packets.group.length',
  variable: 'packets.group.variable',
  properties: 'packets.group.properties',
  payload: 'packets.group.payload',
};

/** Group of each byte, from the top-level fields (the whole first byte is the fixed header). */
export function byteGroups(fields: Field[], length: number): Field['group'][] {
  const groups = new Array<Field['group']>(length).fill('payload');
  for (const field of fields) for (let i = field.start; i < Math.min(field.end, length); i++) groups[i] = field.group;
  return groups;
}
