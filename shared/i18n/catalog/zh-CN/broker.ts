import type { broker as en } from '../en/broker';

export const broker: Record<keyof typeof en, string> = {
};
