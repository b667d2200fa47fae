import type { plot as en } from '../en/plot';

export const plot: Record<keyof typeof en, string> = {
};
