/**
 * A payload decoded in the main process by a schema the renderer does not hold: Sparkplug B (whose
 * aliases need the births seen earlier in the session) and Protobuf (whose .proto files are parsed
 * in main only). `message.get` sends it with the message; the detail shows it under "View as".
 */
export interface SchemaDecoded {
  format: 'sparkplug' | 'protobuf';
  /** For the view's label: "Sparkplug B", "Protobuf acme.Reading". */
  label: string;
  /** Pretty JSON, when it decoded. */
  text?: string;
  /** Why it did not decode, naming the byte. */
  error?: string;
  notes: string[];
}
