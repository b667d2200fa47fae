import type { messages as en } from '../en/messages';

export const messages: Record<keyof typeof en, string> = {
};
