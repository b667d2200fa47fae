/** The savedMessages area's sentences. Keys start with "savedMessages."; zh-CN/saved-messages.ts must hold the same keys. */
export const savedMessages = {
} satisfies Record<string, string>;
