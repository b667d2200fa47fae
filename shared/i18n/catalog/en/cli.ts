/** The cli area's sentences. Keys start with "cli."; zh-CN/cli.ts must hold the same keys. */
export const cli = {
} satisfies Record<string, string>;
