/** What a dissection produces: byte ranges of a packet, each with its meaning and spec section. */

export type FieldGroup = 'fixed' | 'length' | 'variable' | 'properties' | 'payload';

/** 3 = MQTT 3.1 (MQIsdp), 4 = MQTT 3.1.1, 5 = MQTT 5.0. 3 and 4 share the 3.1.1 spec numbering. */
export type ProtocolVersion = 3 | 4 | 5;

export interface Field {
  name: string;
  /** Byte offsets into the packet, end exclusive. Bit fields share their byte's range. */
  start: number;
  end: number;
  /** For fields narrower than a byte, which bits: "7–4", "3", "2–1". */
  bits?: string;
  /** Display form of the value. */
  value: string;
  explanation: string;
  /** Section number of the spec of the packet's protocol version ("3.3.2.1"). */
  spec: string;
  group: FieldGroup;
  children?: Field[];
}

export interface Dissection {
  /** Packet type name ("PUBLISH"), or "Reserved (0)" for a type the spec does not define. */
  type: string;
  protocolVersion: ProtocolVersion;
  fields: Field[];
  /** Malformed or truncated input, in words; the fields read before the problem are kept. */
  problems: string[];
}
