import type { Field, ProtocolVersion } from './field';
import type { Reader } from './reader';
import type { Translator } from '../i18n';

/** What a packet family's dissector gets: the cursor over the packet's body and the list to fill. */
export interface PacketContext {
  r: Reader;
  out: Field[];
  version: ProtocolVersion;
  /** The packet type name, "PUBLISH". */
  type: string;
  /** The fixed header's low four bits. */
  flags: number;
  problems: string[];
  /** The language the dissection is worded in. */
  t: Translator;
}

/** Spec section by version: MQTT 5 numbering and MQTT 3.1.1 numbering differ in places. */
export function bySpec(ctx: PacketContext, v5: string, v311: string): string {
  return ctx.version === 5 ? v5 : v311;
}
