/** The exchange area's sentences. Keys start with "exchange."; zh-CN/exchange.ts must hold the same keys. */
export const exchange = {
} satisfies Record<string, string>;
