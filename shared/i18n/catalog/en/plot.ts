/** The plot area's sentences. Keys start with "plot."; zh-CN/plot.ts must hold the same keys. */
export const plot = {
} satisfies Record<string, string>;
