import type { exchange as en } from '../en/exchange';

export const exchange: Record<keyof typeof en, string> = {
};
