import type { subscriptions as en } from '../en/subscriptions';

export const subscriptions: Record<keyof typeof en, string> = {
};
