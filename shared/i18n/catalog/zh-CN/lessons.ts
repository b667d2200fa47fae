import type { lessons as en } from '../en/lessons';

export const lessons: Record<keyof typeof en, string> = {
};
