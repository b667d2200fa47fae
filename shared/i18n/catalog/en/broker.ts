/** The broker area's sentences. Keys start with "broker."; zh-CN/broker.ts must hold the same keys. */
export const broker = {
} satisfies Record<string, string>;
