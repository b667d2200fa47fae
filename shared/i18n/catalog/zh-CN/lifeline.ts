import type { lifeline as en } from '../en/lifeline';

export const lifeline: Record<keyof typeof en, string> = {
};
