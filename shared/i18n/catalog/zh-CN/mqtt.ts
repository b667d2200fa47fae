import type { mqtt as en } from '../en/mqtt';

export const mqtt: Record<keyof typeof en, string> = {
};
