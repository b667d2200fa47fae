/** The simulator area's sentences. Keys start with "simulator."; zh-CN/simulator.ts must hold the same keys. */
export const simulator = {
} satisfies Record<string, string>;
