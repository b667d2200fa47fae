import type { ProtocolVersion } from './field';

/** Where each data representation is defined: MQTT 5 §1.5, MQTT 3.1.1 §1.5 (3.1.1 has no binary or varint section of its own). */
export function encodingSpecs(version: ProtocolVersion): { utf8: string; binary: string; varint: string; pair: string } {
  return version === 5 ? { utf8: '1.5.4', binary: '1.5.6', varint: '1.5.5', pair: '1.5.7' } : { utf8: '1.5.3', binary: '1.5.3', varint: '2.2.3', pair: '1.5.3' };
}
