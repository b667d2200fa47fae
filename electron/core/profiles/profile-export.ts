import type { Profile, ProfileFields, SavedSubscription, Secrets } from '../../../shared/domain/profile';
import { secretNames } from '../../../shared/domain/profile';

export const exportFormat = 'mqtt-lab.profiles-export';
export const exportVersion = 1;

export type ExportedProfile = ProfileFields & { id: string; subscriptions: SavedSubscription[]; secrets?: Partial<Secrets> };

export interface ProfileExport {
  fileName: string;
  content: string;
  count: number;
}

/**
 * Our own export: readable JSON that another MQTT Lab imports. Secrets go in only when the user
 * asked for them, and then in clear text: the file is meant to move to another machine, where no
 * key of this one could open them.
 */
export function exportProfiles(profiles: readonly Profile[], includeSecrets: boolean, now: Date = new Date()): ProfileExport {
  const exported = profiles.map((profile): ExportedProfile => {
    const { secrets, ...fields } = profile;
    if (!includeSecrets) return fields;
    const set: Partial<Secrets> = {};
    for (const name of secretNames) if (secrets[name] !== '') set[name] = secrets[name];
    return { ...fields, secrets: set };
  });
  const document = { format: exportFormat, version: exportVersion, exportedAt: now.toISOString(), profiles: exported };
  return { fileName: `mqtt-lab-profiles-${localDate(now)}.json`, content: `${JSON.stringify(document, null, 2)}\n`, count: exported.length };
}

/** The user's own calendar day, as the file name is read by the user. */
function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
