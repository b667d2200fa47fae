// shared/ sees neither DOM nor Node typings, yet both runtimes provide the WHATWG TextDecoder and TextEncoder.
// Declaring just the part we use keeps shared/ honest about what it needs from its host.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
