/** The payload area's sentences. Keys start with "payload."; zh-CN/payload.ts must hold the same keys. */
export const payload = {
} satisfies Record<string, string>;
