import type { connections as en } from '../en/connections';

export const connections: Record<keyof typeof en, string> = {
};
