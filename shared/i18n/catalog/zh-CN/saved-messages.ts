import type { savedMessages as en } from '../en/saved-messages';

export const savedMessages: Record<keyof typeof en, string> = {
};
