/** The subscriptions area's sentences. Keys start with "subscriptions."; zh-CN/subscriptions.ts must hold the same keys. */
export const subscriptions = {
} satisfies Record<string, string>;
