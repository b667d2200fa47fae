/** The publish area's sentences. Keys start with "publish."; zh-CN/publish.ts must hold the same keys. */
export const publish = {
} satisfies Record<string, string>;
