/** The recordings area's sentences. Keys start with "recordings."; zh-CN/recordings.ts must hold the same keys. */
export const recordings = {
} satisfies Record<string, string>;
