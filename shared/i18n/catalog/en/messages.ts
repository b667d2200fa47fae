/** The messages area's sentences. Keys start with "messages."; zh-CN/messages.ts must hold the same keys. */
export const messages = {
} satisfies Record<string, string>;
