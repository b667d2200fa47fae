import type { cli as en } from '../en/cli';

export const cli: Record<keyof typeof en, string> = {
};
