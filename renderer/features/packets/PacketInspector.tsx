import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import { dissect } from '../../../shared/packets/anatomy';
import type { Field, ProtocolVersion } from '../../../shared/packets/field';
import type { PacketRef } from '../../../shared/packets/packet-row';
import { base64ToBytes } from '../../../shared/payload/preview';
import { api } from '../../api';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import { byteGroups, fieldAt, groupLabels, visibleRows } from './field-tree';
import './packet-inspector.css';

type Props = { source: PacketRef } | { bytes: Uint8Array; protocolVersion: ProtocolVersion; reEncoded?: boolean };

interface Loaded {
  bytes: Uint8Array;
  protocolVersion: ProtocolVersion;
  reEncoded: boolean;
}

/** Past this many bytes the hex view stops: a 10 MB payload would be 10 million spans. */
const MAX_HEX_BYTES = 4096;
/** Widths (px) below which the hex view sits above the fields, and shows 8 bytes a line instead of 16. */
const SIDE_BY_SIDE_MIN = 780;
const SIXTEEN_MIN = 500;
const versionNames: Record<ProtocolVersion, string> = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' };

/**
 * One packet taken apart: its bytes as hex, coloured by the part of the packet they belong to, and
 * beside them the fields as a tree, each with its value, a one-line explanation and its spec
 * section. Pointing at a byte highlights its field and the other way round.
 */
export function PacketInspector(props: Props) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  const t = useT();
  const sourceKey = 'source' in props ? JSON.stringify(props.source) : undefined;

  useEffect(() => {
    if (!('source' in props)) return undefined;
    let stale = false;
    setError(undefined);
    setLoaded(undefined);
    api
      .invoke('packets.get', props.source)
      .then((result) => {
        if (!stale) setLoaded({ bytes: base64ToBytes(result.bytesBase64), protocolVersion: result.protocolVersion, reEncoded: result.reEncoded });
      })
      .catch((failure: unknown) => {
        if (!stale) setError(failure ?? new Error(String(failure)));
      });
    return () => {
      stale = true;
    };
    // The ref's identity changes with every render of the parent; its content is what matters.
  }, [sourceKey]);

  const packet: Loaded | undefined = 'source' in props ? loaded : { bytes: props.bytes, protocolVersion: props.protocolVersion, reEncoded: props.reEncoded ?? false };
  // The failure is kept as thrown and worded here, so a language switch rewords it.
  if (error !== undefined) return <p className="packet-inspector-error" role="alert">{describeError(t, error)}</p>;
  if (!packet) return <p className="empty-note">{t('packets.inspector.loading')}</p>;
  return <Dissected packet={packet} />;
}

