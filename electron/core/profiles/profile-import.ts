import type { Profile } from '../../../shared/domain/profile';
import { ProfileInput, SavedSubscriptions, defaultProfileFields, noSecrets, secretNames } from '../../../shared/domain/profile';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { mergeSecrets } from '../connections/connection-registry';
import { exportFormat, exportVersion } from './profile-export';
import { issueMessage, profileFileFormat } from './profile-file';
import type { ImportCandidate, PemReader } from './mqttx-import';
import { fallbackLabel, findMqttxConnections, givenLabel, importedId, mqttxCandidate, mqttxNotes, readPemFromDisk } from './mqttx-import';

export interface ParsedImport {
  profiles: Profile[];
  /** Plain sentences: what was skipped or left out, and what the user has to do about it (English). */
  warnings: string[];
  /** The same as messages, for the renderer to word. */
  warningTexts: NestedMessage[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an MQTT Lab export or an MQTTX connection export. Every profile passes the same schema as
 * a save request; one that fails is skipped with a warning naming it, the others still come in.
 * A file that is neither format fails as a whole (invalid_input).
 */
export function parseProfileImport(fileName: string, content: string, readPem: PemReader = readPemFromDisk): ParsedImport {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new AppError('invalid_input', msg('connections.profiles.notJson', { fileName, detail: (error as Error).message }));
  }

  let candidates: ImportCandidate[];
  const warnings: NestedMessage[] = [];
  if (isRecord(document) && typeof document.format === 'string') {
    candidates = ourCandidates(fileName, document, warnings);
  } else {
    const connections = findMqttxConnections(document);
    if (!connections) {
      throw new AppError('invalid_input', msg('connections.profiles.unknownExport', { fileName }));
    }
    candidates = connections.map((connection, index) => mqttxCandidate(connection, index, readPem));
    warnings.push(...mqttxNotes(connections));
  }
  if (candidates.length === 0) warnings.unshift(nested('connections.import.empty', { fileName }));

  const profiles: Profile[] = [];
  for (const candidate of candidates) {
    if (candidate.problem) {
      warnings.push(nested('connections.import.skippedEntry', { label: candidate.label }, { label: candidate.labelText, problem: candidate.problem }));
      continue;
    }
    const result = ProfileInput.safeParse(candidate.value);
    if (!result.success) {
      warnings.push(nested('connections.import.skipped', { label: candidate.label }, { label: candidate.labelText, problem: issueMessage(result.error) }));
      continue;
    }
    warnings.push(...candidate.warnings);
    const { secrets, ...fields } = result.data;
    profiles.push({ ...fields, secrets: mergeSecrets(noSecrets, secrets), subscriptions: importedSubscriptions(candidate, warnings) });
  }
  return { profiles, warnings: warnings.map(englishNested), warningTexts: warnings };
}

/** Our exports carry the saved subscriptions; a list that does not pass is left out, the profile still comes in. */
function importedSubscriptions(candidate: ImportCandidate, warnings: NestedMessage[]): Profile['subscriptions'] {
  const given = candidate.value.subscriptions;
  if (given === undefined) return [];
  const result = SavedSubscriptions.safeParse(given);
  if (result.success) return result.data;
  warnings.push(nested('connections.import.subscriptionsLeftOut', { label: candidate.label }, { label: candidate.labelText, problem: issueMessage(result.error) }));
  return [];
}

function ourCandidates(fileName: string, document: Json, warnings: NestedMessage[]): ImportCandidate[] {
  if (document.format === profileFileFormat) {
    throw new AppError('invalid_input', msg('connections.profiles.storeFile', { fileName }));
  }
  if (document.format !== exportFormat) {
    throw new AppError('invalid_input', msg('connections.profiles.unknownFormat', { fileName, format: String(document.format).slice(0, 100) }));
  }
  const { version } = document;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AppError('invalid_input', msg('connections.profiles.noVersion', { fileName }));
  }
  if (version > exportVersion) {
    throw new AppError('invalid_input', msg('connections.profiles.newerVersion', { fileName, version, readable: exportVersion }));
  }
  if (!Array.isArray(document.profiles)) throw new AppError('invalid_input', msg('connections.profiles.noProfiles', { fileName }));

  const candidates = document.profiles.map((entry, index) => ourCandidate(entry, index));
  const withoutSecrets = document.profiles.every((entry) => !isRecord(entry) || !isRecord(entry.secrets));
  const mayNeedSecrets = candidates.some(({ value }) => value.username !== '' || (isRecord(value.tls) && value.tls.keyName !== ''));
  if (withoutSecrets && mayNeedSecrets) {
    warnings.push(nested('connections.import.noSecrets'));
  }
  return candidates;
}

function ourCandidate(entry: unknown, index: number): ImportCandidate {
  if (!isRecord(entry)) return { ...fallbackLabel('connections.import.entryLabel', index), value: {}, warnings: [], problem: nested('connections.import.notProfile') };
  const labels = typeof entry.name === 'string' && entry.name.trim() !== '' ? givenLabel(entry.name) : fallbackLabel('connections.import.profileLabel', index);
  const value = withDefaults(entry);
  value.id = importedId(entry.id);
  const secrets: Json = {};
  if (isRecord(entry.secrets)) for (const name of secretNames) if (typeof entry.secrets[name] === 'string') secrets[name] = entry.secrets[name];
  value.secrets = secrets;
  return { ...labels, value, warnings: [] };
}

/** Fields a hand-edited or older export lacks come from the defaults, one level into nested groups. */
function withDefaults(entry: Json): Json {
  const defaults = defaultProfileFields() as unknown as Json;
  const merged: Json = { ...defaults, ...entry };
  for (const [key, value] of Object.entries(defaults)) {
    const given = entry[key];
    if (isRecord(value) && isRecord(given)) merged[key] = { ...value, ...given };
  }
  return merged;
}
