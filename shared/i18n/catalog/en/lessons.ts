/** The lessons area's sentences. Keys start with "lessons."; zh-CN/lessons.ts must hold the same keys. */
export const lessons = {
} satisfies Record<string, string>;
