import type { simulator as en } from '../en/simulator';

export const simulator: Record<keyof typeof en, string> = {
};
