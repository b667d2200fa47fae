import type { topics as en } from '../en/topics';

export const topics: Record<keyof typeof en, string> = {
};
