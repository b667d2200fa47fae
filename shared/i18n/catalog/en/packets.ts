/** The packets area's sentences. Keys start with "packets."; zh-CN/packets.ts must hold the same keys. */
export const packets = {
} satisfies Record<string, string>;
