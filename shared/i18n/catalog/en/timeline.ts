/** The timeline area's sentences. Keys start with "timeline."; zh-CN/timeline.ts must hold the same keys. */
export const timeline = {
} satisfies Record<string, string>;
