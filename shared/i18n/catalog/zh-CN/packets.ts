import type { packets as en } from '../en/packets';

export const packets: Record<keyof typeof en, string> = {
};
