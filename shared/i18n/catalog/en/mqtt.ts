/** The mqtt area's sentences. Keys start with "mqtt."; zh-CN/mqtt.ts must hold the same keys. */
export const mqtt = {
} satisfies Record<string, string>;
