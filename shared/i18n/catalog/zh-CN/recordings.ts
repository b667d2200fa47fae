import type { recordings as en } from '../en/recordings';

export const recordings: Record<keyof typeof en, string> = {
};
