/** The topics area's sentences. Keys start with "topics."; zh-CN/topics.ts must hold the same keys. */
export const topics = {
} satisfies Record<string, string>;
