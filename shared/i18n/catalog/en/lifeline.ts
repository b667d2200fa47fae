/** The lifeline area's sentences. Keys start with "lifeline."; zh-CN/lifeline.ts must hold the same keys. */
export const lifeline = {
} satisfies Record<string, string>;
