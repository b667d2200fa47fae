import type { payload as en } from '../en/payload';

export const payload: Record<keyof typeof en, string> = {
};
