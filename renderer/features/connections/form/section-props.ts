import type { FieldErrors, ProfileDraft } from '../profile-form';

export interface SectionProps {
  draft: ProfileDraft;
  errors: FieldErrors;
  /** Applies a change to a copy of the draft and clears the errors under `path`. */
  edit(path: string, change: (draft: ProfileDraft) => void): void;
}

/** The errors under a list field, re-keyed by "index.key" for the list editor. */
export function listErrors(errors: FieldErrors, path: string): Record<string, string> {
  const prefix = `${path}.`;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
}
