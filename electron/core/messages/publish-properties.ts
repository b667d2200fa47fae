import { toHex } from '../../../shared/payload/preview';

/**
 * MQTT 5 PUBLISH properties as plain JSON-safe values: binary ones (correlation data) become hex,
 * the form the detail view shows, because a Buffer would cross the transport as an array of numbers.
 * Returns undefined when there are none, which is the common case and then costs nothing to store.
 */
export function plainProperties(properties: object | undefined): Record<string, unknown> | undefined {
  if (!properties) return undefined;
  const entries = Object.entries(properties).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return undefined;
  const plain: Record<string, unknown> = {};
  for (const [name, value] of entries) plain[name] = value instanceof Uint8Array ? toHex(value).replaceAll(' ', '') : value;
  return plain;
}
