/** The connections area's sentences. Keys start with "connections."; zh-CN/connections.ts must hold the same keys. */
export const connections = {
} satisfies Record<string, string>;