function Dissected({ packet }: { packet: Loaded }) {
  const t = useT();
  // Worded in the language on screen: a switch gives a new translator and so a new dissection.
  const dissection = useMemo(() => dissect(packet.bytes, packet.protocolVersion, t), [packet.bytes, packet.protocolVersion, t]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(dissection.fields.map((_, i) => String(i))));
  const [active, setActive] = useState<string>();
  const [focused, setFocused] = useState('0');
  const treeRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const width = useWidth(rootRef);
  const sideBySide = width >= SIDE_BY_SIDE_MIN;
  const bytesPerLine = width >= SIXTEEN_MIN ? 16 : 8;

  useEffect(() => {
    setExpanded(new Set(dissection.fields.map((_, i) => String(i))));
    setActive(undefined);
    setFocused('0');
    // Only a different packet resets the tree; a language switch keeps what is open and focused.
  }, [packet.bytes, packet.protocolVersion]);

  const rows = useMemo(() => visibleRows(dissection.fields, expanded), [dissection, expanded]);
  const activeField = active === undefined ? undefined : fieldByPath(dissection.fields, active);
  const activeName = active === undefined ? '' : namePath(dissection.fields, active);
  const groups = useMemo(() => byteGroups(dissection.fields, packet.bytes.length), [dissection, packet.bytes.length]);
  const shown = Math.min(packet.bytes.length, MAX_HEX_BYTES);

  const toggle = (path: string, open?: boolean) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open ?? !next.has(path)) next.add(path);
      else next.delete(path);
      return next;
    });

  const focusRow = (path: string) => {
    setFocused(path);
    setActive(path);
    treeRef.current?.querySelector<HTMLElement>(`[data-path="${path}"]`)?.focus();
  };

  const onTreeKey = (event: KeyboardEvent) => {
    const index = rows.findIndex((row) => row.path === focused);
    const row = rows[index];
    if (!row) return;
    let next: string | undefined;
    if (event.key === 'ArrowDown') next = rows[Math.min(rows.length - 1, index + 1)]?.path;
    else if (event.key === 'ArrowUp') next = rows[Math.max(0, index - 1)]?.path;
    else if (event.key === 'Home') next = rows[0]?.path;
    else if (event.key === 'End') next = rows.at(-1)?.path;
    else if (event.key === 'ArrowRight' && row.field.children) {
      if (!expanded.has(row.path)) toggle(row.path, true);
      else next = `${row.path}.0`;
    } else if (event.key === 'ArrowLeft') {
      if (row.field.children && expanded.has(row.path)) toggle(row.path, false);
      else if (row.level > 1) next = row.path.slice(0, row.path.lastIndexOf('.'));
    } else return;
    event.preventDefault();
    if (next !== undefined) focusRow(next);
  };

  const lines: number[] = [];
  for (let offset = 0; offset < shown; offset += bytesPerLine) lines.push(offset);

  return (
    <div ref={rootRef} className={`packet-inspector ${sideBySide ? 'side-by-side' : 'stacked'}`}>
      <div className="packet-summary">
        <strong>{dissection.type}</strong>
        <span>{t('packets.inspector.size', { count: packet.bytes.length, version: versionNames[dissection.protocolVersion] })}</span>
        {packet.reEncoded && (
          <span className="packet-note" title={t('packets.inspector.reEncodedTitle')}>
            {t('packets.inspector.reEncoded')}
          </span>
        )}
      </div>
      {dissection.problems.length > 0 && (
        <ul className="packet-problems" aria-label={t('packets.inspector.problems')}>
          {dissection.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="packet-anatomy">
        <div className="packet-hex-wrap">
          <div className="packet-legend" aria-label={t('packets.inspector.colourKey')}>
            {Object.entries(groupLabels)
              .filter(([group]) => group !== 'properties' || dissection.protocolVersion === 5)
              .map(([group, label]) => (
              <span key={group} className={`legend-item group-${group}`}>
                {t(label)}
              </span>
            ))}
          </div>
          <div className="packet-hex mono" role="group" aria-label={t('packets.inspector.bytes')} onMouseLeave={() => setActive(undefined)}>
            {lines.map((offset) => (
              <div key={offset} className="hex-line">
                <span className="hex-offset" aria-hidden="true">
                  {offset.toString(16).padStart(4, '0')}
                </span>
                {Array.from(packet.bytes.subarray(offset, Math.min(offset + bytesPerLine, shown)), (byte, i) => {
                  const at = offset + i;
                  const lit = activeField !== undefined && at >= activeField.start && at < activeField.end;
                  return (
                    <span
                      key={at}
                      className={`hex-byte group-${groups[at] ?? 'payload'}${lit ? ' lit' : ''}`}
                      title={t('packets.inspector.byteTitle', { at })}
                      onMouseEnter={() => setActive(fieldAt(dissection.fields, at)?.path)}
                      onClick={() => {
                        const hit = fieldAt(dissection.fields, at);
                        if (!hit) return;
                        // Open the parents so the field's row exists to focus.
                        setExpanded((current) => new Set([...current, ...ancestors(hit.path)]));
                        setFocused(hit.path);
                        setActive(hit.path);
                      }}
                    >
                      {byte.toString(16).padStart(2, '0')}
                    </span>
                  );
                })}
              </div>
            ))}
            {packet.bytes.length > shown && <p className="empty-note">{t('packets.inspector.moreBytes', { count: packet.bytes.length - shown })}</p>}
          </div>
          {activeField && (
            <p className="packet-active" aria-live="polite">
              {activeField.end - activeField.start === 1
                ? t('packets.inspector.activeByte', { name: activeName, at: activeField.start })
                : t('packets.inspector.activeBytes', { name: activeName, from: activeField.start, to: activeField.end - 1 })}
              {activeField.bits ? t('packets.inspector.activeBits', { bits: activeField.bits }) : ''}
            </p>
          )}
        </div>
        <div ref={treeRef} className="packet-fields" role="tree" aria-label={t('packets.inspector.fields')} onKeyDown={onTreeKey}>
          {rows.map((row) => (
            <FieldRow
              key={row.path}
              path={row.path}
              field={row.field}
              level={row.level}
              expanded={row.field.children ? expanded.has(row.path) : undefined}
              focused={row.path === focused}
              active={row.path === active}
              onToggle={() => toggle(row.path)}
              onPoint={() => setActive(row.path)}
              onFocus={() => {
                setFocused(row.path);
                setActive(row.path);
              }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface FieldRowProps {
  path: string;
  field: Field;
  level: number;
  expanded: boolean | undefined;
  focused: boolean;
  active: boolean;
  onToggle(): void;
  onPoint(): void;
  onFocus(): void;
}

function FieldRow({ path, field, level, expanded, focused, active, onToggle, onPoint, onFocus }: FieldRowProps) {
  const t = useT();
  const bytes = field.end - field.start;
  const where = field.bits ? t('packets.inspector.whereBits', { bits: field.bits }) : t('packets.inspector.whereBytes', { count: bytes, at: field.start });
  return (
    <div
      role="treeitem"
      data-path={path}
      aria-level={level}
      aria-expanded={expanded}
      aria-label={t('packets.inspector.fieldName', { name: field.name, value: field.value, spec: field.spec })}
      aria-description={field.explanation}
      tabIndex={focused ? 0 : -1}
      className={`field-row group-${field.group}${active ? ' lit' : ''}`}
      style={{ paddingLeft: 8 + (level - 1) * 16 }}
      onMouseEnter={onPoint}
      onFocus={onFocus}
      onClick={(event) => {
        event.stopPropagation();
        if (expanded !== undefined) onToggle();
      }}
    >
      <div className="field-head">
        <span className="field-twisty" aria-hidden="true">
          {expanded === undefined ? '' : expanded ? '▾' : '▸'}
        </span>
        <span className="field-swatch" aria-hidden="true" />
        <span className="field-name">{field.name}</span>
        <span className="field-value mono">{field.value}</span>
        <span className="field-spec">§{field.spec}</span>
      </div>
      <div className="field-explanation">
        {field.explanation} <span className="field-where">{t('packets.inspector.where', { where, group: t(groupLabels[field.group]) })}</span>
      </div>
    </div>
  );
}

/** The element's width, followed as it resizes. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function fieldByPath(fields: Field[], path: string): Field | undefined {
  let list: Field[] | undefined = fields;
  let field: Field | undefined;
  for (const part of path.split('.')) {
    field = list?.[Number(part)];
    list = field?.children;
  }
  return field;
}

/** "Properties › User Property › Name": where a nested field sits. */
function namePath(fields: Field[], path: string): string {
  return [...ancestors(path), path].map((p) => fieldByPath(fields, p)?.name ?? '').join(' › ');
}

function ancestors(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}
